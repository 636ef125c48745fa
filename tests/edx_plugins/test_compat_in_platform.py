"""The adapter inside the platform: it calls the platform's own functions as they are defined
upstream (openedx-platform: oauth_dispatch.jwt._create_jwt, student.roles, CourseOverview,
courseware.tabs.EnrolledTab, course_apps.plugins.CourseApp). The platform cannot be installed
here, so the ``platform`` fixture puts minimal modules with the upstream names and signatures
in its place, and the tests check what the adapter asks of them."""

import pytest
from django.core.exceptions import ObjectDoesNotExist

from edx_plugins.szpon import compat
from tests.factories import UserFactory


@pytest.mark.django_db
def test_inside_the_platform_the_platform_signs_with_its_asymmetric_key(platform, settings):
    settings.SZPON_SERVICE = {**settings.SZPON_SERVICE, "JWT_PRIVATE_KEY": ""}
    calls = []

    def _create_jwt(
        user,
        scopes=None,
        expires_in=None,
        is_restricted=False,
        filters=None,
        aud=None,
        additional_claims=None,
        use_asymmetric_key=None,
        secret=None,
        grant_type=None,
    ):
        calls.append((user, scopes, expires_in, additional_claims, use_asymmetric_key))
        return "platform-token"

    platform("openedx.core.djangoapps.oauth_dispatch.jwt", _create_jwt=_create_jwt)
    user = UserFactory()
    claims = {"szpon": {"course_id": "course-v1:O+C+R", "course_role": "staff"}}

    assert compat.create_user_jwt(user, claims=claims, expires_in=120) == "platform-token"
    assert calls == [(user, ["user_id", "email", "profile"], 120, claims, True)]


@pytest.mark.django_db
def test_a_configured_key_wins_over_the_platform(platform):
    platform("openedx.core.djangoapps.oauth_dispatch.jwt", _create_jwt=None)
    token = compat.create_user_jwt(UserFactory(), claims={}, expires_in=60)
    assert token.count(".") == 2


class _Role:
    members: dict[str, set] = {}

    def __init__(self, course_key):
        self.course_key = course_key

    def has_user(self, user):
        return (str(self.course_key), user.pk) in self.members.get(type(self).__name__, set())


@pytest.mark.django_db
def test_course_staff_and_instructors_come_from_the_platforms_roles(platform):
    class CourseStaffRole(_Role):
        pass

    class CourseInstructorRole(_Role):
        pass

    platform(
        "common.djangoapps.student.roles",
        CourseStaffRole=CourseStaffRole,
        CourseInstructorRole=CourseInstructorRole,
    )
    staff, instructor, learner = UserFactory(), UserFactory(), UserFactory()
    _Role.members = {
        "CourseStaffRole": {("course-v1:O+C+R", staff.pk)},
        "CourseInstructorRole": {("course-v1:O+C+R", instructor.pk)},
    }
    assert compat.is_course_staff(staff, "course-v1:O+C+R") is True
    assert compat.is_course_staff(instructor, "course-v1:O+C+R") is True
    assert compat.is_course_staff(learner, "course-v1:O+C+R") is False
    assert compat.is_course_staff(staff, "course-v1:O+OTHER+R") is False
    assert compat.is_course_staff(staff, "not a course key") is False


@pytest.mark.django_db
def test_enrolment_comes_from_the_platform(platform):
    enrolled = UserFactory()

    class CourseEnrollment:
        @classmethod
        def is_enrolled(cls, user, course_key):
            return user == enrolled and str(course_key) == "course-v1:O+C+R"

    platform("common.djangoapps.student.models", CourseEnrollment=CourseEnrollment)
    assert compat.is_enrolled(enrolled, "course-v1:O+C+R") is True
    assert compat.is_enrolled(UserFactory(), "course-v1:O+C+R") is False


def test_course_name_comes_from_the_course_overview(platform):
    class CourseOverview:
        DoesNotExist = type("DoesNotExist", (ObjectDoesNotExist,), {})

        def __init__(self, name):
            self.display_name_with_default = name

        @classmethod
        def get_from_id(cls, course_key):
            if str(course_key) != "course-v1:O+C+R":
                raise cls.DoesNotExist
            return cls("Ochrona danych osobowych")

    platform(
        "openedx.core.djangoapps.content.course_overviews.models", CourseOverview=CourseOverview
    )
    assert compat.course_display_name("course-v1:O+C+R") == "Ochrona danych osobowych"
    assert compat.course_display_name("course-v1:O+OTHER+R") == "course-v1:O+OTHER+R"


def test_base_classes_come_from_the_platform(platform):
    class EnrolledTab:
        pass

    class CourseApp:
        pass

    platform("lms.djangoapps.courseware.tabs", EnrolledTab=EnrolledTab)
    platform("openedx.core.djangoapps.course_apps.plugins", CourseApp=CourseApp)
    assert compat.enrolled_tab_base() is EnrolledTab
    assert compat.course_app_base() is CourseApp
