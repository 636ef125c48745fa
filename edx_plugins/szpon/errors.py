"""What the service client raises (here, so that the typed answers can raise it too)."""


class ServiceError(Exception):
    """The service did not do what was asked; ``message`` is safe to show to the user."""

    def __init__(
        self,
        message: str,
        status: int | None = None,
        code: str = "",
        errors: dict | None = None,
        detail: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.errors = errors or {}
        # What went wrong in technical terms, for logs (never shown to users).
        self.detail = detail


class ServiceUnavailable(ServiceError):
    """No usable answer: unreachable, too slow, or a server error (after the retries)."""


class ServiceRefused(ServiceError):
    """A 4xx answer: the service understood and said no; ``message`` and ``code`` are its own."""
