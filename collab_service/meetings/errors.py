from collab_service.core.errors import DomainConflict, DomainError


class MeetingError(DomainError):
    """A meeting rule was broken; the message is shown to the official or the guest."""


class MeetingConflict(MeetingError, DomainConflict):
    """The meeting changed in a way that makes the request impossible (answered 409)."""


class JoinRefused(MeetingError):
    """Nobody may join now: the link is invalid or revoked, or it is outside the meeting's time.

    ``reason`` says which, so pages can explain it: invalid, revoked, early, ended, cancelled.
    """

    status_code = 403
    code = "join_refused"

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class RoomUnknown(MeetingError):
    """Jitsi reported a room that is no meeting of ours (answered 404, nothing is stored)."""

    status_code = 404
    code = "unknown_room"


class ReservationRefused(MeetingError):
    """Jitsi may not open the room now; ``reason`` is one of: unknown, cancelled, early, ended."""

    status_code = 403
    code = "reservation_refused"

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason
