import pytest
from django.core.management import call_command

from collab_service.accounts.models import User
from collab_service.institutions.management.commands.load_demo_data import DEMO_PASSWORD
from collab_service.institutions.models import Institution, Invitation, Membership

pytestmark = pytest.mark.django_db


def test_demo_data_loads_twice_without_duplicates(client):
    call_command("load_demo_data")
    call_command("load_demo_data")

    assert Institution.objects.count() == 2
    assert Membership.objects.filter(institution__slug="um-przykladowo").count() == 4
    assert User.objects.get(username="admin").is_platform_admin
    (invitation,) = Invitation.objects.all()  # one waiting, not one per load
    assert (invitation.status, invitation.unit.slug) == ("pending", "wso")
    signed_in = client.post(
        "/accounts/login/", {"username": "jan.kowalski", "password": DEMO_PASSWORD}
    )
    assert signed_in.status_code == 302
    page = client.get("/institutions/um-przykladowo/").content.decode()
    assert "Wydział Spraw Obywatelskich" in page


def test_demo_data_refuses_production(settings):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="never load it in production"):
        call_command("load_demo_data")
    assert not User.objects.filter(username="admin").exists()


def test_demo_appointments_offer_bookable_times():
    from datetime import timedelta

    from django.utils import timezone

    from collab_service.appointments.models import CaseType
    from collab_service.appointments.services.slots import case_type_slots

    call_command("load_demo_data")
    call_command("load_demo_appointments")
    call_command("load_demo_appointments")

    case_type = CaseType.objects.get(slug="dowod-osobisty")
    today = timezone.localdate()
    slots = case_type_slots(case_type=case_type, first=today, last=today + timedelta(days=7))
    assert CaseType.objects.count() == 3
    assert CaseType.objects.get(slug="konsultacja-podatkowa").mode == "choice"
    assert len({slot.agenda_id for slot in slots}) == 2  # the two officials of the unit


def test_demo_meeting_invites_a_colleague_and_a_guest_once(django_capture_on_commit_callbacks):
    from collab_service.meetings.models import Meeting
    from collab_service.notifications.models import OutgoingEmail

    call_command("load_demo_data")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_meetings")
        call_command("load_demo_meetings")

    meeting = Meeting.objects.get()
    assert meeting.organiser.username == "anna.nowak"
    assert {p.role for p in meeting.participants.all()} == {"organiser", "member", "guest"}
    meeting_mail = OutgoingEmail.objects.exclude(idempotency_key__startswith="invitation:")
    assert sorted(len(e.to) for e in meeting_mail) == [1, 1]
    assert meeting_mail.filter(subject__startswith="Zaproszenie").count() == 2
