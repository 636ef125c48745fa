"""The meetings API: scheduling, inviting, joining and live state, scoped to the caller."""

from datetime import timedelta

import jwt
import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from collab_service.meetings.models import Meeting
from tests.factories import MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def _body(**overrides) -> dict:
    start = timezone.now() + timedelta(days=1)
    return {
        "title": "Narada",
        "start": start.isoformat(),
        "end": (start + timedelta(hours=1)).isoformat(),
        **overrides,
    }


def test_create_invites_colleagues_and_guests(api, tenant_a):
    response = api.as_user(tenant_a.manager).post(
        "/api/v1/meetings/",
        _body(
            colleagues=[tenant_a.official.pk],
            co_organisers=[tenant_a.admin.pk],
            guests=[{"name": "Ewa", "email": "ewa@example.org"}],
            lobby_enabled=True,
        ),
        format="json",
    )

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["my_role"] == "organiser"
    assert data["lobby_enabled"] is True
    roles = {p["name"]: (p["role"], p["email"]) for p in data["participants"]}
    assert roles["Ewa"] == ("guest", "ewa@example.org")
    assert roles[tenant_a.admin.display_name][0] == "co_organiser"
    assert roles[tenant_a.official.display_name][0] == "member"
    assert Meeting.objects.get().institution == tenant_a.institution


def test_start_now_needs_no_times(api, tenant_a):
    response = api.as_user(tenant_a.official).post(
        "/api/v1/meetings/", {"title": "Teraz"}, format="json"
    )

    assert response.status_code == 201
    start = Meeting.objects.get().start
    assert abs((start - timezone.now()).total_seconds()) < 60


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"guests": [{"email": "not-an-address"}]}, "guests"),
        ({"guests": [{"email": "a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".pl"}]}, "guests"),
        ({"title": ""}, "title"),
        ({"end": (timezone.now() + timedelta(hours=1)).isoformat()}, "must end after it starts."),
        ({"start": "9999-01-01T10:00:00Z"}, "start: Choose a time within ten years."),
        ({"colleagues": [10**9]}, "Only people of the meeting's institution"),
    ],
)
def test_bad_input_is_a_clear_400_and_nothing_is_saved(api, tenant_a, changes, message):
    response = api.as_user(tenant_a.official).post(
        "/api/v1/meetings/", _body(**changes), format="json"
    )

    assert response.status_code == 400
    assert message in response.json()["message"]
    assert not Meeting.objects.exists()


def test_colleagues_of_another_institution_are_refused(api, tenant_a, tenant_b):
    response = api.as_user(tenant_a.official).post(
        "/api/v1/meetings/", _body(colleagues=[tenant_b.official.pk]), format="json"
    )

    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_other_peoples_meetings_answer_404(api, tenant_a, tenant_b):
    meeting = MeetingFactory(organiser=tenant_b.official, institution=tenant_b.institution)
    client = api.as_user(tenant_a.official)

    assert client.get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404
    assert client.post(f"/api/v1/meetings/{meeting.pk}/join/").status_code == 404
    assert client.post(f"/api/v1/meetings/{meeting.pk}/cancel/").status_code == 404
    assert client.get("/api/v1/meetings/").json()["results"] == []


def test_invitees_see_but_cannot_change_and_do_not_see_addresses(api, tenant_a):
    meeting = MeetingFactory(organiser=tenant_a.manager, institution=tenant_a.institution)
    ParticipantFactory(meeting=meeting, user=tenant_a.official, role="member")
    ParticipantFactory(meeting=meeting, email="ewa@example.org")
    client = api.as_user(tenant_a.official)

    seen = client.get(f"/api/v1/meetings/{meeting.pk}/").json()
    changed = client.patch(f"/api/v1/meetings/{meeting.pk}/", {"title": "X"}, format="json")

    assert seen["my_role"] == "member"
    assert all("email" not in person for person in seen["participants"])
    assert changed.status_code == 404


def test_patch_moves_the_meeting_and_bumps_the_sequence(api, tenant_a):
    meeting = MeetingFactory(organiser=tenant_a.manager, institution=tenant_a.institution)
    later = meeting.start + timedelta(hours=3)

    response = api.as_user(tenant_a.manager).patch(
        f"/api/v1/meetings/{meeting.pk}/",
        {"start": later.isoformat(), "end": (later + timedelta(hours=1)).isoformat()},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["sequence"] == 1


def test_join_gives_a_token_for_the_callers_role(api, tenant_a):
    meeting = MeetingFactory(
        organiser=tenant_a.manager, institution=tenant_a.institution, start=timezone.now()
    )
    member = ParticipantFactory(meeting=meeting, user=tenant_a.official, role="member")

    response = api.as_user(tenant_a.official).post(f"/api/v1/meetings/{meeting.pk}/join/")

    assert response.status_code == 200
    ticket = response.json()
    claims = jwt.decode(
        ticket["token"],
        django_settings.JITSI["app_secret"],
        algorithms=["HS256"],
        audience=django_settings.JITSI["audience"],
    )
    assert claims["context"]["user"]["id"] == str(member.pk)
    assert (ticket["moderator"], claims["context"]["user"]["affiliation"]) == (False, "member")
    assert ticket["room"] == meeting.room_name


def test_join_before_the_window_is_a_403_with_the_reason(api, tenant_a):
    meeting = MeetingFactory(organiser=tenant_a.manager, institution=tenant_a.institution)
    meeting.start = timezone.now() + timedelta(days=2)
    meeting.end = meeting.start + timedelta(hours=1)
    meeting.save()

    response = api.as_user(tenant_a.manager).post(f"/api/v1/meetings/{meeting.pk}/join/")

    assert response.status_code == 403
    assert response.json()["code"] == "join_refused"
    assert response.json()["message"].startswith("The meeting has not started yet.")


def test_live_state_says_not_configured_without_a_room_size_url(api, tenant_a, settings):
    settings.JITSI_ROOM_SIZE_URL = ""
    meeting = MeetingFactory(organiser=tenant_a.manager, institution=tenant_a.institution)

    response = api.as_user(tenant_a.manager).get(f"/api/v1/meetings/{meeting.pk}/live/")

    assert response.status_code == 200
    assert response.json()["status"] == "not_configured"


def test_attendance_for_organisers_only_as_json_and_csv(api, tenant_a):
    from collab_service.meetings.models import AttendanceSession

    meeting = MeetingFactory(
        organiser=tenant_a.manager, institution=tenant_a.institution, start=timezone.now()
    )
    member = ParticipantFactory(meeting=meeting, user=tenant_a.official, role="member")
    AttendanceSession.objects.create(
        meeting=meeting,
        participant=member,
        occupant_jid="room@muc/abc",
        name=member.name,
        joined_at=meeting.start,
        left_at=meeting.start + timedelta(minutes=20),
    )

    rows = api.as_user(tenant_a.manager).get(f"/api/v1/meetings/{meeting.pk}/attendance/")
    csv_file = api.as_user(tenant_a.manager).get(f"/api/v1/meetings/{meeting.pk}/attendance.csv")
    refused = api.as_user(tenant_a.official).get(f"/api/v1/meetings/{meeting.pk}/attendance/")

    attended = {row["name"]: row["minutes"] for row in rows.json()}
    assert attended[member.name] == 20
    assert csv_file.status_code == 200
    assert csv_file["Content-Type"].startswith("text/csv")
    assert member.name in csv_file.content.decode()
    assert refused.status_code == 404
