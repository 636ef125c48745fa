class InstitutionError(Exception):
    """A rule of the institutions app was broken; the message is shown to the caller."""


class Conflict(InstitutionError):
    """The change would contradict data that exists (answered 409)."""
