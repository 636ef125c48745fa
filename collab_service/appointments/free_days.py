"""The coming days a citizen chooses from, on the booking and the move pages."""

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from collab_service.appointments.models import Agenda, CaseType
from collab_service.appointments.services.availability import Slot
from collab_service.appointments.services.slots import case_type_slots
from collab_service.core.dates import day_param

DAYS_SHOWN = 14


@dataclass
class FreeDays:
    tz: ZoneInfo
    first: date
    last: date
    slots: list[Slot]

    def counts(self) -> list[tuple[date, int]]:
        """(day, free times) of each day that has any, in order."""
        per_day: dict[date, int] = {}
        for slot in self.slots:
            day = self.local_day(slot)
            per_day[day] = per_day.get(day, 0) + 1
        return sorted(per_day.items())

    def local_day(self, slot: Slot) -> date:
        return timezone.localtime(slot.start, self.tz).date()

    def chosen(self, raw: str | None) -> date | None:
        """The day a query value names, if it is one of the days shown."""
        day = day_param(raw, today=self.first)
        return day if day is not None and self.first <= day <= self.last else None

    def on(self, day: date) -> list[Slot]:
        return [slot for slot in self.slots if self.local_day(slot) == day]


def free_days(case_type: CaseType, agendas: list[Agenda] | None = None) -> FreeDays:
    tz = ZoneInfo(case_type.institution.time_zone)
    first = timezone.localtime(timezone.now(), tz).date()
    last = first + timedelta(days=min(DAYS_SHOWN, case_type.horizon_days) - 1)
    slots = case_type_slots(case_type=case_type, first=first, last=last, agendas=agendas)
    return FreeDays(tz, first, last, slots)
