"""Letting an invitee into the room: the window check, their role, and the signed room token."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from collab_service.meetings.errors import JoinRefused
from collab_service.meetings.models import Meeting, Participant
from collab_service.meetings.services.window import join_window
from collab_service.meetings.video import JitsiUser, video_backend
from collab_service.meetings.video.base import meeting_url

# Every feature a token may grant; all are sent, so none is left to the client's default "on".
FEATURES = (
    "recording",
    "livestreaming",
    "transcription",
    "screen-sharing",
    "lobby",
    "moderation",
    "outbound-call",
    "sip-outbound-call",
)


@dataclass(frozen=True)
class JoinTicket:
    """What the join page hands to the IFrame API, and the plain link as a fallback."""

    domain: str
    script_url: str
    room: str
    token: str
    url: str
    display_name: str
    email: str
    moderator: bool
    expires_at: datetime


def participant_features(participant: Participant) -> dict[str, bool]:
    """Recording only for moderators of meetings that allow it; the rest as configured."""
    meeting = participant.meeting
    granted = set(
        settings.MEETINGS_MODERATOR_FEATURES
        if participant.is_moderator
        else settings.MEETINGS_MEMBER_FEATURES
    )
    granted.discard("recording")
    if participant.is_moderator and meeting.recording_allowed:
        granted.add("recording")
    return {feature: feature in granted for feature in FEATURES}


def join_check(meeting: Meeting, *, now: datetime) -> None:
    """Raise JoinRefused unless the meeting's room may be entered at ``now``."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise JoinRefused(_("This meeting has been cancelled."), reason="cancelled")
    opens, closes = join_window(meeting)
    tz = ZoneInfo(meeting.institution.time_zone)
    if now < opens:
        raise JoinRefused(
            _("The meeting has not started yet. You can join from %(time)s.")
            % {"time": formats.date_format(timezone.localtime(opens, tz), "DATETIME_FORMAT")},
            reason="early",
        )
    if now > closes:
        raise JoinRefused(_("This meeting has ended."), reason="ended")


def meeting_token_issue(*, participant: Participant, now: datetime | None = None) -> JoinTicket:
    """Sign a short-lived room token for one invitee (owner for organisers and co-organisers,
    member for everyone else); refused for withdrawn invitations and outside the window."""
    now = now or timezone.now()
    if participant.revoked_at is not None:
        raise JoinRefused(_("This meeting link has been withdrawn."), reason="revoked")
    meeting = participant.meeting
    join_check(meeting, now=now)
    backend = video_backend()
    user = JitsiUser(
        id=str(participant.pk),
        name=participant.name,
        email=participant.email,
        moderator=participant.is_moderator,
    )
    token = backend.room_token(
        room=meeting.room_name, user=user, features=participant_features(participant), now=now
    )
    return JoinTicket(
        domain=backend.domain,
        script_url=backend.script_url(),
        room=backend.room_path(meeting.room_name),
        token=token,
        url=meeting_url(backend, room=meeting.room_name, token=token),
        display_name=participant.name,
        email=participant.email,
        moderator=participant.is_moderator,
        expires_at=now + backend.lifetime,
    )
