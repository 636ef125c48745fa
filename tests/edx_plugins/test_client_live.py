"""Every method of the plugin's client against the live service: the typed answers hold what the
service stored, and its refusals arrive with their status and code."""

import uuid
from datetime import timedelta

import jwt
import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from collab_service.appointments.models import Booking
from collab_service.courses import models as service
from collab_service.training.models import TrainingRecord
from edx_plugins.szpon.client import (
    ServiceClient,
    ServiceRefused,
    client_for,
    public_client,
)
from tests.collab_service.appointments.conftest import make_office
from tests.edx_plugins.conftest import COURSE_ID, course_office, service_api
from tests.factories import CertificatePolicyFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

MEETING_BLOCK = "block-v1:UrzadA+RODO+2026+type@szpon_meeting+block@m1"
CONSULTATION_BLOCK = "block-v1:UrzadA+RODO+2026+type@szpon_appointment+block@c1"
OTHER_COURSE_ID = "course-v1:UrzadA+KPA+2026"


@pytest.fixture
def office(live_service):
    return course_office()


@pytest.fixture
def staff(db):
    return UserFactory(username="kadra", is_staff=True)


@pytest.fixture
def consultation(office, staff):
    """The consultation block tied to the office's case type, as Studio syncs it."""
    response = service_api(staff, "staff").put(
        "/api/v1/course-consultations/by-block/",
        {
            "block_id": CONSULTATION_BLOCK,
            "course_id": COURSE_ID,
            "title": "Konsultacje",
            "case_type": office.case_type.pk,
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    return response.json()


@pytest.fixture
def host(db):
    return UserFactory(username="prowadzacy")


@pytest.fixture
def learner(db):
    return UserFactory(username="ola", email="ola@example.gov.pl", full_name="Ola Nowak")


def as_(user, role: str = "learner", course_id: str = COURSE_ID) -> ServiceClient:
    return client_for(user, course_id=course_id, course_role=role)


def _in(minutes: int):
    return timezone.now().replace(microsecond=0) + timedelta(minutes=minutes)


def _sync(user, **fields):
    values = {
        "block_id": MEETING_BLOCK,
        "course_id": COURSE_ID,
        "title": "Webinarium: RODO w praktyce",
        "schedule": "scheduled",
        "start": _in(0),
        "hosts": ["prowadzacy"],
        **fields,
    }
    with as_(user, "staff") as client:
        return client.meeting_sync(**values)


def _refusal(call) -> ServiceRefused:
    with pytest.raises(ServiceRefused) as caught:
        call()
    return caught.value


def test_meeting_sync_stores_the_block_and_answers_the_meeting(office, staff):
    start = _in(24 * 60)
    meeting = _sync(
        staff,
        start=start,
        duration_minutes=90,
        guest_access=True,
        completion_minutes=30,
        language="en",
    )

    stored = service.CourseMeeting.objects.select_related("meeting").get(block_id=MEETING_BLOCK)
    assert meeting.id == stored.pk
    assert (meeting.block_id, meeting.course_id) == (MEETING_BLOCK, COURSE_ID)
    assert meeting.public_id == str(stored.public_id)
    assert meeting.title == stored.meeting.title == "Webinarium: RODO w praktyce"
    assert (meeting.schedule, meeting.state) == ("scheduled", "upcoming")
    assert (meeting.start, meeting.end) == (start, start + timedelta(minutes=90))
    assert meeting.duration_minutes == 90
    assert meeting.hosts == ("prowadzacy",)
    assert (meeting.guest_access, meeting.completion_minutes) == (True, 30)
    assert stored.meeting.institution == office.tenant.institution
    assert meeting.ics_url.endswith(f"/public/course-meetings/{stored.public_id}/meeting.ics")
    assert meeting.public_url.endswith(f"/public/course-meetings/{stored.public_id}/")
    assert meeting.me is not None
    assert meeting.me.can_host is True


def test_meeting_sync_with_the_clients_defaults_is_accepted_and_idempotent(office, staff):
    with as_(staff, "staff") as client:
        first = client.meeting_sync(
            block_id=MEETING_BLOCK, course_id=COURSE_ID, title="Dyżur", schedule="on_demand"
        )
        again = client.meeting_sync(
            block_id=MEETING_BLOCK, course_id=COURSE_ID, title="Dyżur 2", schedule="on_demand"
        )
    assert first.id == again.id
    assert (first.state, first.start, first.duration_minutes) == ("not_started", None, 60)
    assert again.title == "Dyżur 2"
    assert service.CourseMeeting.objects.count() == 1


def test_meeting_sync_refusals(office, staff, learner):
    not_staff = _refusal(
        lambda: as_(learner).meeting_sync(
            block_id=MEETING_BLOCK, course_id=COURSE_ID, title="X", schedule="on_demand"
        )
    )
    no_start = _refusal(lambda: _sync(staff, start=None))
    other_course = _refusal(lambda: _sync(staff, course_id=OTHER_COURSE_ID))

    assert (not_staff.status, not_staff.code) == (403, "permission_denied")
    assert not_staff.message == "Only the course's staff can do this."
    assert (no_start.status, no_start.code) == (400, "invalid")
    assert no_start.errors == {"start": ["A scheduled meeting needs a start."]}
    assert (other_course.status, other_course.code) == (403, "permission_denied")
    assert not service.CourseMeeting.objects.exists()


def test_course_without_an_institution_cannot_sync(live_service, staff):
    refused = _refusal(lambda: _sync(staff))
    assert (refused.status, refused.code) == (409, "no_institution")
    assert "UrzadA" in refused.message


def test_learner_reads_the_meeting_of_a_block_and_the_courses_meetings(office, staff, learner):
    synced = _sync(staff)
    with as_(learner) as client:
        by_block = client.meeting_by_block(MEETING_BLOCK)
        listed = client.course_meetings(COURSE_ID)
        unknown = _refusal(lambda: client.meeting_by_block(MEETING_BLOCK + "x"))
    with as_(learner, course_id=OTHER_COURSE_ID) as elsewhere:
        wrong_course = _refusal(lambda: elsewhere.meeting_by_block(MEETING_BLOCK))
        other_list = elsewhere.course_meetings(OTHER_COURSE_ID)

    assert by_block.id == synced.id
    assert by_block.state == "live"
    assert by_block.me is not None
    assert (by_block.me.can_host, by_block.me.attended_minutes) == (False, 0)
    assert [meeting.id for meeting in listed] == [synced.id]
    assert (unknown.status, unknown.code) == (404, "not_found")
    assert (wrong_course.status, wrong_course.code) == (403, "permission_denied")
    assert other_list == []


def test_hosts_start_on_demand_meetings_and_everyone_joins_with_their_role(
    office, staff, host, learner
):
    meeting = _sync(staff, schedule="on_demand", start=None, duration_minutes=45)
    learner_client, host_client = as_(learner), as_(host)

    too_soon = _refusal(lambda: learner_client.meeting_join(meeting.id))
    not_host = _refusal(lambda: learner_client.meeting_start(meeting.id))
    started = host_client.meeting_start(meeting.id)
    member = learner_client.meeting_join(meeting.id)
    moderator = as_(staff, "staff").meeting_join(meeting.id)

    assert (too_soon.status, too_soon.code) == (409, "meeting_not_started")
    assert (not_host.status, not_host.code) == (403, "permission_denied")
    assert started.state == "live"
    assert started.end - started.start == timedelta(minutes=45)
    assert (member.role, moderator.role) == ("member", "moderator")
    stored = service.CourseMeeting.objects.select_related("meeting").get(pk=meeting.id).meeting
    for joined, is_moderator in [(member, False), (moderator, True)]:
        ticket = joined.ticket
        assert ticket is not None
        assert ticket.moderator is is_moderator
        assert ticket.room == stored.room_name
        assert ticket.expires_at is not None
        claims = jwt.decode(
            ticket.token,
            django_settings.JITSI["app_secret"],
            algorithms=["HS256"],
            audience=django_settings.JITSI["audience"],
        )
        assert claims["context"]["user"]["moderator"] == ("true" if is_moderator else "false")
        assert joined.join_url.startswith(django_settings.PUBLIC_URL + "/courses/join/")
    assert member.ticket.display_name == "Ola Nowak"


def test_hosts_invite_by_email_and_username(office, staff, host, learner):
    meeting = _sync(staff)

    with as_(host) as client:
        invited = client.meeting_invite(meeting.id, emails=["ewa@example.org"])
        again = client.meeting_invite(meeting.id, emails=["ewa@example.org"])
        nobody = _refusal(lambda: client.meeting_invite(meeting.id))
        bad = _refusal(lambda: client.meeting_invite(meeting.id, emails=["not an e-mail"]))
    not_host = _refusal(lambda: as_(learner).meeting_invite(meeting.id, emails=["x@example.org"]))

    assert (invited, again) == (1, 0)
    assert (nobody.status, nobody.code) == (400, "invalid")
    assert nobody.message == "Give at least one e-mail address or username."
    assert (bad.status, bad.code) == (400, "invalid")
    assert list(bad.errors) == ["emails"]
    assert (not_host.status, not_host.code) == (403, "permission_denied")


def test_public_course_meeting_needs_no_token(office, staff):
    meeting = _sync(staff, start=_in(60), guest_access=True)
    with public_client() as client:
        public = client.public_course_meeting(meeting.public_id)
        unknown = _refusal(lambda: client.public_course_meeting(str(uuid.uuid4())))
    assert (public.public_id, public.title, public.state) == (
        meeting.public_id,
        "Webinarium: RODO w praktyce",
        "upcoming",
    )
    assert (public.start, public.end, public.schedule) == (meeting.start, meeting.end, "scheduled")
    assert (public.guest_access, public.joinable, public.ics_url) == (True, False, meeting.ics_url)
    assert (unknown.status, unknown.code) == (404, "not_found")


def test_consultation_sync_and_the_courses_consultations(office, staff, learner):
    foreign = make_office("B")  # another institution's case type

    with as_(staff, "staff") as client:
        synced = client.consultation_sync(
            block_id=CONSULTATION_BLOCK,
            course_id=COURSE_ID,
            title="Konsultacje z inspektorem",
            case_type=office.case_type.pk,
        )
        not_ours = _refusal(
            lambda: client.consultation_sync(
                block_id=CONSULTATION_BLOCK,
                course_id=COURSE_ID,
                title="Cudze",
                case_type=foreign.case_type.pk,
            )
        )
    not_staff = _refusal(
        lambda: as_(learner).consultation_sync(
            block_id=CONSULTATION_BLOCK, course_id=COURSE_ID, title="X", case_type=1
        )
    )
    listed = as_(learner).course_consultations(COURSE_ID)

    assert (synced.block_id, synced.course_id, synced.title) == (
        CONSULTATION_BLOCK,
        COURSE_ID,
        "Konsultacje z inspektorem",
    )
    assert (synced.case_type, synced.case_type_name) == (office.case_type.pk, "Identity card")
    assert synced.bookable is True
    assert synced.booking_url.endswith(f"/visits/book/{office.case_type.pk}/")
    assert listed == [synced]
    assert (not_ours.status, not_ours.code) == (400, "invalid")
    assert (not_staff.status, not_staff.code) == (403, "permission_denied")
    stored = service.CourseConsultation.objects.get()
    assert stored.case_type == office.case_type


def test_learner_books_a_free_time_sees_it_and_cancels_it(office, consultation, learner):
    other = UserFactory(username="jan")
    with as_(learner) as client:
        slots = client.availability(office.case_type.pk)
        booking = client.learner_booking_create(
            case_type=office.case_type.pk, start=slots[0].start, block_id=CONSULTATION_BLOCK
        )
        mine = client.learner_bookings(office.case_type.pk)
        with as_(other) as rival:
            taken = _refusal(
                lambda: rival.learner_booking_create(
                    case_type=office.case_type.pk,
                    start=slots[0].start,
                    block_id=CONSULTATION_BLOCK,
                )
            )
            not_theirs = _refusal(lambda: rival.learner_booking_cancel(booking.id))
            assert rival.learner_bookings() == []
        cancelled = client.learner_booking_cancel(booking.id)

    assert slots
    assert slots[0].official == office.agendas[0].pk
    assert slots[0].location == office.location.pk
    assert slots[0].seats_left == 1
    stored = Booking.objects.get()
    assert booking.id == str(stored.pk)
    assert booking.reference_code == stored.reference_code
    assert (booking.case_type, booking.case_type_name) == (office.case_type.pk, "Identity card")
    assert (booking.start, booking.end) == (slots[0].start, slots[0].end)
    assert (booking.status, booking.mode, booking.location) == (
        "confirmed",
        "in_person",
        "Sala obsługi",
    )
    assert (booking.block_id, booking.can_cancel) == (CONSULTATION_BLOCK, True)
    assert "/visits/manage/" in booking.manage_url
    assert stored.citizen_email == "ola@example.gov.pl"
    assert [item.id for item in mine] == [booking.id]
    assert (taken.status, taken.code) == (409, "slot_taken")
    assert (not_theirs.status, not_theirs.code) == (404, "not_found")
    assert (cancelled.id, cancelled.status, cancelled.can_cancel) == (
        booking.id,
        "cancelled",
        False,
    )
    stored.refresh_from_db()
    assert stored.status == Booking.Status.CANCELLED


def test_booking_refusals(office, consultation, learner):
    inactive = UserFactory(is_active=False)  # the LMS has not verified the address
    start = as_(learner).availability(office.case_type.pk)[0].start

    unverified = _refusal(
        lambda: as_(inactive).learner_booking_create(
            case_type=office.case_type.pk, start=start, block_id=CONSULTATION_BLOCK
        )
    )
    no_slot = _refusal(
        lambda: as_(learner).learner_booking_create(
            case_type=office.case_type.pk,
            start=start + timedelta(minutes=7),
            block_id=CONSULTATION_BLOCK,
        )
    )
    unknown_case = _refusal(lambda: as_(learner).availability(office.case_type.pk + 1000))

    assert (unverified.status, unverified.code) == (400, "email_unverified")
    assert (no_slot.status, no_slot.code) == (400, "invalid")
    assert (unknown_case.status, unknown_case.code) == (404, "not_found")
    assert not Booking.objects.exists()


def test_training_event_is_recorded_once(live_service, learner):
    CertificatePolicyFactory(course_id=COURSE_ID, validity_months=12)
    issued = _in(-60)
    event = {
        "event_id": str(uuid.uuid4()),
        "event_type": "certificate_created",
        "occurred_at": issued.isoformat(),
        "course_id": COURSE_ID,
        "course_name": "RODO w urzędzie",
        "certificate": {
            "mode": "honor",
            "grade": "0.9",
            "status": "downloadable",
            "download_url": "https://lms.test/certificates/abc",
        },
    }
    with as_(learner) as client:
        first = client.training_event(**event)
        replay = client.training_event(**event)
    elsewhere = _refusal(lambda: as_(learner, course_id=OTHER_COURSE_ID).training_event(**event))

    assert (first.created, replay.created) == (True, False)
    record = first.record
    stored = TrainingRecord.objects.get(user__lms_user_id=learner.pk)
    assert (record.course_id, record.course_name, record.state) == (
        COURSE_ID,
        "RODO w urzędzie",
        "certified",
    )
    assert record.certificate_issued_at == issued == stored.certificate_issued_at
    assert record.expires_at == stored.expires_at
    assert record.expires_at is not None
    assert record.certificate is not None
    assert (record.certificate.grade, record.certificate.status) == ("0.9", "downloadable")
    assert replay.record == record
    assert (elsewhere.status, elsewhere.code) == (403, "course_mismatch")


def test_me_is_the_services_account_of_the_lms_user(live_service, learner):
    with as_(learner) as client:
        me = client.me()
    assert me.lms_user_id == learner.pk
    assert (me.email, me.name) == ("ola@example.gov.pl", "Ola Nowak")
