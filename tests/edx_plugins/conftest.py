import sys
import types

import pytest
from opaque_keys.edx.keys import CourseKey
from openedx_events.learning.data import CourseData, UserData, UserPersonalData

from tests.edx_plugins.standin import standin  # noqa: F401 - a fixture

COURSE_ID = "course-v1:UrzadA+RODO+2026"


def point_plugin_at(settings, url: str) -> None:
    settings.SZPON_SERVICE = {**settings.SZPON_SERVICE, "URL": url}


@pytest.fixture
def live_service(live_server, settings):
    """The live service, as the plugin's SZPON_SERVICE URL."""
    point_plugin_at(settings, live_server.url)
    return live_server


def user_data(user) -> UserData:
    return UserData(
        id=user.pk,
        is_active=user.is_active,
        pii=UserPersonalData(username=user.username, email=user.email, name=user.full_name),
    )


def course_data(course_id: str = COURSE_ID, name: str = "RODO w urzędzie") -> CourseData:
    return CourseData(course_key=CourseKey.from_string(course_id), display_name=name)


@pytest.fixture
def platform(monkeypatch):
    """``platform("a.b.c", name=value)`` installs module a.b.c (and its parents) with attrs."""

    def install(dotted: str, **attrs) -> types.ModuleType:
        parts = dotted.split(".")
        for depth in range(1, len(parts) + 1):
            name = ".".join(parts[:depth])
            if name not in sys.modules or depth == len(parts):
                monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
        module = sys.modules[dotted]
        for key, value in attrs.items():
            setattr(module, key, value)
        return module

    return install
