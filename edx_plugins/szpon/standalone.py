"""Minimal stand-ins for the platform's course tab and course app base classes, with the same
hooks, used when the plugin runs outside Open edX (tests, the XBlock workbench)."""

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any


class CourseTab:
    """The attributes and hooks of ``xmodule.tabs.CourseTab`` that a plugin tab uses."""

    type = ""
    title: str | None = None
    priority: int | None = None
    view_name: str | None = None
    is_hideable = False
    is_hidden = False
    is_movable = False
    is_collection = False
    is_dynamic = False
    is_default = True
    allow_multiple = False
    course_staff_only = False

    def __init__(self, tab_dict: dict) -> None:
        self.name = tab_dict.get("name", self.title)
        self.tab_id = tab_dict.get("tab_id", getattr(self, "tab_id", self.type))
        self.course_staff_only = tab_dict.get("course_staff_only", False)
        self.is_hidden = tab_dict.get("is_hidden", False)
        self.tab_dict = tab_dict

    @property
    def link_func(self) -> Callable[[Any, Callable], str]:
        view_name = self.view_name
        return self.tab_dict.get(
            "link_func", lambda course, reverse: reverse(view_name, args=[str(course.id)])
        )

    @classmethod
    def is_enabled(cls, course: Any, user: Any = None) -> bool:
        raise NotImplementedError

    def to_json(self) -> dict:
        data = {"type": self.type, "name": self.name, "course_staff_only": self.course_staff_only}
        if self.is_hidden:
            data["is_hidden"] = True
        return data


class EnrolledTab(CourseTab):
    """``lms.djangoapps.courseware.tabs.EnrolledTab``: signed-in users enrolled in the course or
    teaching it (outside the platform every signed-in user counts as enrolled)."""

    @classmethod
    def is_enabled(cls, course: Any, user: Any = None) -> bool:
        from edx_plugins.szpon import compat

        course_id = str(course.id)
        return bool(
            user is not None
            and user.is_authenticated
            and (compat.is_enrolled(user, course_id) or compat.is_course_staff(user, course_id))
        )


class CourseApp(ABC):
    """``openedx.core.djangoapps.course_apps.plugins.CourseApp``."""

    app_id: str = ""
    name: str = ""
    description: str = ""
    documentation_links: dict = {}

    @classmethod
    @abstractmethod
    def is_available(cls, course_key: Any) -> bool: ...

    @classmethod
    @abstractmethod
    def is_enabled(cls, course_key: Any) -> bool: ...

    @classmethod
    @abstractmethod
    def set_enabled(cls, course_key: Any, enabled: bool, user: Any) -> bool: ...

    @classmethod
    @abstractmethod
    def get_allowed_operations(cls, course_key: Any, user: Any = None) -> dict[str, bool]: ...
