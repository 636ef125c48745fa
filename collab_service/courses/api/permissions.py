"""Course endpoints serve our LMS plugin only: its tokens carry the course and the user's role
in it (``PluginContext``), which is all these checks rely on."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from collab_service.accounts.authentication import plugin_context
from collab_service.accounts.jwt_verifier import PluginContext
from collab_service.courses.models import CourseMeeting


class FromCourse(BasePermission):
    message = gettext_lazy(
        "This endpoint serves Open edX courses: it needs a token from the course plugin, "
        "which names the course."
    )

    def has_permission(self, request: Request, view: APIView) -> bool:
        context = plugin_context(request)
        return context is not None and bool(context.course_id)


def course_context(request: Request) -> PluginContext:
    context = plugin_context(request)
    if context is None or not context.course_id:
        raise PermissionDenied(FromCourse.message)
    return context


def same_course(context: PluginContext, course_id: str) -> None:
    if course_id != context.course_id:
        raise PermissionDenied(
            _("This request is about course %(asked)s, but it comes from course %(course)s.")
            % {"asked": course_id, "course": context.course_id}
        )


def staff_only(context: PluginContext) -> None:
    if not context.is_course_staff:
        raise PermissionDenied(_("Only the course's staff can do this."))


def lms_username(request: Request) -> str:
    return request.auth.identity.username


def can_host(request: Request, course_meeting: CourseMeeting) -> bool:
    """Course staff, and the people the block names as hosts (by LMS username)."""
    context = course_context(request)
    username = lms_username(request)
    return context.is_course_staff or (bool(username) and username in course_meeting.hosts)


def host_only(request: Request, course_meeting: CourseMeeting) -> None:
    if not can_host(request, course_meeting):
        raise PermissionDenied(_("Only the meeting's hosts and the course's staff can do this."))
