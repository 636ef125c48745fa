"""Creating, changing and archiving task lists."""

from django.db import transaction
from django.utils.translation import gettext as _

from collab_service.accounts.models import User
from collab_service.institutions.models import Institution, Membership, Unit
from collab_service.institutions.selectors import can_manage_unit
from collab_service.tasks.errors import TaskError, TaskForbidden, TaskNotFound
from collab_service.tasks.models import TaskList
from collab_service.tasks.selectors import can_manage_list, can_see_list


def _personal_institution(owner: User) -> Institution:
    membership = (
        Membership.objects.filter(user=owner).select_related("institution").order_by("pk").first()
    )
    if membership is None:
        raise TaskError(_("You can keep task lists once you belong to an institution."))
    return membership.institution


@transaction.atomic
def task_list_create(
    *, actor: User, name: str, description: str = "", unit: Unit | None = None
) -> TaskList:
    """A unit's shared list (for its managers and the institution's admins) or, without a
    unit, the actor's personal list.

    Raises:
        TaskForbidden: the actor may not create lists for this unit.
        TaskNotFound: the unit is in an institution the actor does not belong to.
    """
    if unit is None:
        institution = _personal_institution(actor)
        return TaskList.objects.create(
            institution=institution,
            owner=actor,
            name=name,
            description=description,
            created_by=actor,
        )
    if not can_manage_unit(actor, unit):
        if not Membership.objects.filter(user=actor, unit=unit).exists():
            raise TaskNotFound(_("No such unit."))
        raise TaskForbidden(_("Only the unit's manager or an administrator can create its lists."))
    return TaskList.objects.create(
        institution=unit.institution,
        unit=unit,
        name=name,
        description=description,
        created_by=actor,
    )


def _require_manage(actor: User, task_list: TaskList) -> None:
    if not can_see_list(actor, task_list):
        raise TaskNotFound(_("No such task list."))
    if not can_manage_list(actor, task_list):
        raise TaskForbidden(
            _("Only the unit's manager or an administrator can change or archive this list.")
        )


@transaction.atomic
def task_list_update(*, actor: User, task_list: TaskList, name: str, description: str) -> TaskList:
    _require_manage(actor, task_list)
    task_list.name = name
    task_list.description = description
    task_list.save(update_fields=["name", "description"])
    return task_list


@transaction.atomic
def task_list_archive(*, actor: User, task_list: TaskList, archived: bool = True) -> TaskList:
    """Hide the list from the everyday views (its tasks stay); ``archived=False`` restores it."""
    _require_manage(actor, task_list)
    task_list.is_archived = archived
    task_list.save(update_fields=["is_archived"])
    return task_list
