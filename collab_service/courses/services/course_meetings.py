"""Keeping the meeting of a live-meeting block in step with the block, and opening it.

The block is the source of truth: Studio sends its settings (an idempotent upsert keyed by the
block) and the meeting follows through the meetings app's own services.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collab_service.accounts.models import User
from collab_service.courses.errors import BlockNotInCourse, MeetingNotOpen, WrongCourse
from collab_service.courses.keys import block_in_course
from collab_service.courses.models import CourseMeeting
from collab_service.courses.services.institutions import course_institution
from collab_service.meetings.errors import JoinRefused
from collab_service.meetings.models import Meeting
from collab_service.meetings.services.joining import join_check
from collab_service.meetings.services.meetings import meeting_create, meeting_update

Schedule = CourseMeeting.Schedule


@dataclass(frozen=True)
class MeetingSpec:
    """What a live-meeting block says about its meeting."""

    block_id: str
    course_id: str
    title: str
    schedule: str
    start: datetime | None
    duration_minutes: int
    hosts: Sequence[str] = ()
    lobby: bool = False
    recording_allowed: bool = False
    guest_access: bool = False
    completion_minutes: int = 0
    language: str | None = None  # None: Polish for a new meeting, unchanged on an update


def hosts_clean(names: Sequence[str]) -> list[str]:
    """Usernames without blanks and repeats, in the order given."""
    return list(dict.fromkeys(name.strip() for name in names if name.strip()))


def course_meeting_state(course_meeting: CourseMeeting, *, now: datetime) -> str:
    """not_started (on demand, never opened), upcoming, live, ended or cancelled."""
    meeting = course_meeting.meeting
    if meeting.status == Meeting.Status.CANCELLED:
        return "cancelled"
    if course_meeting.schedule == Schedule.ON_DEMAND and course_meeting.started_at is None:
        return "not_started"
    if now < meeting.start:
        return "upcoming"
    return "live" if now < meeting.end else "ended"


def block_check(block_id: str, course_id: str) -> None:
    """Raise BlockNotInCourse unless the block's usage key is of the course, so that the staff
    of one course cannot claim another course's block before its own staff syncs it."""
    if not block_in_course(block_id, course_id):
        raise BlockNotInCourse(
            _("The block %(block)s is not part of the course %(course)s.")
            % {"block": block_id, "course": course_id}
        )


def course_meeting_sync(
    *, organiser: User, spec: MeetingSpec, now: datetime | None = None
) -> tuple[CourseMeeting, bool]:
    """Create or update the meeting of a block; returns it and whether it was created.

    The first sync makes the caller the meeting's organiser. A block already synced from
    another course is refused (WrongCourse), and so is a block whose key names another
    course (BlockNotInCourse).
    """
    now = now or timezone.now()
    block_check(spec.block_id, spec.course_id)
    existing = CourseMeeting.objects.filter(block_id=spec.block_id).first()
    if existing is None:
        try:
            return _create(organiser=organiser, spec=spec, now=now), True
        except IntegrityError:  # the same block synced concurrently a moment ago
            existing = CourseMeeting.objects.filter(block_id=spec.block_id).first()
            if existing is None:
                raise
    return _update(existing, spec=spec, now=now), False


def _scheduled_times(spec: MeetingSpec, now: datetime) -> tuple[datetime, datetime]:
    start = spec.start if spec.schedule == Schedule.SCHEDULED and spec.start else now
    return start, start + timedelta(minutes=spec.duration_minutes)


def _create(*, organiser: User, spec: MeetingSpec, now: datetime) -> CourseMeeting:
    institution = course_institution(spec.course_id)
    start, end = _scheduled_times(spec, now)
    with transaction.atomic():
        meeting = meeting_create(
            organiser=organiser,
            institution=institution,
            title=spec.title,
            start=start,
            end=end,
            lobby_enabled=spec.lobby,
            recording_allowed=spec.recording_allowed,
            language=spec.language or "pl",
            now=now,
        )
        return CourseMeeting.objects.create(
            block_id=spec.block_id,
            course_id=spec.course_id,
            meeting=meeting,
            schedule=spec.schedule,
            duration_minutes=spec.duration_minutes,
            hosts=hosts_clean(spec.hosts),
            guest_access=spec.guest_access,
            completion_minutes=spec.completion_minutes,
        )


def _update(course_meeting: CourseMeeting, *, spec: MeetingSpec, now: datetime) -> CourseMeeting:
    if course_meeting.course_id != spec.course_id:
        raise WrongCourse(_("This block belongs to another course."))
    with transaction.atomic():
        course_meeting = (
            CourseMeeting.objects.select_for_update()
            .select_related("meeting")
            .get(pk=course_meeting.pk)
        )
        meeting = course_meeting.meeting
        if spec.schedule == Schedule.SCHEDULED:
            start, end = _scheduled_times(spec, now)
            course_meeting.started_at = None
        else:
            # On demand the times are set when a host opens it; a new duration counts then.
            start, end = meeting.start, meeting.end
            if course_meeting.schedule != Schedule.ON_DEMAND:
                course_meeting.started_at = None
        if meeting.status != Meeting.Status.CANCELLED:
            meeting_update(
                meeting=meeting,
                title=spec.title,
                description=meeting.description,
                start=start,
                end=end,
                lobby_enabled=spec.lobby,
                recording_allowed=spec.recording_allowed,
                unit=meeting.unit,
                language=spec.language or None,
            )
        course_meeting.schedule = spec.schedule
        course_meeting.duration_minutes = spec.duration_minutes
        course_meeting.hosts = hosts_clean(spec.hosts)
        course_meeting.guest_access = spec.guest_access
        course_meeting.completion_minutes = spec.completion_minutes
        course_meeting.save()
    return CourseMeeting.objects.select_related("meeting__institution").get(pk=course_meeting.pk)


def open_check(course_meeting: CourseMeeting, *, now: datetime) -> None:
    """Raise MeetingNotOpen unless people may join the meeting at ``now``."""
    if course_meeting_state(course_meeting, now=now) == "not_started":
        raise MeetingNotOpen(
            _("The meeting has not been started yet: a host starts it from the course."),
            code="meeting_not_started",
        )
    try:
        join_check(course_meeting.meeting, now=now)
    except JoinRefused as refusal:
        codes = {"early": "meeting_not_open", "ended": "meeting_ended"}
        raise MeetingNotOpen(
            str(refusal), code=codes.get(refusal.reason, "meeting_cancelled")
        ) from None


def course_meeting_start(
    *, course_meeting: CourseMeeting, now: datetime | None = None
) -> CourseMeeting:
    """Open an on-demand meeting now for its duration (again, if an earlier session ended);
    a scheduled one is only checked to be open. An open meeting is left as it is."""
    now = now or timezone.now()
    meeting = course_meeting.meeting
    if course_meeting.schedule == Schedule.SCHEDULED or meeting.status == Meeting.Status.CANCELLED:
        open_check(course_meeting, now=now)
        return course_meeting
    if course_meeting.started_at is not None and now < meeting.end:
        return course_meeting
    with transaction.atomic():
        course_meeting = (
            CourseMeeting.objects.select_for_update()
            .select_related("meeting")
            .get(pk=course_meeting.pk)
        )
        meeting = course_meeting.meeting
        if course_meeting.started_at is not None and now < meeting.end:
            return course_meeting  # another host opened it a moment ago
        meeting_update(
            meeting=meeting,
            title=meeting.title,
            description=meeting.description,
            start=now,
            end=now + timedelta(minutes=course_meeting.duration_minutes),
            lobby_enabled=meeting.lobby_enabled,
            recording_allowed=meeting.recording_allowed,
            unit=meeting.unit,
        )
        course_meeting.started_at = now
        course_meeting.save(update_fields=["started_at", "updated_at"])
    return CourseMeeting.objects.select_related("meeting__institution").get(pk=course_meeting.pk)
