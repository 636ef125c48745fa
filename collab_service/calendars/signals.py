"""Write CalDAV pushes into the outbox in the same transaction as the change they report."""


def connect() -> None:
    """Connected from the app config; filled in with the push outbox."""
