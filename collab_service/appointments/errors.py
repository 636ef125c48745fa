from collab_service.core.errors import DomainConflict, DomainError


class BookingError(DomainError):
    """A booking rule was broken; the message is shown to the citizen or official."""


class SlotUnavailable(BookingError, DomainConflict):
    """The time is a real slot but nobody is free at it any more (answered 409)."""


class SlotInvalid(BookingError):
    """The time is not a slot of this case type at all: past, out of hours, too far (400)."""
