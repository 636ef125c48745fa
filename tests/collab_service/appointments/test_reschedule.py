"""Moving a visit in one step: the new time is held before the old one is given up."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from icalendar import Calendar

from collab_service.appointments.errors import BookingError, SlotInvalid, SlotUnavailable
from collab_service.appointments.models import Booking
from collab_service.appointments.services.bookings import booking_hold
from collab_service.appointments.services.confirmation import booking_confirm
from collab_service.appointments.services.manage import booking_cancel, manage_token
from collab_service.appointments.services.reschedule import booking_reschedule
from collab_service.appointments.services.slots import case_type_slots
from tests.collab_service.appointments.conftest import MONDAY_MORNING

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

TEN = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)  # 10:00 in Warsaw
TUESDAY_NOON = datetime(2026, 6, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def client(client):
    client.cookies["collab_language"] = "en"
    return client


def _booked(office, start=TEN, email="ola@example.org", agenda=None) -> Booking:
    booking, _ = booking_hold(
        case_type=office.case_type,
        start=start,
        agenda=agenda,
        citizen_name="Ola Nowak",
        citizen_email=email,
        now=MONDAY_MORNING,
    )
    return booking_confirm(booking=booking)


def _ics_event(message):
    (part,) = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    return part.get_param("method"), Calendar.from_ical(part.get_payload(decode=True)).walk(
        "VEVENT"
    )[0]


def test_move_keeps_code_and_uid_bumps_sequence_and_mails_updated_invitation(
    office, django_capture_on_commit_callbacks
):
    booking = _booked(office)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moved = booking_reschedule(booking=booking, start=TUESDAY_NOON)

    assert (moved.pk, moved.reference_code) == (booking.pk, booking.reference_code)
    assert (moved.start, moved.end) == (TUESDAY_NOON, TUESDAY_NOON + timedelta(minutes=30))
    assert (moved.status, moved.sequence, moved.agenda_id) == ("confirmed", 1, booking.agenda_id)
    (message,) = mail.outbox
    assert booking.reference_code in message.subject
    assert "/visits/manage/" in message.body
    method, event = _ics_event(message)
    assert method == "REQUEST"
    assert str(event["UID"]) == f"booking-{booking.pk}@szpon"
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == TUESDAY_NOON


def test_the_old_time_is_free_again_and_the_new_one_taken(office):
    booking = _booked(office, agenda=office.agendas[0])

    booking_reschedule(booking=booking, start=TUESDAY_NOON)

    free = case_type_slots(
        case_type=office.case_type, first=TEN.date(), last=TUESDAY_NOON.date(), now=MONDAY_MORNING
    )
    mine = {(s.start, s.agenda_id) for s in free}
    assert (TEN, office.agendas[0].pk) in mine
    assert (TUESDAY_NOON, office.agendas[0].pk) not in mine


def test_own_official_busy_at_the_new_time_hands_the_visit_to_a_free_colleague(office):
    booking = _booked(office, agenda=office.agendas[0])
    _booked(office, start=TUESDAY_NOON, email="jan@example.org", agenda=office.agendas[0])

    moved = booking_reschedule(booking=booking, start=TUESDAY_NOON)

    assert moved.agenda_id == office.agendas[1].pk


def test_moving_to_a_taken_time_is_refused_and_the_visit_stays(office):
    booking = _booked(office, agenda=office.agendas[0])
    for n, agenda in enumerate(office.agendas):
        _booked(office, start=TUESDAY_NOON, email=f"p{n}@example.org", agenda=agenda)

    with pytest.raises(SlotUnavailable):
        booking_reschedule(booking=booking, start=TUESDAY_NOON)

    booking.refresh_from_db()
    assert (booking.start, booking.status, booking.seat, booking.sequence) == (
        TEN,
        "confirmed",
        1,
        0,
    )


def test_buffers_of_the_visit_being_moved_do_not_block_its_own_new_time(office):
    office.case_type.buffer_after_minutes = 15
    office.case_type.save()
    booking = _booked(office, agenda=office.agendas[0])

    moved = booking_reschedule(booking=booking, start=TEN + timedelta(minutes=30))

    assert (moved.agenda_id, moved.start) == (office.agendas[0].pk, TEN + timedelta(minutes=30))


@pytest.mark.parametrize(
    "start",
    [
        datetime(2026, 5, 29, 8, 0, tzinfo=UTC),  # in the past
        datetime(2026, 6, 1, 20, 0, tzinfo=UTC),  # after hours
        datetime(2026, 6, 1, 8, 10, tzinfo=UTC),  # not on the slot grid
        datetime(2027, 6, 1, 8, 0, tzinfo=UTC),  # beyond the horizon
    ],
)
def test_times_that_are_not_slots_are_refused(office, start):
    booking = _booked(office)

    with pytest.raises(SlotInvalid):
        booking_reschedule(booking=booking, start=start)


def test_cancelled_or_unconfirmed_visits_cannot_be_moved(office):
    held, _ = booking_hold(
        case_type=office.case_type,
        start=TEN,
        citizen_name="A",
        citizen_email="a@example.org",
        now=MONDAY_MORNING,
    )
    cancelled = booking_cancel(booking=_booked(office, email="b@example.org"))

    for booking in (held, cancelled):
        with pytest.raises(BookingError):
            booking_reschedule(booking=booking, start=TUESDAY_NOON)


def test_move_page_moves_the_visit_and_shows_it(client, office):
    booking = _booked(office)
    token = manage_token(booking)

    page = client.get(f"/visits/manage/{token}/move/", {"day": "2026-06-02"})
    assert page.status_code == 200
    assert TUESDAY_NOON.isoformat() in page.content.decode()

    response = client.post(
        f"/visits/manage/{token}/move/?day=2026-06-02",
        {"day": "2026-06-02", "start": TUESDAY_NOON.isoformat()},
        follow=True,
    )

    assert response.status_code == 200
    assert "has been moved" in response.content.decode()
    booking.refresh_from_db()
    assert booking.start == TUESDAY_NOON


@pytest.mark.parametrize(
    "start", ["", "tomorrow", "2026-06-02T10:00:00+00:00x", "2026-06-02T03:00:00+00:00"]
)
def test_move_page_answers_bad_times_with_a_form_error(client, office, start):
    booking = _booked(office)
    token = manage_token(booking)

    response = client.post(
        f"/visits/manage/{token}/move/?day=2026-06-02", {"day": "2026-06-02", "start": start}
    )

    assert response.status_code == 200
    assert 'class="error-summary" role="alert"' in response.content.decode()
    booking.refresh_from_db()
    assert booking.start == TEN


def test_move_page_for_a_cancelled_visit_says_so(client, office):
    booking = booking_cancel(booking=_booked(office))

    response = client.get(f"/visits/manage/{manage_token(booking)}/move/")

    assert response.status_code == 400
    assert "can no longer be moved" in response.content.decode()


def test_move_over_the_api(api, office):
    booking = _booked(office)
    url = f"/api/v1/public/bookings/manage/{manage_token(booking)}/move/"

    response = api.post(url, {"start": TUESDAY_NOON.isoformat()}, format="json")

    assert response.status_code == 200
    body = response.json()
    assert body["start"] == "2026-06-02T12:00:00+02:00"
    assert (body["reference_code"], body["can_move"]) == (booking.reference_code, True)


def test_move_over_the_api_to_a_taken_time_is_409_and_to_a_non_slot_400(api, office):
    booking = _booked(office)
    for n, agenda in enumerate(office.agendas):
        _booked(office, start=TUESDAY_NOON, email=f"p{n}@example.org", agenda=agenda)
    url = f"/api/v1/public/bookings/manage/{manage_token(booking)}/move/"

    taken = api.post(url, {"start": TUESDAY_NOON.isoformat()}, format="json")
    not_a_slot = api.post(url, {"start": "2026-06-02T03:00:00+02:00"}, format="json")
    garbage = api.post(url, {"start": "soon"}, format="json")

    assert (taken.status_code, not_a_slot.status_code, garbage.status_code) == (409, 400, 400)
    assert "taken" in taken.json()["message"]
    assert "start" in garbage.json()["errors"]
    booking.refresh_from_db()
    assert booking.start == TEN
