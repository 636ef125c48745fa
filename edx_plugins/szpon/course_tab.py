"""The "Meetings and consultations" course tab: a link to the plugin's page for the course."""

from typing import Any

from django.utils.translation import gettext_noop

from edx_plugins.szpon import compat
from edx_plugins.szpon.course_app import meetings_enabled


def _link(course: Any, reverse_func: Any) -> str:
    return reverse_func("szpon:course_meetings", args=[str(course.id)])


class MeetingsCourseTab(compat.enrolled_tab_base()):
    type = "szpon_meetings"
    # Marked, not translated: the platform translates tab titles for the person viewing them.
    title = gettext_noop("Meetings and consultations")
    priority = 70
    view_name = "szpon:course_meetings"
    # Not stored in the course's tab list: shown whenever the course app is on.
    is_dynamic = True
    is_default = False
    is_hideable = False

    def __init__(self, tab_dict: dict | None = None) -> None:
        tab_dict = dict(tab_dict or {})
        tab_dict["link_func"] = _link
        super().__init__(tab_dict)

    @classmethod
    def is_enabled(cls, course: Any, user: Any = None) -> bool:
        if not super().is_enabled(course, user=user):
            return False
        return meetings_enabled(str(course.id))
