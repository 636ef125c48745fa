"""Who attended a meeting and for how long, from the stays event sync reported.

The report holds e-mail addresses: it is for the meeting's organisers only.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple
from uuid import UUID
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from collab_service.core.text import SpreadsheetWriter
from collab_service.meetings.models import AttendanceSession, Meeting, Participant
from collab_service.meetings.services.window import join_window

_ROLE_ORDER = {role: rank for rank, role in enumerate(Participant.Role.values)}


@dataclass(frozen=True)
class AttendanceRow:
    """One person: an invited participant (even one who never came) or someone in the room we
    could not match to an invitation (``role`` and ``participant_id`` empty)."""

    name: str
    role: str
    email: str
    seconds: int
    first_join: datetime | None
    last_leave: datetime | None
    stays: int
    participant_id: UUID | None = None

    @property
    def role_label(self) -> str:
        return str(Participant.Role(self.role).label) if self.role else _("Not invited")

    @property
    def minutes(self) -> int:
        return rounded_minutes(self.seconds)


def rounded_minutes(seconds: int) -> int:
    """Minutes attended, rounded to the nearest minute."""
    return (seconds + 30) // 60


def attendance_report(*, meeting: Meeting, now: datetime | None = None) -> list[AttendanceRow]:
    """Every participant (organisers first) then every unmatched occupant, with the time they
    spent in the room or its breakout rooms.

    Overlapping stays (two devices, a reconnect) count once. A stay whose leave was never
    reported counts until the room was destroyed, the join window closed or ``now``, whichever
    came first; while any stay is open, ``last_leave`` is empty.
    """
    open_until = _OpenUntil.of(meeting, now)
    stays = list(AttendanceSession.objects.filter(meeting=meeting).order_by("joined_at", "pk"))

    by_participant: dict[UUID, list[AttendanceSession]] = {}
    unmatched: dict[tuple[str, str], list[AttendanceSession]] = {}
    for stay in stays:
        if stay.participant_id is not None:
            by_participant.setdefault(stay.participant_id, []).append(stay)
        else:
            # Without an invitation the reported name is all that ties stays together.
            key = ("name", stay.name) if stay.name else ("jid", stay.occupant_jid)
            unmatched.setdefault(key, []).append(stay)

    rows: list[AttendanceRow] = []
    participants = sorted(
        meeting.participants.all(), key=lambda p: (_ROLE_ORDER.get(p.role, 99), p.name.lower())
    )
    for participant in participants:
        own = by_participant.get(participant.pk, [])
        if participant.revoked_at is not None and not own:
            continue
        rows.append(
            _row(
                name=participant.name,
                role=participant.role,
                email=participant.email,
                stays=own,
                open_until=open_until,
                participant_id=participant.pk,
            )
        )

    for own in unmatched.values():
        rows.append(_row(name=own[0].name, role="", email="", stays=own, open_until=open_until))
    return rows


def participant_seconds(
    *, meeting: Meeting, stays: Iterable[AttendanceSession], now: datetime | None = None
) -> int:
    """Seconds one participant spent in the meeting's room, counted as in the report, from
    their own stays (the caller loads them, so it can do so for many meetings at once)."""
    return _seconds(stays, _OpenUntil.of(meeting, now))


def attendance_csv(*, meeting: Meeting, now: datetime | None = None) -> str:
    """The report as CSV, times in the institution's time zone (ISO 8601 with the offset)."""
    tz = ZoneInfo(meeting.institution.time_zone)
    out = io.StringIO()
    writer = SpreadsheetWriter(out)
    writer.writerow(
        [
            _("Name"),
            _("Role"),
            _("E-mail"),
            _("Minutes"),
            _("First joined"),
            _("Last left"),
            _("Stays"),
        ]
    )
    for row in attendance_report(meeting=meeting, now=now):
        role = row.role_label
        writer.writerow(
            [
                row.name,
                str(role),
                row.email,
                row.minutes,
                _local(row.first_join, tz),
                _local(row.last_leave, tz),
                row.stays,
            ]
        )
    return out.getvalue()


class _OpenUntil(NamedTuple):
    """What may end a stay whose leave was never reported."""

    destroyed: datetime | None
    closes: datetime
    now: datetime

    @classmethod
    def of(cls, meeting: Meeting, now: datetime | None) -> "_OpenUntil":
        _opens, closes = join_window(meeting)
        return cls(destroyed=meeting.room_destroyed_at, closes=closes, now=now or timezone.now())

    def end(self, stay: AttendanceSession) -> datetime:
        if stay.left_at is not None:
            return max(stay.left_at, stay.joined_at)
        limits = [self.now] + [
            limit
            for limit in (self.destroyed, self.closes)
            if limit is not None and limit >= stay.joined_at
        ]
        return max(min(limits), stay.joined_at)


def _row(
    *,
    name: str,
    role: str,
    email: str,
    stays: list[AttendanceSession],
    open_until: _OpenUntil,
    participant_id: UUID | None = None,
) -> AttendanceRow:
    closed = all(s.left_at is not None for s in stays)
    return AttendanceRow(
        name=name,
        role=role,
        email=email,
        seconds=_seconds(stays, open_until),
        first_join=min((s.joined_at for s in stays), default=None),
        last_leave=max((s.left_at for s in stays), default=None) if closed else None,
        stays=len(stays),
        participant_id=participant_id,
    )


def _seconds(stays: Iterable[AttendanceSession], open_until: _OpenUntil) -> int:
    return int(_union((s.joined_at, open_until.end(s)) for s in stays).total_seconds())


def _union(intervals: Iterable[tuple[datetime, datetime]]) -> timedelta:
    """The length of the union of intervals: overlapping time counts once."""
    total = timedelta()
    current: tuple[datetime, datetime] | None = None
    for start, end in sorted(intervals):
        if current is None or start > current[1]:
            if current is not None:
                total += current[1] - current[0]
            current = (start, end)
        else:
            current = (current[0], max(current[1], end))
    if current is not None:
        total += current[1] - current[0]
    return total


def _local(moment: datetime | None, tz: ZoneInfo) -> str:
    return (
        timezone.localtime(moment, tz).isoformat(timespec="seconds") if moment is not None else ""
    )
