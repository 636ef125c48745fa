"""The LMS page behind the course tab: the course's meetings and bookable consultations."""

import logging
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from edx_plugins.szpon import compat
from edx_plugins.szpon.client import ServiceError, ServiceUnavailable, client_for
from edx_plugins.szpon.course_app import meetings_enabled

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Section:
    """One list on the page, or the friendly reason it could not be fetched."""

    items: list[Any]
    error: str = ""
    unavailable: bool = False


def _state_labels() -> dict[str, str]:
    return {
        "not_started": _("Not started yet"),
        "upcoming": _("Upcoming"),
        "live": _("Live now"),
        "ended": _("Ended"),
        "cancelled": _("Cancelled"),
    }


def _fetch(fetch: Any, what: str, course_id: str) -> Section:
    try:
        return Section(items=fetch())
    except ServiceError as error:
        logger.warning("course %s: %s not fetched: %s %s", course_id, what, error, error.detail)
        return Section(
            items=[], error=error.message, unavailable=isinstance(error, ServiceUnavailable)
        )


@login_required
def course_meetings(request: HttpRequest, course_id: str) -> HttpResponse:
    if not meetings_enabled(course_id):
        raise Http404
    user = request.user
    is_staff = compat.is_course_staff(user, course_id)
    context = {
        "course_id": course_id,
        "course_name": compat.course_display_name(course_id),
        "language": get_language(),
    }
    if not is_staff and not compat.is_enrolled(user, course_id):
        context["refusal"] = _("Enrol in this course to see its meetings and consultations.")
        return render(request, "szpon/course_meetings.html", context, status=403)
    try:
        client = client_for(
            user, course_id=course_id, course_role="staff" if is_staff else "learner"
        )
    except (ImproperlyConfigured, ServiceError):
        logger.exception("course %s: the service client is not configured", course_id)
        client = None
    if client is None:
        unset = Section(items=[], error=_("Meetings are not set up on this site yet."))
        meetings = consultations = unset
    else:
        with client:
            meetings = _fetch(lambda: client.course_meetings(course_id), "meetings", course_id)
            if meetings.unavailable:
                # Do not make the user wait for a second round of timeouts.
                consultations = meetings
            else:
                consultations = _fetch(
                    lambda: client.course_consultations(course_id), "consultations", course_id
                )
    labels = _state_labels()
    context.update(
        meetings=meetings,
        meeting_rows=[
            {
                "meeting": meeting,
                "state": labels.get(meeting.state, meeting.state),
                "unit_url": compat.unit_url(course_id, meeting.block_id),
            }
            for meeting in meetings.items
        ],
        consultations=consultations,
        consultation_rows=[
            {
                "consultation": consultation,
                "unit_url": compat.unit_url(course_id, consultation.block_id),
            }
            for consultation in consultations.items
        ],
    )
    return render(request, "szpon/course_meetings.html", context)
