from collab_service.core.errors import DomainConflict, DomainError


class TrainingError(DomainError):
    """A training rule was broken (a bad event or certificate rule); the message is shown as is."""


class TrainingEventConflict(DomainConflict):
    """The event id was already used for another person's or course's event."""

    code = "event_id_reused"
