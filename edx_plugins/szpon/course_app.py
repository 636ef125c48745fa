"""The course app authors switch on or off in Studio ("Pages & resources")."""

from typing import Any

from django.utils.translation import gettext_noop

from edx_plugins.szpon import compat

APP_ID = "szpon_meetings"


def meetings_enabled(course_id: str) -> bool:
    from edx_plugins.szpon.models import CourseMeetingsApp

    return CourseMeetingsApp.objects.filter(course_id=course_id, enabled=True).exists()


def meetings_set_enabled(*, course_id: str, enabled: bool, user: Any = None) -> bool:
    from edx_plugins.szpon.models import CourseMeetingsApp

    changed_by = user if getattr(user, "pk", None) else None
    CourseMeetingsApp.objects.update_or_create(
        course_id=course_id, defaults={"enabled": enabled, "changed_by": changed_by}
    )
    return enabled


class MeetingsCourseApp(compat.course_app_base()):
    app_id = APP_ID
    # Marked, not translated: the platform translates names and descriptions when it shows them.
    name = gettext_noop("Meetings and consultations")
    description = gettext_noop(
        "Live meetings and consultation bookings of this course, listed on their own course tab."
    )
    documentation_links: dict = {}

    @classmethod
    def is_available(cls, course_key: Any) -> bool:
        return True

    @classmethod
    def is_enabled(cls, course_key: Any) -> bool:
        return meetings_enabled(str(course_key))

    @classmethod
    def set_enabled(cls, course_key: Any, enabled: bool, user: Any) -> bool:
        return meetings_set_enabled(course_id=str(course_key), enabled=enabled, user=user)

    @classmethod
    def get_allowed_operations(cls, course_key: Any, user: Any = None) -> dict[str, bool]:
        # Nothing to configure here: each block carries its own settings.
        return {"enable": True, "configure": False}
