class DomainError(Exception):
    """A business rule was broken; the message is safe to show and the status says how."""

    status_code = 400
    code = "invalid"


class DomainConflict(DomainError):
    """The change contradicts data that exists or was saved at the same moment."""

    status_code = 409
    code = "conflict"
