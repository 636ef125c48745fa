"""Demo task lists (idempotent): the Wydział Spraw Obywatelskich's shared list with a weekly
task, an overdue one, one due this week and one with a checklist and a comment, and Jan
Kowalski's personal to-dos."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from collab_service.accounts.models import User
from collab_service.core.demo import demo_people, refuse_in_production
from collab_service.tasks.models import Task, TaskList
from collab_service.tasks.services.items import checklist_item_add, comment_add
from collab_service.tasks.services.lists import task_list_create
from collab_service.tasks.services.tasks import task_create

UNIT_LIST = "Sprawy bieżące wydziału"
PERSONAL_LIST = "Moje sprawy"


class Command(BaseCommand):
    help = "Load demo task lists and tasks (safe to run again)."

    def handle(self, *args, **options) -> None:
        refuse_in_production()
        people = demo_people("anna.nowak", "jan.kowalski")
        anna, jan = people["anna.nowak"], people["jan.kowalski"]
        membership = anna.memberships.select_related("institution", "unit").first()
        with transaction.atomic():
            if not TaskList.objects.filter(unit=membership.unit, name=UNIT_LIST).exists():
                self._unit_list(anna, jan, membership)
            if not TaskList.objects.filter(owner=jan, name=PERSONAL_LIST).exists():
                self._personal_list(jan)
        self.stdout.write(self.style.SUCCESS("Demo tasks loaded."))

    def _unit_list(self, anna: User, jan: User, membership) -> None:
        tz = ZoneInfo(membership.institution.time_zone)
        today = timezone.localtime(timezone.now(), tz).date()
        monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
        task_list = task_list_create(
            actor=anna,
            unit=membership.unit,
            name=UNIT_LIST,
            description="Zadania całego wydziału.",
        )

        def at(day, hour: int) -> datetime:
            return datetime.combine(day, time(hour), tzinfo=tz)

        task_create(
            actor=anna,
            task_list=task_list,
            title="Cotygodniowa odprawa – przygotować agendę",
            assignees=[anna],
            due_at=at(monday, 9),
            priority=Task.Priority.NORMAL,
            rrule="FREQ=WEEKLY;BYDAY=MO",
            reminder_minutes=60,
        )
        task_create(
            actor=anna,
            task_list=task_list,
            title="Sprawozdanie kwartalne z wydanych dowodów",
            assignees=[jan],
            due_at=at(today - timedelta(days=3), 15),
            priority=Task.Priority.HIGH,
        )
        task_create(
            actor=anna,
            task_list=task_list,
            title="Zamówić druki meldunkowe",
            assignees=[jan],
            due_at=at(max(today, today + timedelta(days=4 - today.weekday())), 0),
            all_day=True,
        )
        checked = task_create(
            actor=anna,
            task_list=task_list,
            title="Wdrożenie nowej osoby w wydziale",
            description="Plan pierwszego tygodnia pracy.",
            assignees=[jan, anna],
            due_at=at(today + timedelta(days=10), 12),
            status=Task.Status.IN_PROGRESS,
        )
        for text in ["Konto w systemie", "Szkolenie BHP", "Upoważnienia do danych osobowych"]:
            checklist_item_add(actor=anna, task=checked, text=text)
        comment_add(actor=jan, task=checked, body="Konto założone, czekamy na upoważnienia.")

    def _personal_list(self, jan: User) -> None:
        task_list = task_list_create(actor=jan, name=PERSONAL_LIST)
        task_create(actor=jan, task_list=task_list, title="Przeczytać nową instrukcję kancelaryjną")
        task_create(
            actor=jan,
            task_list=task_list,
            title="Zapisać się na szkolenie z e-usług",
            due_at=timezone.now() + timedelta(days=5),
            priority=Task.Priority.LOW,
        )
