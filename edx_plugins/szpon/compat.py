"""The one module that imports openedx-platform. Every import is lazy (inside a function) and has
a standalone fallback, so the plugin, its tests and the XBlock workbench run without the platform.
"""

import time
from typing import Any

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

from edx_plugins.szpon.config import service_settings

# Scopes that give the service the claims it reads: user_id, email (+ email_verified), name.
JWT_SCOPES = ["user_id", "email", "profile"]
JWT_AUDIENCE = "openedx"


class ProjectType:
    """The platform's project types (``openedx.core.djangoapps.plugins.constants``)."""

    LMS = "lms.djangoapp"
    CMS = "cms.djangoapp"


class SettingsType:
    """The platform's settings types (``openedx.core.djangoapps.plugins.constants``)."""

    PRODUCTION = "production"
    COMMON = "common"
    DEVSTACK = "devstack"
    TEST = "test"


def create_user_jwt(user: Any, *, claims: dict, expires_in: int) -> str:
    """A JWT for ``user`` shaped and signed like the LMS's own, with our ``claims`` added.

    With ``SZPON_SERVICE["JWT_PRIVATE_KEY"]`` set (workbench, tests) we sign with that PEM key.
    Inside the LMS the platform builds and signs it: its ``_create_jwt`` with the asymmetric key,
    because the public ``create_jwt_for_user`` signs with the shared secret unless a rollout
    toggle is on, and lives as long as an OAuth ID token (an hour); the service accepts only
    asymmetric, short-lived tokens.

    Raises:
        ImproperlyConfigured: outside the platform with no signing key configured.
    """
    conf = service_settings()
    if conf["JWT_PRIVATE_KEY"]:
        return _standalone_jwt(user, claims=claims, expires_in=expires_in, conf=conf)
    try:
        from openedx.core.djangoapps.oauth_dispatch.jwt import _create_jwt
    except ImportError as error:
        raise ImproperlyConfigured(
            'SZPON_SERVICE["JWT_PRIVATE_KEY"] is required outside the Open edX platform'
        ) from error
    return _create_jwt(
        user,
        scopes=list(JWT_SCOPES),
        expires_in=expires_in,
        additional_claims=claims,
        use_asymmetric_key=True,
    )


def _standalone_jwt(user: Any, *, claims: dict, expires_in: int, conf: dict) -> str:
    issuer = conf["JWT_ISSUER"] or getattr(settings, "JWT_AUTH", {}).get("JWT_ISSUER", "")
    if not issuer:
        raise ImproperlyConfigured('SZPON_SERVICE["JWT_ISSUER"] is required to sign tokens')
    now = int(time.time())
    full_name = getattr(user, "full_name", "") or user.get_full_name()
    payload = {
        "iss": issuer,
        "aud": JWT_AUDIENCE,
        "iat": now,
        "exp": now + int(expires_in),
        "preferred_username": user.username,
        "scopes": list(JWT_SCOPES),
        "version": "1.2.0",
        "filters": [],
        "is_restricted": False,
        "grant_type": "",
        # The LMS only lets active (e-mail confirmed) accounts sign in.
        "email_verified": bool(user.is_active),
        "user_id": user.pk,
        "email": user.email,
        "name": full_name,
        "given_name": user.first_name,
        "family_name": user.last_name,
        "administrator": bool(user.is_staff),
        "superuser": bool(user.is_superuser),
        **claims,
    }
    return jwt.encode(
        payload, conf["JWT_PRIVATE_KEY"], algorithm="RS512", headers={"kid": conf["JWT_KID"]}
    )


def get_user(user_id: int) -> Any | None:
    """The platform's user with this id (the LMS's ``User`` is Django's auth user)."""
    return get_user_model().objects.filter(pk=user_id).first()


def is_course_staff(user: Any, course_id: str) -> bool:
    """Whether ``user`` teaches the course: global staff, course instructor or course staff."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff:
        return True
    try:
        from common.djangoapps.student.roles import CourseInstructorRole, CourseStaffRole
        from opaque_keys import InvalidKeyError
        from opaque_keys.edx.keys import CourseKey
    except ImportError:
        return False
    try:
        course_key = CourseKey.from_string(course_id)
    except InvalidKeyError:
        return False
    return CourseInstructorRole(course_key).has_user(user) or CourseStaffRole(course_key).has_user(
        user
    )


def is_enrolled(user: Any, course_id: str) -> bool:
    """Whether ``user`` is enrolled in the course; outside the platform every signed-in user
    counts as enrolled (there are no enrolments to ask)."""
    if not getattr(user, "is_authenticated", False):
        return False
    try:
        from common.djangoapps.student.models import CourseEnrollment
        from opaque_keys import InvalidKeyError
        from opaque_keys.edx.keys import CourseKey
    except ImportError:
        return True
    try:
        return bool(CourseEnrollment.is_enrolled(user, CourseKey.from_string(course_id)))
    except InvalidKeyError:
        return False


def course_display_name(course_id: str) -> str:
    """The course's name from the platform's course overview; the course id outside it."""
    try:
        from opaque_keys import InvalidKeyError
        from opaque_keys.edx.keys import CourseKey
        from openedx.core.djangoapps.content.course_overviews.models import CourseOverview
    except ImportError:
        return course_id
    try:
        overview = CourseOverview.get_from_id(CourseKey.from_string(course_id))
    except (InvalidKeyError, CourseOverview.DoesNotExist):
        return course_id
    return overview.display_name_with_default


def enrolled_tab_base() -> type:
    """The platform's ``EnrolledTab`` (a course tab for enrolled users and course staff)."""
    try:
        from lms.djangoapps.courseware.tabs import EnrolledTab
    except ImportError:
        from edx_plugins.szpon.standalone import EnrolledTab
    return EnrolledTab


def course_app_base() -> type:
    """The platform's ``CourseApp`` (an app authors switch on or off in Studio)."""
    try:
        from openedx.core.djangoapps.course_apps.plugins import CourseApp
    except ImportError:
        from edx_plugins.szpon.standalone import CourseApp
    return CourseApp


def unit_url(course_id: str, block_id: str) -> str:
    """The LMS link that opens the unit holding ``block_id`` (the platform's ``jump_to``); empty
    outside the LMS."""
    from django.urls import NoReverseMatch, reverse

    if not block_id:
        return ""
    try:
        return reverse("jump_to", kwargs={"course_id": course_id, "location": block_id})
    except NoReverseMatch:
        return ""
