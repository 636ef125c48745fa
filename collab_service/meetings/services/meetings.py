"""Scheduling meetings and managing who is invited; each change is mailed in its transaction."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collab_service.accounts.models import User
from collab_service.institutions.models import Institution, Membership, Unit
from collab_service.meetings.errors import MeetingConflict, MeetingError
from collab_service.meetings.models import Meeting, Participant
from collab_service.meetings.services.invitations import invitation_send

MAX_DURATION = timedelta(hours=12)
MAX_EMAIL_LENGTH = Participant._meta.get_field("email").max_length
Role = Participant.Role


@dataclass(frozen=True)
class Guest:
    """Someone from outside the office, invited by e-mail."""

    name: str
    email: str


def _check_times(start: datetime, end: datetime, *, now: datetime) -> None:
    if end <= start:
        raise MeetingError(_("The meeting must end after it starts."))
    if end - start > MAX_DURATION:
        raise MeetingError(_("A meeting can last at most 12 hours."))
    if end <= now:
        raise MeetingError(_("This time has already passed."))
    if start > now + timedelta(days=3 * 366):
        raise MeetingError(_("A meeting can be planned at most three years ahead."))


def _check_colleagues(institution: Institution, people: list[User]) -> None:
    members = set(
        Membership.objects.filter(institution=institution, user__in=people).values_list(
            "user_id", flat=True
        )
    )
    strangers = [person.display_name for person in people if person.pk not in members]
    if strangers:
        raise MeetingError(
            _("Only people of your institution can be invited as colleagues: %(names)s")
            % {"names": ", ".join(strangers)}
        )


def _clean_guests(guests: list[Guest]) -> list[Guest]:
    cleaned: dict[str, Guest] = {}
    for guest in guests:
        email = guest.email.strip()
        try:
            if len(email) > MAX_EMAIL_LENGTH:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            raise MeetingError(
                _("%(email)s is not a valid e-mail address.") % {"email": email}
            ) from None
        name = " ".join(guest.name.split())[:200] or email.split("@")[0]
        cleaned.setdefault(email.lower(), Guest(name=name, email=email))
    return list(cleaned.values())


def _participants_add(
    meeting: Meeting,
    *,
    colleagues: list[User],
    co_organisers: list[User],
    guests: list[Guest],
    language: str,
) -> list[Participant]:
    """Add people not yet invited (or invited and withdrawn); returns the ones to invite."""
    existing = {p.user_id: p for p in meeting.participants.filter(user__isnull=False)}
    known_guests = {p.email.lower(): p for p in meeting.participants.filter(user__isnull=True)}
    added: list[Participant] = []
    wanted = [(person, Role.CO_ORGANISER) for person in co_organisers] + [
        (person, Role.MEMBER) for person in colleagues if person not in co_organisers
    ]
    for person, role in wanted:
        participant = existing.get(person.pk)
        if participant is None:
            participant = Participant(meeting=meeting, user=person, language=language)
        elif participant.revoked_at is None and (
            participant.role == role or participant.role == Role.ORGANISER
        ):
            continue
        elif participant.revoked_at is not None:
            participant.revoked_at = None
            participant.link_version += 1
        participant.name = person.display_name
        participant.email = person.email
        if participant.role != Role.ORGANISER:
            participant.role = role
        participant.save()
        existing[person.pk] = participant
        added.append(participant)
    for guest in _clean_guests(guests):
        participant = known_guests.get(guest.email.lower())
        if participant is not None and participant.revoked_at is None:
            continue
        if participant is None:
            participant = Participant(meeting=meeting, role=Role.GUEST, language=language)
        else:
            participant.revoked_at = None
            participant.link_version += 1
        participant.name = guest.name
        participant.email = guest.email
        participant.save()
        added.append(participant)
    active = meeting.participants.filter(revoked_at__isnull=True).count()
    if active > settings.MEETINGS_MAX_PARTICIPANTS:
        raise MeetingError(
            _("A meeting can have at most %(count)d participants.")
            % {"count": settings.MEETINGS_MAX_PARTICIPANTS}
        )
    return added


def _invite(participants: list[Participant], *, skip_user: User | None = None) -> None:
    now = timezone.now()
    for participant in participants:
        if skip_user is not None and participant.user_id == skip_user.pk:
            continue
        invitation_send(participant=participant)
        participant.invited_at = now
        participant.save(update_fields=["invited_at"])


def meeting_create(
    *,
    organiser: User,
    institution: Institution,
    title: str,
    start: datetime | None,
    end: datetime | None,
    unit: Unit | None = None,
    description: str = "",
    lobby_enabled: bool = False,
    recording_allowed: bool = False,
    colleagues: Sequence[User] = (),
    co_organisers: Sequence[User] = (),
    guests: Sequence[Guest] = (),
    language: str = "pl",
    source: str | None = None,
    now: datetime | None = None,
) -> Meeting:
    """Schedule a meeting (``start=None``: it starts now) and e-mail every invitee.

    The organiser is a participant too (with the owner's rights); colleagues must belong to
    the institution; guests are invited by e-mail and join through their personal link.
    """
    now = now or timezone.now()
    if start is None:
        start = now
        end = end or now + timedelta(minutes=settings.MEETINGS_START_NOW_MINUTES)
    if end is None:
        raise MeetingError(_("Give the meeting an end time or a duration."))
    start, end = start.replace(microsecond=0), end.replace(microsecond=0)
    _check_times(start, end, now=now)
    if not title.strip():
        raise MeetingError(_("Give the meeting a title."))
    if unit is not None and unit.institution_id != institution.pk:
        raise MeetingError(_("This unit belongs to another institution."))
    colleagues, co_organisers = list(colleagues), list(co_organisers)
    _check_colleagues(institution, [*colleagues, *co_organisers])
    with transaction.atomic():
        meeting = Meeting.objects.create(
            institution=institution,
            unit=unit,
            organiser=organiser,
            title=title.strip()[:200],
            description=description.strip()[:5000],
            start=start,
            end=end,
            lobby_enabled=lobby_enabled,
            recording_allowed=recording_allowed,
            language=language,
            source=source,
        )
        Participant.objects.create(
            meeting=meeting,
            user=organiser,
            name=organiser.display_name,
            email=organiser.email,
            role=Role.ORGANISER,
            language=language,
        )
        added = _participants_add(
            meeting,
            colleagues=[p for p in colleagues if p.pk != organiser.pk],
            co_organisers=[p for p in co_organisers if p.pk != organiser.pk],
            guests=list(guests),
            language=language,
        )
        if source is None:
            _invite(added)
    return meeting


def participants_invite(
    *,
    meeting: Meeting,
    colleagues: Sequence[User] = (),
    co_organisers: Sequence[User] = (),
    guests: Sequence[Guest] = (),
    language: str = "pl",
) -> list[Participant]:
    """Invite more people to a meeting that has not ended; returns those newly invited."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise MeetingConflict(_("This meeting is cancelled."))
    if meeting.end <= timezone.now():
        raise MeetingConflict(_("This meeting has ended."))
    colleagues, co_organisers = list(colleagues), list(co_organisers)
    _check_colleagues(meeting.institution, [*colleagues, *co_organisers])
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        added = _participants_add(
            meeting,
            colleagues=colleagues,
            co_organisers=co_organisers,
            guests=list(guests),
            language=language,
        )
        _invite(added)
    return added


def participant_revoke(*, participant: Participant) -> Participant:
    """Withdraw an invitation: the personal link stops working and a cancellation is mailed."""
    if participant.role == Role.ORGANISER:
        raise MeetingError(_("The organiser cannot be removed from their own meeting."))
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.revoked_at is not None:
            return participant
        meeting = participant.meeting
        if participant.invited_at and meeting.end > timezone.now():
            invitation_send(participant=participant, kind="cancel")
        participant.revoked_at = timezone.now()
        participant.link_version += 1
        participant.save(update_fields=["revoked_at", "link_version"])
    return participant


def _active_invitees(meeting: Meeting) -> list[Participant]:
    return list(
        meeting.participants.filter(revoked_at__isnull=True, invited_at__isnull=False)
        .exclude(role=Role.ORGANISER)
        .select_related("meeting__institution", "meeting__organiser")
    )


def meeting_update(
    *,
    meeting: Meeting,
    title: str,
    description: str,
    start: datetime,
    end: datetime,
    lobby_enabled: bool,
    recording_allowed: bool,
    unit: Unit | None = None,
    language: str | None = None,
) -> Meeting:
    """Change a meeting; when its time, title or description changed every invitee gets the
    updated invitation (same UID, higher SEQUENCE). ``language`` None keeps the meeting's; a
    call that changes nothing writes nothing (a save would push it to every calendar)."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise MeetingConflict(_("This meeting is cancelled."))
    start, end = start.replace(microsecond=0), end.replace(microsecond=0)
    if (start, end) != (meeting.start, meeting.end):
        _check_times(start, end, now=timezone.now())
    if not title.strip():
        raise MeetingError(_("Give the meeting a title."))
    if unit is not None and unit.institution_id != meeting.institution_id:
        raise MeetingError(_("This unit belongs to another institution."))
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        before = _editable(meeting)
        announced = (meeting.title, meeting.description, meeting.start, meeting.end)
        meeting.title = title.strip()[:200]
        meeting.description = description.strip()[:5000]
        meeting.start, meeting.end = start, end
        meeting.lobby_enabled = lobby_enabled
        meeting.recording_allowed = recording_allowed
        meeting.unit = unit
        if language is not None:
            meeting.language = language
        if _editable(meeting) == before:
            return meeting
        changed = announced != (meeting.title, meeting.description, meeting.start, meeting.end)
        if changed:
            meeting.sequence += 1
        meeting.save()
        if changed and meeting.source is None:
            for participant in _active_invitees(meeting):
                invitation_send(participant=participant, kind="update")
    return meeting


def _editable(meeting: Meeting) -> tuple:
    return (
        meeting.title,
        meeting.description,
        meeting.start,
        meeting.end,
        meeting.lobby_enabled,
        meeting.recording_allowed,
        meeting.unit_id,
        meeting.language,
    )


def meeting_cancel(*, meeting: Meeting) -> Meeting:
    """Cancel a meeting: invitees get a METHOD:CANCEL and every link stops working."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status == Meeting.Status.CANCELLED:
            return meeting
        meeting.status = Meeting.Status.CANCELLED
        meeting.cancelled_at = timezone.now()
        meeting.sequence += 1
        meeting.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
        if meeting.source is None and meeting.end > timezone.now():
            for participant in _active_invitees(meeting):
                invitation_send(participant=participant, kind="cancel")
    return meeting
