from collab_service.core.errors import DomainConflict, DomainError


class InstitutionError(DomainError):
    """A rule of the institutions app was broken; the message is shown to the caller."""


class Conflict(InstitutionError, DomainConflict):
    """The change would contradict data that exists (answered 409)."""
