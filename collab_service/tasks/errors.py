from collab_service.core.errors import DomainError


class TaskError(DomainError):
    """A task rule was broken (bad dates, repeat rule, assignee); the message is shown as is."""


class TaskForbidden(TaskError):
    """The person sees the list but their role does not allow this change (answered 403)."""

    status_code = 403
    code = "permission_denied"


class TaskNotFound(TaskError):
    """The list or task is not one the person may see (answered 404, like a missing one)."""

    status_code = 404
    code = "not_found"
