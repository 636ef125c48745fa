class ActionError(Exception):
    """Refuse a handler call with a message safe to show and per-field errors if any."""

    def __init__(
        self,
        message: str,
        code: str,
        status: int = 400,
        errors: dict | None = None,
        extra: dict | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.errors = errors or {}
        self.extra = extra or {}

    def body(self) -> dict:
        body = {**self.extra, "message": self.message, "code": self.code}
        if self.errors:
            body["errors"] = self.errors
        return body
