"""The join page: checks the invitee and the time, then embeds the room with a fresh token."""

from urllib.parse import urlsplit
from uuid import UUID

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from collab_service.meetings.errors import JoinRefused
from collab_service.meetings.models import Meeting, Participant
from collab_service.meetings.selectors import meetings_visible_to, participant_of
from collab_service.meetings.services.invitations import participant_from_token
from collab_service.meetings.services.joining import JoinTicket, meeting_token_issue


def _csp(ticket: JoinTicket) -> str:
    """The site's policy, widened to the Jitsi origin for its script and its frame only."""
    parts = urlsplit(ticket.script_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    directives = {}
    for directive in settings.CONTENT_SECURITY_POLICY.split(";"):
        name, _space, value = directive.strip().partition(" ")
        if name:
            directives[name] = value
    for name in ("script-src", "frame-src"):
        allowed = directives.get(name, "'self'")
        directives[name] = f"{allowed} {origin}"
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


def join_page(
    request: HttpRequest,
    *,
    participant: Participant | None,
    meeting: Meeting | None,
    refusal: JoinRefused | None = None,
) -> HttpResponse:
    ticket = None
    if refusal is None and participant is not None:
        try:
            ticket = meeting_token_issue(participant=participant)
        except JoinRefused as error:
            refusal = error
    context = {
        "meeting": meeting,
        "participant": participant,
        "ticket": ticket,
        "refusal": refusal,
        "config": ticket
        and {
            "domain": ticket.domain,
            "roomName": ticket.room,
            "jwt": ticket.token,
            "lang": request.LANGUAGE_CODE,
            "displayName": ticket.display_name,
            "email": ticket.email,
        },
    }
    response = render(request, "meetings/join.html", context, status=403 if refusal else 200)
    response.headers["Cache-Control"] = "no-store"
    if ticket is not None:
        response.headers["Content-Security-Policy"] = _csp(ticket)
    return response


@login_required
def meeting_join(request: HttpRequest, pk: int) -> HttpResponse:
    """A signed-in invitee joins from the meeting page."""
    meeting = get_object_or_404(meetings_visible_to(request.user), pk=pk)
    participant = participant_of(request.user, meeting)
    if participant is None:
        raise Http404
    return join_page(request, participant=participant, meeting=meeting)


def personal_join(request: HttpRequest, token: str) -> HttpResponse:
    """The personal link from the invitation: guests need nothing else; colleagues sign in."""
    try:
        participant = participant_from_token(token)
    except JoinRefused as refusal:
        return join_page(request, participant=None, meeting=None, refusal=refusal)
    if participant.user_id is not None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.user.pk != participant.user_id:
            refusal = JoinRefused(
                _("This link was sent to someone else. Sign in with your own account."),
                reason="other",
            )
            return join_page(request, participant=None, meeting=None, refusal=refusal)
    return join_page(request, participant=participant, meeting=participant.meeting)


@login_required
def visit_join(request: HttpRequest, booking_id: UUID) -> HttpResponse:
    """From the desk: the official joins the video call of a citizen's video visit."""
    meeting = get_object_or_404(meetings_visible_to(request.user), source=f"booking:{booking_id}")
    return redirect("meetings:join", pk=meeting.pk)
