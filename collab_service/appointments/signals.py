"""Keep availability caches honest when data is edited outside the booking services (admin).

Working hours, exceptions and busy time bump their agendas' versions in the same transaction;
case types, their officials and units, memberships, units, agendas and institutions bump the
structure's generation. Bulk writes (``update``, ``bulk_create``) send no signals: code that
uses them on these models must call ``agendas_changed`` or ``structure_changed`` itself.
"""

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from collab_service.appointments.models import (
    Agenda,
    AvailabilityException,
    BusyInterval,
    CaseType,
    WorkingHours,
)
from collab_service.appointments.services.generations import (
    agendas_changed,
    institution_agendas_changed,
    structure_changed,
)
from collab_service.institutions.models import Institution, Membership, Unit

AGENDA_DATA = (WorkingHours, BusyInterval, AvailabilityException)
STRUCTURE = (CaseType, Agenda, Membership, Unit, Institution)
_BEFORE = "_availability_before"


def _changed(row: Model) -> None:
    if row.agenda_id is not None:
        agendas_changed([row.agenda_id])
    else:  # an exception for the whole institution
        institution_agendas_changed(row.institution_id)


def _remember_previous(sender, instance: Model, raw: bool = False, **kwargs) -> None:
    """An edit can move the row to another agenda: the old one must be told too."""
    if instance.pk is not None and not raw:
        setattr(instance, _BEFORE, sender.objects.filter(pk=instance.pk).first())


def _agenda_data_saved(sender, instance: Model, **kwargs) -> None:
    _changed(instance)
    before = instance.__dict__.pop(_BEFORE, None)
    if before is not None:
        _changed(before)


def _agenda_data_deleted(sender, instance: Model, **kwargs) -> None:
    _changed(instance)


def _structure_saved_or_deleted(sender, **kwargs) -> None:
    structure_changed()


def _handlers_changed(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        structure_changed()


def connect() -> None:
    uid = "appointments-availability"  # one per signal and sender: connecting twice is harmless
    for model in AGENDA_DATA:
        pre_save.connect(_remember_previous, sender=model, dispatch_uid=uid)
        post_save.connect(_agenda_data_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_agenda_data_deleted, sender=model, dispatch_uid=uid)
    for model in STRUCTURE:
        post_save.connect(_structure_saved_or_deleted, sender=model, dispatch_uid=uid)
        post_delete.connect(_structure_saved_or_deleted, sender=model, dispatch_uid=uid)
    for through in (CaseType.officials.through, CaseType.units.through):
        m2m_changed.connect(_handlers_changed, sender=through, dispatch_uid=uid)
