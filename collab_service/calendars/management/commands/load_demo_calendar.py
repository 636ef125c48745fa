"""Connect the demo official jan.kowalski to a local CalDAV server (the run command starts one).

It creates his work and task calendars there, puts a training course in his work calendar (so
the visits page no longer offers those hours once the busy time is read), connects the
calendars and runs a first pull; pushes of his meetings, visits and tasks follow from the outbox.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import caldav
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from collab_service.accounts.models import User
from collab_service.calendars.models import CalendarConnection
from collab_service.calendars.services.connections import (
    connection_choose_calendars,
    connection_save,
    connection_test_run,
)
from collab_service.calendars.services.pull import connection_pull

DEMO_USER = "jan.kowalski"
DEMO_PASSWORD = "demo-caldav"  # noqa: S105 - a throwaway local demo server without auth


def _next_working_day() -> datetime:
    day = timezone.localdate() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(10), tzinfo=ZoneInfo("Europe/Warsaw"))


class Command(BaseCommand):
    help = "Connect jan.kowalski's demo calendar to a local CalDAV server (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--caldav-url", required=True)

    def handle(self, *args, caldav_url: str, **options) -> None:
        user = User.objects.filter(username=DEMO_USER).first()
        if user is None:
            raise CommandError("load_demo_data first")
        if CalendarConnection.objects.filter(user=user).exists():
            self.stdout.write("demo calendar already connected")
            return
        principal = caldav.DAVClient(
            url=caldav_url, username=DEMO_USER, password=DEMO_PASSWORD
        ).principal()
        names = {str(c.url).rstrip("/").split("/")[-1] for c in principal.calendars()}
        if "praca" not in names:
            work = principal.make_calendar(
                name="Praca", cal_id="praca", supported_calendar_component_set=["VEVENT"]
            )
            start = _next_working_day()
            work.add_event(
                dtstart=start,
                dtend=start + timedelta(hours=2),
                summary="Szkolenie BHP (kalendarz zewnętrzny)",
                uid="demo-szkolenie-bhp@kalendarz.example",
            )
        if "zadania" not in names:
            principal.make_calendar(
                name="Zadania", cal_id="zadania", supported_calendar_component_set=["VTODO"]
            )
        connection = connection_save(
            user=user,
            server_url=caldav_url,
            username=DEMO_USER,
            secret=DEMO_PASSWORD,
            auth_kind=CalendarConnection.AuthKind.PASSWORD,
        )
        connection = connection_test_run(connection_id=connection.pk)
        connection_choose_calendars(
            connection=connection,
            events_calendar_url=connection.events_calendar_url,
            tasks_calendar_url=connection.tasks_calendar_url,
            busy_calendar_urls=connection.busy_calendar_urls,
        )
        connection_pull(connection_id=connection.pk)
        connection.refresh_from_db()
        self.stdout.write(f"demo calendar connected: {connection.get_state_display()}")
