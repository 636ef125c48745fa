"""The plugin app loaded the way the LMS loads it: entry points, INSTALLED_APPS, plugin settings,
URLs and signal receivers (tests/settings.py and tests/urls.py do what the LMS does)."""

from importlib.metadata import entry_points
from types import SimpleNamespace

from django.apps import apps
from django.conf import settings
from django.urls import resolve, reverse
from edx_django_utils.plugins import PluginManager, get_plugin_apps
from openedx_events.learning import signals as learning

from edx_plugins.szpon import signals, views
from edx_plugins.szpon.compat import ProjectType
from edx_plugins.szpon.course_app import MeetingsCourseApp
from edx_plugins.szpon.course_tab import MeetingsCourseTab
from edx_plugins.szpon.settings import common, production
from tests.edx_plugins.conftest import COURSE_ID


def _names(group: str) -> set[str]:
    return {ep.name for ep in entry_points(group=group)}


def test_entry_points_are_registered():
    assert {"szpon_meeting", "szpon_appointment"} <= _names("xblock.v1")
    assert "szpon" in _names("lms.djangoapp")
    assert "szpon" in _names("cms.djangoapp")
    assert "szpon_meetings" in _names("openedx.course_tab")
    assert "szpon_meetings" in _names("openedx.course_app")


def test_the_platforms_plugin_managers_find_the_tab_and_the_app():
    # What CourseTabPluginManager and CourseAppsPluginManager do with their namespaces.
    tab = PluginManager.get_plugin("szpon_meetings", namespace="openedx.course_tab")
    app = PluginManager.get_plugin("szpon_meetings", namespace="openedx.course_app")
    assert tab is MeetingsCourseTab
    assert tab.type == "szpon_meetings"
    assert app is MeetingsCourseApp
    assert app.app_id == "szpon_meetings"


def test_plugin_app_is_installed_for_lms_and_cms():
    assert "edx_plugins.szpon.apps.SzponConfig" in get_plugin_apps(ProjectType.LMS)
    assert "edx_plugins.szpon.apps.SzponConfig" in get_plugin_apps(ProjectType.CMS)
    assert apps.is_installed("edx_plugins.szpon")
    assert apps.get_app_config("szpon").name == "edx_plugins.szpon"


def test_plugin_settings_are_applied():
    service = settings.SZPON_SERVICE
    assert service["TIMEOUT"] == 2  # the test settings type, over the common default of 5
    assert service["JWT_EXPIRES_SECONDS"] == 60
    assert service["JWT_KID"] == "openedx"
    assert service["PUBLIC_URL"] == ""
    assert service["EVENT_RETRY_SECONDS"] == 30


def test_xblock_settings_are_merged_without_clobbering():
    assert settings.XBLOCK_SETTINGS["some_other_block"] == {"KEY": "kept"}
    assert settings.XBLOCK_SETTINGS["szpon_meeting"]["OPERATOR_KEY"] == "kept"
    assert "szpon_appointment" in settings.XBLOCK_SETTINGS


def test_production_settings_take_the_operators_values_key_by_key():
    project = SimpleNamespace(
        SZPON_SERVICE={"URL": "http://collab:8000", "TIMEOUT": 9},
        XBLOCK_SETTINGS={"szpon_meeting": {"A": 1}, "other": {"B": 2}},
        ENV_TOKENS={
            "SZPON_SERVICE": {"PUBLIC_URL": "https://collab.example.gov.pl"},
            "XBLOCK_SETTINGS": {"szpon_meeting": {"C": 3}},
        },
    )
    common.plugin_settings(project)
    production.plugin_settings(project)
    assert project.SZPON_SERVICE["URL"] == "http://collab:8000"
    assert project.SZPON_SERVICE["TIMEOUT"] == 9
    assert project.SZPON_SERVICE["PUBLIC_URL"] == "https://collab.example.gov.pl"
    assert project.SZPON_SERVICE["RETRIES"] == 2
    assert project.XBLOCK_SETTINGS == {
        "szpon_meeting": {"A": 1, "C": 3},
        "other": {"B": 2},
        "szpon_appointment": {},
    }


def test_common_settings_work_on_a_project_without_our_keys():
    project = SimpleNamespace()
    common.plugin_settings(project)
    assert project.SZPON_SERVICE["URL"] == ""
    assert project.XBLOCK_SETTINGS == {"szpon_meeting": {}, "szpon_appointment": {}}


def test_urls_resolve_under_the_plugin_namespace():
    url = reverse("szpon:course_meetings", args=[COURSE_ID])
    assert url == f"/szpon/courses/{COURSE_ID}/meetings/"
    assert resolve(url).func is views.course_meetings


def test_receivers_are_connected_to_the_learning_events():
    expected = {
        learning.COURSE_ENROLLMENT_CREATED: signals.enrollment_created,
        learning.COURSE_UNENROLLMENT_COMPLETED: signals.unenrollment_completed,
        learning.CERTIFICATE_CREATED: signals.certificate_created,
        learning.CERTIFICATE_REVOKED: signals.certificate_revoked,
        learning.COURSE_PASSING_STATUS_UPDATED: signals.passing_status_updated,
    }
    for signal, receiver in expected.items():
        connected = [ref() for _key, ref, *_ in signal.receivers]
        assert receiver in connected, signal
