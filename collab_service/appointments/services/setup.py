"""Institution admins' set-up of visits: locations, case types, agendas, hours and exceptions.

Every write goes through model ``save``/``delete`` and M2M ``set`` (so anything observing them
sees it) and, in the same transaction, bumps the versions of the agendas it affects: the slot
caches are keyed by those versions and by ``CaseType.updated_at``, which every case type save
moves.
"""

from datetime import date, time

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, QuerySet
from django.utils.translation import gettext as _

from collab_service.accounts.models import User
from collab_service.appointments.models import (
    Agenda,
    AvailabilityException,
    CaseType,
    Location,
    WorkingHours,
)
from collab_service.appointments.services.generations import agendas_changed
from collab_service.appointments.services.questions import questions_check
from collab_service.core.errors import DomainError
from collab_service.core.text import slug_from_name
from collab_service.institutions.models import Institution, Unit


class SetupError(DomainError):
    """A set-up rule was broken; ``field`` names the form field the message belongs to."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _availability_changed(agendas: QuerySet[Agenda]) -> None:
    """Explicit, besides the model signals: the edit counts even if a signal is not wired."""
    agendas_changed(agendas.values_list("pk", flat=True))


def location_save(*, location: Location) -> Location:
    location.save()
    return location


def location_delete(*, location: Location) -> None:
    """Only a location nothing refers to (hours, exceptions, visits) can be deleted."""
    try:
        with transaction.atomic():
            location.delete()
    except ProtectedError as exc:
        raise SetupError(
            _("%(name)s is used by working hours, exceptions or visits and cannot be deleted.")
            % {"name": location.name}
        ) from exc


def case_type_save(
    *,
    case_type: CaseType,
    locations: list[Location],
    units: list[Unit],
    officials: list[User],
) -> CaseType:
    """Save a case type with who handles it; an empty slug is made from the Polish name."""
    if not case_type.slug:
        case_type.slug = slug_from_name(case_type.name_pl)
        field = "name_pl"
    else:
        field = "slug"
    if not case_type.slug:
        raise SetupError(_("Give a short name in addresses made of letters or digits."), "slug")
    taken = CaseType.objects.filter(institution=case_type.institution, slug=case_type.slug)
    if taken.exclude(pk=case_type.pk).exists():
        raise SetupError(_taken_message(case_type.slug), field)
    try:
        with transaction.atomic():
            case_type.save()
            case_type.locations.set(locations)
            case_type.units.set(units)
            case_type.officials.set(officials)
    except IntegrityError as exc:  # saved by someone else at the same moment
        raise SetupError(_taken_message(case_type.slug), field) from exc
    return case_type


def _taken_message(slug: str) -> str:
    return _(
        "Another matter of the institution already has the short name “%(slug)s”. "
        "Change the name or give a different short name."
    ) % {"slug": slug}


def case_type_active_set(*, case_type: CaseType, active: bool) -> CaseType:
    case_type.is_active = active
    case_type.save(update_fields=["is_active", "updated_at"])
    return case_type


def case_type_delete(*, case_type: CaseType) -> None:
    """A matter that was ever booked or waited for stays, to be deactivated instead."""
    if case_type.bookings.exists() or case_type.waiting.exists():
        raise SetupError(_("This matter has visits; deactivate it instead of deleting it."))
    try:
        with transaction.atomic():
            case_type.delete()
    except ProtectedError as exc:
        raise SetupError(
            _("This matter has visits; deactivate it instead of deleting it.")
        ) from exc


def questions_save(*, case_type: CaseType, questions: list[dict]) -> CaseType:
    case_type.form_fields = questions_check(questions)
    case_type.save(update_fields=["form_fields", "updated_at"])
    return case_type


def agenda_create(*, institution: Institution, official: User) -> Agenda:
    """Let an official receive citizens: their agenda (one per person) in this institution."""
    with transaction.atomic():
        agenda, _created = Agenda.objects.get_or_create(
            official=official, defaults={"institution": institution}
        )
    if agenda.institution_id != institution.pk:
        raise SetupError(
            _("%(name)s already receives citizens for another institution.")
            % {"name": official.display_name}
        )
    return agenda


def _overlaps(
    a_from: date | None, a_until: date | None, b_from: date | None, b_until: date | None
) -> bool:
    starts_before_b_ends = a_from is None or b_until is None or a_from <= b_until
    ends_after_b_starts = a_until is None or b_from is None or a_until >= b_from
    return starts_before_b_ends and ends_after_b_starts


def working_hours_save(*, hours: WorkingHours) -> WorkingHours:
    """Save a row of weekly hours; rows of one weekday may not overlap in time and validity."""
    if hours.end_time <= hours.start_time:
        raise SetupError(_("The end must be after the start."), "end_time")
    if hours.valid_from and hours.valid_until and hours.valid_until < hours.valid_from:
        raise SetupError(_("“Valid until” cannot be before “valid from”."), "valid_until")
    with transaction.atomic():
        # The agenda row is what booking transactions lock: it serialises edits of its hours.
        Agenda.objects.select_for_update().get(pk=hours.agenda_id)
        rows = WorkingHours.objects.filter(
            agenda_id=hours.agenda_id,
            weekday=hours.weekday,
            start_time__lt=hours.end_time,
            end_time__gt=hours.start_time,
        ).exclude(pk=hours.pk)
        for row in rows:
            if _overlaps(hours.valid_from, hours.valid_until, row.valid_from, row.valid_until):
                raise SetupError(
                    _("These hours overlap %(start)s–%(end)s on the same day.")
                    % {"start": _hhmm(row.start_time), "end": _hhmm(row.end_time)},
                    "start_time",
                )
        hours.save()
        _availability_changed(Agenda.objects.filter(pk=hours.agenda_id))
    return hours


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def working_hours_delete(*, hours: WorkingHours) -> None:
    with transaction.atomic():
        agenda_id = hours.agenda_id
        hours.delete()
        _availability_changed(Agenda.objects.filter(pk=agenda_id))


def _agendas_of(exception: AvailabilityException) -> QuerySet[Agenda]:
    if exception.agenda_id is not None:
        return Agenda.objects.filter(pk=exception.agenda_id)
    return Agenda.objects.filter(institution_id=exception.institution_id)


def exception_save(*, exception: AvailabilityException) -> AvailabilityException:
    """Leave or extra hours of one agenda, or a closure of the whole institution."""
    if exception.end <= exception.start:
        raise SetupError(_("The end must be after the start."), "last_day")
    if (exception.agenda_id is None) != (exception.kind == AvailabilityException.Kind.CLOSURE):
        raise SetupError(_("A closure is for the whole institution, leave for one official."))
    with transaction.atomic():
        exception.save()
        _availability_changed(_agendas_of(exception))
    return exception


def exception_delete(*, exception: AvailabilityException) -> None:
    with transaction.atomic():
        agendas = list(_agendas_of(exception).values_list("pk", flat=True))
        exception.delete()
        _availability_changed(Agenda.objects.filter(pk__in=agendas))
