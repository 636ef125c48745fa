"""Who joins a course meeting in which role, and the join page link each person gets.

Course staff and the block's hosts join as moderators (co-organisers), learners as members and
anonymous visitors as guests when the block lets them. The course decides: someone who stopped
being a host joins as a member again. The organiser keeps their role.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from collab_service.accounts.models import User
from collab_service.courses.errors import GuestsNotAllowed
from collab_service.courses.models import CourseMeeting
from collab_service.courses.services.course_meetings import open_check
from collab_service.meetings.errors import JoinRefused
from collab_service.meetings.models import Meeting, Participant
from collab_service.meetings.services.joining import JoinTicket, meeting_token_issue

Role = Participant.Role
_SALT = "courses.join"


@dataclass(frozen=True)
class CourseJoin:
    ticket: JoinTicket
    join_url: str
    role: str  # "moderator" or "member"


def course_participant(*, meeting: Meeting, user: User, moderator: bool) -> Participant:
    """The person's participant row, made on their first join and given the course's role."""
    wanted = Role.CO_ORGANISER if moderator else Role.MEMBER
    participant = meeting.participants.filter(user=user).first()
    if participant is None:
        try:
            with transaction.atomic():
                return Participant.objects.create(
                    meeting=meeting,
                    user=user,
                    name=user.display_name,
                    email=user.email,
                    role=wanted,
                    language=meeting.language,
                )
        except IntegrityError:  # their other tab joined a moment ago
            participant = meeting.participants.get(user=user)
    changed = []
    if participant.role != Role.ORGANISER and participant.role != wanted:
        participant.role = wanted
        changed.append("role")
    if participant.name != user.display_name:
        participant.name = user.display_name
        changed.append("name")
    if changed:
        participant.save(update_fields=changed)
    return participant


def join_link(participant: Participant, *, language: str) -> str:
    """The course join page for this participant: needs no sign-in, may be framed by the LMS,
    and works for COURSES_JOIN_LINK_MINUTES."""
    token = signing.dumps(
        {"p": str(participant.pk), "v": participant.link_version, "l": language}, salt=_SALT
    )
    return settings.PUBLIC_URL + reverse("courses:join", args=[token])


def participant_from_link(token: str) -> tuple[Participant, str]:
    """The participant and language of a join link; expired, forged and withdrawn links are
    refused with JoinRefused."""
    try:
        payload = signing.loads(token, salt=_SALT, max_age=settings.COURSES_JOIN_LINK_MINUTES * 60)
        participant = Participant.objects.select_related(
            "meeting__institution", "meeting__course_meeting"
        ).get(pk=payload["p"], meeting__course_meeting__isnull=False)
    except signing.SignatureExpired:
        raise JoinRefused(
            _("This join link has expired. Join again from the course."), reason="invalid"
        ) from None
    except (signing.BadSignature, Participant.DoesNotExist, KeyError, TypeError, ValueError):
        raise JoinRefused(_("This meeting link is not valid."), reason="invalid") from None
    if participant.revoked_at is not None or payload.get("v") != participant.link_version:
        raise JoinRefused(_("This meeting link has been withdrawn."), reason="revoked")
    language = payload.get("l") if payload.get("l") in dict(settings.LANGUAGES) else ""
    return participant, language


def course_meeting_join(
    *,
    course_meeting: CourseMeeting,
    user: User,
    moderator: bool,
    language: str,
    now: datetime | None = None,
) -> CourseJoin:
    """A room token and a join page link for a course member; MeetingNotOpen when the meeting
    cannot be joined now, JoinRefused when the person's place was withdrawn."""
    now = now or timezone.now()
    open_check(course_meeting, now=now)
    participant = course_participant(meeting=course_meeting.meeting, user=user, moderator=moderator)
    ticket = meeting_token_issue(participant=participant, now=now)
    return CourseJoin(
        ticket=ticket,
        join_url=join_link(participant, language=language),
        role="moderator" if ticket.moderator else "member",
    )


def course_meeting_guest_join(
    *, course_meeting: CourseMeeting, name: str, language: str, now: datetime | None = None
) -> str:
    """A join page link for an anonymous visitor, when the block lets guests in."""
    now = now or timezone.now()
    if not course_meeting.guest_access:
        raise GuestsNotAllowed(_("This meeting is for the course's learners only."))
    open_check(course_meeting, now=now)
    guest = Participant.objects.create(
        meeting=course_meeting.meeting,
        name=" ".join(name.split())[:200],
        role=Role.GUEST,
        language=language,
    )
    return join_link(guest, language=language)
