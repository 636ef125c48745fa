"""A case type with its institution and the ids of the agendas handling it, cached between edits.

They change only when someone edits case types (or their officials and units), memberships,
units, agendas or institutions, and each such edit bumps the structure's generation number; a
plan is used only under the number it was read in, so public reads need no query to find them.
Each agenda's days are covered by the agenda's own generation number (see ``generations``).

With a cache that is not shared between processes (local memory), another process can see an
edit up to ``PLAN_SECONDS`` late; bookings are still checked against the database.
"""

from dataclasses import dataclass

from django.core.cache import cache

from collab_service.appointments.models import Agenda, CaseType
from collab_service.appointments.selectors import AgendaRef, case_type_agendas
from collab_service.appointments.services import generations

PLAN_SECONDS = 300


@dataclass(frozen=True)
class CaseTypePlan:
    generation: int  # of the structure, when the plan was read
    case_type: CaseType | None  # None: there is no case type with this id
    agenda_ids: tuple[int, ...]

    def agenda_refs(self) -> list[AgendaRef]:
        """The handling agendas as (id, institution), without a query."""
        if self.case_type is None:
            return []
        return [AgendaRef(pk, self.case_type.institution_id) for pk in self.agenda_ids]

    def agendas(self) -> list[Agenda]:
        """The handling agendas with their current versions (one query by primary key)."""
        if self.case_type is None or not self.agenda_ids:
            return []
        # A hot query: filtered and sorted here rather than in SQL, it costs half as much.
        institution_id = self.case_type.institution_id
        agendas = Agenda.objects.filter(pk__in=self.agenda_ids)
        return sorted(
            (a for a in agendas if a.institution_id == institution_id), key=lambda a: a.pk
        )


def case_type_plan(pk: int) -> CaseTypePlan:
    """The plan of case type ``pk`` (whether or not it is bookable), from the cache if current."""
    key = f"appointments:plan:{pk}"
    found = cache.get_many([generations.STRUCTURE_KEY, key])
    (generation,) = generations.current([generations.STRUCTURE_KEY], found)
    plan = found.get(key)
    if plan is not None and plan.generation == generation:
        return plan
    case_type = CaseType.objects.select_related("institution").filter(pk=pk).first()
    ids = tuple(case_type_agendas(case_type).values_list("pk", flat=True)) if case_type else ()
    plan = CaseTypePlan(generation, case_type, ids)
    cache.set(key, plan, PLAN_SECONDS)
    return plan


def handling_agendas(case_type: CaseType) -> list[Agenda]:
    """Agendas of the officials handling the case type, as ``case_type_agendas``, mostly cached."""
    return case_type_plan(case_type.pk).agendas()
