"""Typed answers of the collaboration service, read leniently: a field the service leaves out
gets an empty value, so a newer service does not break an older plugin."""

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, Self

from django.utils import translation

from edx_plugins.szpon.errors import ServiceError


def _when(value: Any) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _bool(value: Any) -> bool:
    return value is True


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


class _Result:
    @classmethod
    def from_json(cls, data: Any) -> Self:
        if not isinstance(data, dict):
            raise ServiceError(
                translation.gettext("The meetings service gave an answer we could not read."),
                detail=f"{cls.__name__}: expected an object, got {type(data).__name__}",
            )
        readers = cls.READERS  # type: ignore[attr-defined]
        return cls(**{f.name: readers[f.name](data.get(f.name)) for f in fields(cls)})  # type: ignore[arg-type]


@dataclass(frozen=True)
class MeetingMe(_Result):
    """What the calling user may do in and has done in a course meeting."""

    can_host: bool
    attended_minutes: int
    completed: bool

    READERS = {"can_host": _bool, "attended_minutes": _int, "completed": _bool}


def _me(value: Any) -> MeetingMe | None:
    return MeetingMe.from_json(value) if isinstance(value, dict) else None


@dataclass(frozen=True)
class CourseMeeting(_Result):
    id: int
    block_id: str
    course_id: str
    public_id: str
    title: str
    schedule: str
    start: datetime | None
    end: datetime | None
    state: str
    guest_access: bool
    completion_minutes: int
    ics_url: str
    public_url: str
    me: MeetingMe | None
    duration_minutes: int = 0
    hosts: tuple[str, ...] = ()  # LMS usernames hosting besides the course staff

    READERS = {
        "id": _int,
        "block_id": _str,
        "course_id": _str,
        "public_id": _str,
        "title": _str,
        "schedule": _str,
        "start": _when,
        "end": _when,
        "state": _str,
        "guest_access": _bool,
        "completion_minutes": _int,
        "ics_url": _str,
        "public_url": _str,
        "me": _me,
        "duration_minutes": _int,
        "hosts": _strs,
    }


@dataclass(frozen=True)
class PublicCourseMeeting(_Result):
    """What anyone may know of a course meeting, without signing in."""

    public_id: str
    title: str
    schedule: str
    start: datetime | None
    end: datetime | None
    state: str
    guest_access: bool
    joinable: bool  # whether one can join right now
    ics_url: str

    READERS = {
        "public_id": _str,
        "title": _str,
        "schedule": _str,
        "start": _when,
        "end": _when,
        "state": _str,
        "guest_access": _bool,
        "joinable": _bool,
        "ics_url": _str,
    }


@dataclass(frozen=True)
class JoinTicket(_Result):
    """What the browser needs to embed the room (Jitsi's IFrame API)."""

    domain: str
    script_url: str
    room: str
    token: str
    url: str
    display_name: str
    moderator: bool
    expires_at: datetime | None

    READERS = {
        "domain": _str,
        "script_url": _str,
        "room": _str,
        "token": _str,
        "url": _str,
        "display_name": _str,
        "moderator": _bool,
        "expires_at": _when,
    }


def _ticket(value: Any) -> JoinTicket | None:
    return JoinTicket.from_json(value) if isinstance(value, dict) else None


@dataclass(frozen=True)
class MeetingJoin(_Result):
    ticket: JoinTicket | None
    join_url: str
    role: str

    READERS = {"ticket": _ticket, "join_url": _str, "role": _str}


@dataclass(frozen=True)
class CourseConsultation(_Result):
    block_id: str
    title: str
    case_type: int
    case_type_name: str
    booking_url: str
    course_id: str = ""
    bookable: bool = False  # whether the case type takes bookings now

    READERS = {
        "block_id": _str,
        "title": _str,
        "case_type": _int,
        "case_type_name": _str,
        "booking_url": _str,
        "course_id": _str,
        "bookable": _bool,
    }


@dataclass(frozen=True)
class Slot(_Result):
    """A free appointment slot; ``official`` is the agenda it belongs to."""

    start: datetime | None
    end: datetime | None
    official: int
    location: int
    seats_left: int

    READERS = {
        "start": _when,
        "end": _when,
        "official": _int,
        "location": _int,
        "seats_left": _int,
    }


@dataclass(frozen=True)
class LearnerBooking(_Result):
    id: str  # a UUID
    reference_code: str
    case_type: int
    case_type_name: str
    start: datetime | None
    end: datetime | None
    mode: str
    status: str
    location: str
    join_url: str
    manage_url: str
    block_id: str = ""
    can_cancel: bool = False

    READERS = {
        "id": _str,
        "reference_code": _str,
        "case_type": _int,
        "case_type_name": _str,
        "start": _when,
        "end": _when,
        "mode": _str,
        "status": _str,
        "location": _str,
        "join_url": _str,
        "manage_url": _str,
        "block_id": _str,
        "can_cancel": _bool,
    }


@dataclass(frozen=True)
class TrainingCertificate(_Result):
    mode: str
    grade: str
    status: str
    download_url: str

    READERS = {"mode": _str, "grade": _str, "status": _str, "download_url": _str}


def _certificate(value: Any) -> TrainingCertificate | None:
    return TrainingCertificate.from_json(value) if isinstance(value, dict) else None


@dataclass(frozen=True)
class TrainingRecord(_Result):
    course_id: str
    course_name: str
    enrolled_at: datetime | None
    unenrolled_at: datetime | None
    passed_at: datetime | None
    certificate_issued_at: datetime | None
    certificate_revoked_at: datetime | None
    expires_at: datetime | None  # when the certificate stops being valid (a validity rule)
    state: str
    certificate: TrainingCertificate | None = None

    READERS = {
        "course_id": _str,
        "course_name": _str,
        "enrolled_at": _when,
        "unenrolled_at": _when,
        "passed_at": _when,
        "certificate_issued_at": _when,
        "certificate_revoked_at": _when,
        "expires_at": _when,
        "state": _str,
        "certificate": _certificate,
    }


@dataclass(frozen=True)
class TrainingEventResult:
    record: TrainingRecord
    created: bool  # False when the service had already received this event (a replay)


@dataclass(frozen=True)
class ServiceUser(_Result):
    """The caller as the service knows it (``GET me/``)."""

    id: int
    username: str
    name: str
    email: str
    lms_user_id: int

    READERS = {"id": _int, "username": _str, "name": _str, "email": _str, "lms_user_id": _int}
