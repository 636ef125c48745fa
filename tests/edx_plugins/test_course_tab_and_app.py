"""The course tab and the course app as the platform uses them (through their entry points'
classes): Studio switches the app, the LMS shows the tab to enrolled users and staff."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from opaque_keys.edx.keys import CourseKey

from edx_plugins.szpon.course_app import MeetingsCourseApp
from edx_plugins.szpon.course_tab import MeetingsCourseTab
from edx_plugins.szpon.models import CourseMeetingsApp
from tests.edx_plugins.conftest import COURSE_ID
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

COURSE_KEY = CourseKey.from_string(COURSE_ID)
COURSE = SimpleNamespace(id=COURSE_KEY)


def test_app_is_available_and_off_until_an_author_turns_it_on():
    assert MeetingsCourseApp.is_available(COURSE_KEY) is True
    assert MeetingsCourseApp.is_enabled(COURSE_KEY) is False
    assert MeetingsCourseApp.get_allowed_operations(COURSE_KEY) == {
        "enable": True,
        "configure": False,
    }


def test_app_remembers_who_switched_it():
    author = UserFactory()
    assert MeetingsCourseApp.set_enabled(COURSE_KEY, True, author) is True
    assert MeetingsCourseApp.is_enabled(COURSE_KEY) is True
    state = CourseMeetingsApp.objects.get(course_id=COURSE_ID)
    assert state.changed_by == author

    assert MeetingsCourseApp.set_enabled(COURSE_KEY, enabled=False, user=author) is False
    assert MeetingsCourseApp.is_enabled(COURSE_KEY) is False
    assert CourseMeetingsApp.objects.count() == 1


def test_app_state_is_per_course():
    MeetingsCourseApp.set_enabled(COURSE_KEY, True, UserFactory())
    other = CourseKey.from_string("course-v1:UrzadB+RODO+2026")
    assert MeetingsCourseApp.is_enabled(other) is False


def test_tab_is_shown_to_signed_in_users_of_courses_with_the_app_on():
    user = UserFactory()
    assert MeetingsCourseTab.is_enabled(COURSE, user=user) is False
    MeetingsCourseApp.set_enabled(COURSE_KEY, True, user)
    assert MeetingsCourseTab.is_enabled(COURSE, user=user) is True
    assert MeetingsCourseTab.is_enabled(COURSE, user=AnonymousUser()) is False
    assert MeetingsCourseTab.is_enabled(COURSE, user=None) is False


def test_tab_links_to_the_plugins_course_page():
    # The platform builds dynamic tabs as tab_type({}) and asks link_func for the URL.
    tab = MeetingsCourseTab({})
    assert tab.type == "szpon_meetings"
    assert tab.name == "Meetings and consultations"
    assert tab.tab_id == "szpon_meetings"
    assert tab.is_dynamic is True
    assert tab.link_func(COURSE, reverse) == f"/szpon/courses/{COURSE_ID}/meetings/"
    assert tab.to_json() == {
        "type": "szpon_meetings",
        "name": "Meetings and consultations",
        "course_staff_only": False,
    }
