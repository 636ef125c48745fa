"""The embedded mode's in-process stand-in for Celery beat runs every scheduled task."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from collab_service.appointments.models import Booking
from collab_service.appointments.services.bookings import booking_hold

pytestmark = pytest.mark.django_db


def test_once_runs_each_scheduled_task_and_they_do_their_work(office, frozen_now):
    held, _ = booking_hold(
        case_type=office.case_type,
        start=frozen_now + timedelta(hours=3),
        citizen_name="Ola",
        citizen_email="ola@example.org",
        hold_until=frozen_now - timedelta(minutes=1),
    )
    output = StringIO()

    call_command("run_periodic_tasks", "--once", stdout=output)

    lines = output.getvalue().splitlines()
    assert sorted(line.split(":")[0] for line in lines) == sorted(
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    )
    assert "collab_service.appointments.tasks.holds_expire: 1" in lines
    held.refresh_from_db()
    assert held.status == Booking.Status.EXPIRED
