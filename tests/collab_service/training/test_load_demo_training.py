import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from collab_service.training.models import CertificatePolicy, TrainingEvent, TrainingRecord
from collab_service.training.services.reminders import certificate_reminders_send_due
from collab_service.training.states import record_state

pytestmark = pytest.mark.django_db
DEMO_COURSE = "course-v1:SZPoN+RODO+2026"


def test_load_demo_training_needs_the_demo_people():
    with pytest.raises(CommandError, match=r"^Run load_demo_data first\.$"):
        call_command("load_demo_training")


def test_load_demo_training_twice_makes_no_duplicates():
    call_command("load_demo_data")

    call_command("load_demo_training")
    call_command("load_demo_training")

    policy = CertificatePolicy.objects.get()
    assert (policy.course_id, policy.validity_months, policy.remind_days_before) == (
        DEMO_COURSE,
        24,
        30,
    )
    assert TrainingRecord.objects.count() == 4
    assert TrainingEvent.objects.count() == 10


def test_demo_has_a_certificate_expiring_within_30_days_and_an_expired_one():
    call_command("load_demo_data")
    call_command("load_demo_training")
    now = timezone.now()

    states = {
        (record.user.username, record.course_id): record_state(record, now).value
        for record in TrainingRecord.objects.select_related("user")
    }

    assert states == {
        ("jan.kowalski", DEMO_COURSE): "expiring_soon",
        ("jan.kowalski", "course-v1:SZPoN+EUSL+2026"): "certified",
        ("anna.nowak", DEMO_COURSE): "expired",
        ("anna.nowak", "course-v1:SZPoN+EUSL+2026"): "enrolled",
    }
    jan = TrainingRecord.objects.get(user__username="jan.kowalski", course_id=DEMO_COURSE)
    assert 0 < (jan.expires_at - now).days < 30
    assert certificate_reminders_send_due() == 1


def test_demo_training_is_refused_in_production(settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="never load it in production"):
        call_command("load_demo_training")
