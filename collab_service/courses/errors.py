from collab_service.core.errors import DomainConflict, DomainError


class CourseError(DomainError):
    """A course integration rule was broken; the message is shown to the author or learner."""


class WrongCourse(CourseError):
    """The block belongs to another course than the one the request comes from (403)."""

    status_code = 403
    code = "wrong_course"


class BlockNotInCourse(CourseError):
    """The block's usage key names another course than the one it is synced for (400)."""

    code = "block_not_in_course"


class InstitutionUnresolved(CourseError, DomainConflict):
    """No institution takes the course's organisation and no default is set (409)."""

    code = "no_institution"


class MeetingNotOpen(CourseError, DomainConflict):
    """Nobody can join now; ``code`` says why: meeting_not_started (on demand, no host has
    started it), meeting_not_open (too early), meeting_ended, meeting_cancelled."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


class GuestsNotAllowed(CourseError):
    status_code = 403
    code = "guests_not_allowed"


class SlotTaken(CourseError, DomainConflict):
    code = "slot_taken"
