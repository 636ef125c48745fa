"""The officials' meeting pages: scheduling with the form, the meeting page, withdrawing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from collab_service.meetings.models import Meeting, Participant
from tests.factories import MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["collab_language"] = "en"
    return client


def _form(tenant, **overrides) -> dict:
    day = timezone.localdate() + timedelta(days=2)
    return {
        "title": "Narada",
        "unit": tenant.unit.pk,
        "day": day.isoformat(),
        "start_time": "10:00",
        "end_time": "11:30",
        "colleagues": [tenant.official.pk],
        "guests": "Ewa Zewnętrzna <ewa@example.org>\nola@example.org",
        **overrides,
    }


def test_scheduling_from_the_form_invites_everyone(english, tenant_a):
    english.force_login(tenant_a.manager)

    response = english.post("/meetings/new/", _form(tenant_a))

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{meeting.pk}/"
    assert meeting.start.astimezone(timezone.get_current_timezone()).hour == 10
    assert (meeting.end - meeting.start) == timedelta(minutes=90)
    people = {p.email: p.role for p in meeting.participants.all()}
    assert people == {
        tenant_a.manager.email: "organiser",
        tenant_a.official.email: "member",
        "ewa@example.org": "guest",
        "ola@example.org": "guest",
    }
    page = english.get(response["Location"]).content.decode()
    assert "Ewa Zewnętrzna" in page
    assert "The meeting is scheduled and the invitations are sent." in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"guests": "Jan <not an address>"}, "Line 1: not an address is not a valid e-mail"),
        ({"guests": "x" * 250 + "@example.org"}, "is not a valid e-mail address."),
        ({"end_time": "09:00"}, "The meeting must end after it starts."),
        ({"day": ""}, "Choose the date, or tick Start now."),
        ({"day": "9999-01-01"}, "Choose a day within ten years."),
        ({"title": ""}, "This field is required."),
    ],
)
def test_form_errors_are_shown_and_nothing_is_saved(english, tenant_a, changes, message):
    english.force_login(tenant_a.manager)

    response = english.post("/meetings/new/", _form(tenant_a, **changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_start_now_schedules_without_times(english, tenant_a):
    english.force_login(tenant_a.official)

    response = english.post(
        "/meetings/new/", {"title": "Teraz", "start_now": "on", "unit": tenant_a.unit.pk}
    )

    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.start <= timezone.now()
    page = english.get(response["Location"]).content.decode()
    assert f'href="/meetings/{meeting.pk}/join/"' in page


def test_someone_without_an_institution_is_told_how_to_get_one(english, django_user_model):
    english.force_login(django_user_model.objects.create_user("loner", password="x" * 16))

    response = english.get("/meetings/new/")

    assert response.status_code == 403
    assert "once you belong to an institution" in response.content.decode()


def test_the_organiser_withdraws_a_guest(english, tenant_a):
    meeting = MeetingFactory(organiser=tenant_a.manager, institution=tenant_a.institution)
    guest = ParticipantFactory(meeting=meeting, name="Ewa", invited_at=timezone.now())
    english.force_login(tenant_a.manager)

    response = english.post(f"/meetings/{meeting.pk}/participants/{guest.pk}/withdraw/")

    assert response.status_code == 302
    guest.refresh_from_db()
    assert guest.revoked_at is not None
    assert "Withdrawn" in english.get(f"/meetings/{meeting.pk}/").content.decode()


def test_invitees_cannot_manage_and_strangers_get_404(english, tenant_a, tenant_b):
    meeting = MeetingFactory(organiser=tenant_a.manager, institution=tenant_a.institution)
    ParticipantFactory(meeting=meeting, user=tenant_a.official, role=Participant.Role.MEMBER)

    english.force_login(tenant_a.official)
    page = english.get(f"/meetings/{meeting.pk}/")
    cancel = english.post(f"/meetings/{meeting.pk}/cancel/")
    english.force_login(tenant_b.official)
    stranger = english.get(f"/meetings/{meeting.pk}/")

    assert page.status_code == 200
    assert "Invite more people" not in page.content.decode()
    assert cancel.status_code == 404
    assert stranger.status_code == 404
    assert Meeting.objects.get().status == Meeting.Status.SCHEDULED


def test_a_colleagues_personal_link_asks_them_to_sign_in(english, tenant_a):
    from collab_service.meetings.services.invitations import personal_token

    meeting = MeetingFactory(organiser=tenant_a.manager, institution=tenant_a.institution)
    colleague = ParticipantFactory(meeting=meeting, user=tenant_a.official, role="member")
    link = f"/meetings/join/{personal_token(colleague)}/"

    anonymous = english.get(link)
    english.force_login(tenant_a.admin)
    someone_else = english.get(link)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/?next=")
    assert someone_else.status_code == 403
    assert "This link was sent to someone else." in someone_else.content.decode()


def test_editing_with_a_bad_time_shows_the_error(english, tenant_a):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    meeting = MeetingFactory(organiser=tenant_a.manager, institution=tenant_a.institution)
    english.force_login(tenant_a.manager)

    response = english.post(
        f"/meetings/{meeting.pk}/edit/",
        {"title": "Nowy", "day": yesterday, "start_time": "10:00", "end_time": "11:00"},
    )

    assert response.status_code == 400
    assert "This time has already passed." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.title != "Nowy"


def test_organisers_see_attendance_and_download_it(english, tenant_a):
    from collab_service.meetings.models import AttendanceSession

    meeting = MeetingFactory(
        organiser=tenant_a.manager, institution=tenant_a.institution, start=timezone.now()
    )
    guest = ParticipantFactory(meeting=meeting, name="Ewa Gość")
    AttendanceSession.objects.create(
        meeting=meeting,
        participant=guest,
        occupant_jid="room@muc/ewa",
        name="Ewa Gość",
        joined_at=meeting.start,
        left_at=meeting.start + timedelta(minutes=7),
    )
    english.force_login(tenant_a.manager)

    page = english.get(f"/meetings/{meeting.pk}/").content.decode()
    download = english.get(f"/meetings/{meeting.pk}/attendance.csv")

    assert "Attendance" in page
    assert "<td>7</td>" in page
    assert download.status_code == 200
    assert "Ewa Gość" in download.content.decode()


def test_join_page_widens_any_configured_policy_to_the_jitsi_origin_only(english, settings):
    settings.CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:"
    meeting = MeetingFactory(start=timezone.now())
    english.force_login(meeting.organiser)

    response = english.get(f"/meetings/{meeting.pk}/join/")

    policy = response["Content-Security-Policy"]
    origin = "https://localhost:8443"
    assert f"script-src 'self' {origin}" in policy
    assert f"frame-src 'self' {origin}" in policy
    assert "default-src 'self'" in policy
    assert "img-src 'self' data:" in policy
