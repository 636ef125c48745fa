"""The course join page: what ``join_url`` opens, in the LMS's frame or on its own.

The signed link is the credential (handed out by the API to the person it names, or to a guest),
so the page needs no sign-in to the service, which a framed page could not do anyway.
"""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from collab_service.courses.errors import MeetingNotOpen
from collab_service.courses.framing import frameable
from collab_service.courses.services.course_meetings import open_check
from collab_service.courses.services.joining import participant_from_link
from collab_service.meetings.errors import JoinRefused
from collab_service.meetings.join_views import _render as join_page

_REASONS = {"meeting_ended": "ended", "meeting_cancelled": "cancelled"}


@require_safe
def course_join(request: HttpRequest, token: str) -> HttpResponse:
    try:
        participant, language = participant_from_link(token)
    except JoinRefused as refusal:
        return frameable(join_page(request, participant=None, meeting=None, refusal=refusal))
    if language:
        translation.activate(language)
        request.LANGUAGE_CODE = language
    refusal = None
    try:
        open_check(participant.meeting.course_meeting, now=timezone.now())
    except MeetingNotOpen as closed:
        refusal = JoinRefused(str(closed), reason=_REASONS.get(closed.code, "early"))
    response = join_page(
        request, participant=participant, meeting=participant.meeting, refusal=refusal
    )
    response.headers["Content-Language"] = request.LANGUAGE_CODE
    return frameable(response)
