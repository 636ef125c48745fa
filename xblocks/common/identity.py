"""Who is looking at a block, read from the runtime's user service, and where the block lives."""

from dataclasses import dataclass

# Keys of the platform user service's optional attributes (the workbench shim sets them too).
USER_ID = "edx-platform.user_id"
USERNAME = "edx-platform.username"
IS_AUTHENTICATED = "edx-platform.is_authenticated"
USER_IS_STAFF = "edx-platform.user_is_staff"
USER_ROLE = "edx-platform.user_role"
STAFF_ROLES = {"staff", "instructor"}


@dataclass(frozen=True)
class Viewer:
    """The current user as the LMS knows them; ``user_id`` is None for anonymous visitors."""

    user_id: int | None = None
    username: str = ""
    email: str = ""
    full_name: str = ""
    course_staff: bool = False

    @property
    def authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def course_role(self) -> str:
        """The role our plugin signs into the token: "staff" or "learner" ("" when anonymous)."""
        if not self.authenticated:
            return ""
        return "staff" if self.course_staff else "learner"


ANONYMOUS = Viewer()


def current_viewer(block) -> Viewer:
    service = block.runtime.service(block, "user")
    if service is None:
        return ANONYMOUS
    user = service.get_current_user()
    attrs = getattr(user, "opt_attrs", None) or {}
    user_id = attrs.get(USER_ID)
    if not attrs.get(IS_AUTHENTICATED, user_id is not None) or not isinstance(user_id, int):
        return ANONYMOUS
    emails = getattr(user, "emails", None) or []
    return Viewer(
        user_id=user_id,
        username=str(attrs.get(USERNAME) or ""),
        email=emails[0] if emails else "",
        full_name=getattr(user, "full_name", None) or "",
        course_staff=_course_staff(block, service, attrs),
    )


def _course_staff(block, service, attrs: dict) -> bool:
    """Whether the viewer teaches the block's course. Inside the platform the user service
    holds the real user: ask the course's roles about them; elsewhere (workbench, tests) the
    service's attributes are all there is."""
    django_user = getattr(service, "_django_user", None)
    if django_user is not None and getattr(block, "context_key", None) is not None:
        from edx_plugins.szpon import compat

        return compat.is_course_staff(django_user, course_id(block, {}))
    return bool(attrs.get(USER_IS_STAFF)) or attrs.get(USER_ROLE) in STAFF_ROLES


def _published(key):
    """The key as the LMS shows it: Studio's keys also name a branch and a version."""
    if hasattr(key, "for_branch"):
        key = key.for_branch(None)
    if hasattr(key, "version_agnostic"):
        key = key.version_agnostic()
    return key


def block_id(block) -> str:
    return str(_published(block.scope_ids.usage_id))


def course_id(block, bucket: dict) -> str:
    """The course key of the block's course: the usage key's context on the platform; the
    block type's ``COURSE_ID`` setting where usage ids are plain strings (workbench)."""
    context = getattr(block, "context_key", None)
    if context is not None:
        return str(_published(context))
    return str(bucket.get("COURSE_ID") or getattr(block, "course_id", "") or "")
