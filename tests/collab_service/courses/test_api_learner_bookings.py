"""Learners book, see and cancel consultations from the course: the citizens' booking rules,
confirmed at once for the LMS's verified address, and only ever their own bookings."""

from datetime import timedelta

import pytest

from collab_service.appointments.models import Booking
from collab_service.courses.models import LearnerBooking
from collab_service.notifications.models import OutgoingEmail
from tests.collab_service.appointments.conftest import (  # noqa: F401 - frozen_now, a fixture
    MONDAY_MORNING,
    frozen_now,
    make_office,
    make_visit,
)

from .conftest import COURSE, LEARNER, OTHER_COURSE, OTHER_LEARNER, STAFF, lms_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

CONSULTATION = "block-v1:SZPON+K101+2026+type@szpon_appointment+block@c1"
TEN = "2026-06-01T10:00:00+02:00"
BOOKINGS = "/api/v1/learner-bookings/"


def _office(officials: int = 2):
    office = make_office(officials=officials)
    office.tenant.institution.lms_orgs = "SZPON"
    office.tenant.institution.save()
    response = lms_client(STAFF, "staff").put(
        "/api/v1/course-consultations/by-block/",
        {
            "block_id": CONSULTATION,
            "course_id": COURSE,
            "title": "Konsultacje",
            "case_type": office.case_type.pk,
        },
        format="json",
    )
    assert response.status_code == 200
    return office


@pytest.fixture
def office(db):
    return _office()


def _book(client, office, **overrides):
    body = {"case_type": office.case_type.pk, "start": TEN, "block_id": CONSULTATION}
    body.update(overrides)
    return client.post(BOOKINGS, body, format="json")


def test_learner_books_and_the_booking_is_confirmed_at_once(
    office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _book(lms_client(LEARNER), office)

    assert response.status_code == 201
    body = response.json()
    booking = Booking.objects.get()
    assert body["id"] == str(booking.pk)
    assert body["reference_code"] == booking.reference_code
    assert body["case_type"] == office.case_type.pk
    assert body["case_type_name"] == "Identity card"
    assert body["block_id"] == CONSULTATION
    assert body["start"] == TEN
    assert body["end"] == "2026-06-01T10:30:00+02:00"
    assert body["mode"] == "in_person"
    assert body["status"] == "confirmed"
    assert body["location"] == "Sala obsługi"
    assert body["join_url"] == ""
    assert body["manage_url"].startswith("http://testserver/visits/manage/")
    assert body["can_cancel"] is True
    assert booking.status == Booking.Status.CONFIRMED
    assert (booking.citizen_email, booking.citizen_name) == (LEARNER.email, LEARNER.name)
    link = LearnerBooking.objects.get()
    assert (link.user.lms_user_id, link.course_id, link.block_id) == (
        LEARNER.user_id,
        COURSE,
        CONSULTATION,
    )
    (email,) = OutgoingEmail.objects.all()
    assert email.to == [LEARNER.email]
    assert email.subject == f"Your visit is booked: {booking.reference_code}"
    assert email.ics_method == "REQUEST"


def test_token_without_verified_email_cannot_book(office):
    response = _book(lms_client(LEARNER, email_verified=False), office)

    assert response.status_code == 400
    assert response.json()["code"] == "email_unverified"
    assert not Booking.objects.exists()


def test_a_taken_slot_is_409_slot_taken(db):
    office = _office(officials=1)
    assert _book(lms_client(LEARNER), office).status_code == 201

    response = _book(lms_client(OTHER_LEARNER), office)

    assert response.status_code == 409
    assert response.json()["code"] == "slot_taken"
    assert Booking.objects.count() == LearnerBooking.objects.count() == 1


@pytest.mark.parametrize(
    "start",
    [
        "2026-06-01T03:00:00+02:00",  # before the office opens
        "2026-06-01T07:30:00+02:00",  # within the minimum notice
        "2026-05-01T10:00:00+02:00",  # past
        "2027-06-01T10:00:00+02:00",  # beyond the horizon
        "2026-06-01T10:10:00+02:00",  # not a slot boundary
    ],
)
def test_a_time_that_is_no_slot_is_400(office, start):
    response = _book(lms_client(LEARNER), office, start=start)

    assert response.status_code == 400
    assert not Booking.objects.exists()


def test_video_is_refused_for_an_in_person_matter(office):
    response = _book(lms_client(LEARNER), office, mode="video")

    assert response.status_code == 400
    assert "Video calls are not available" in response.json()["message"]


def test_answers_follow_the_case_types_questions(office):
    office.case_type.form_fields = [
        {
            "key": "pesel",
            "label_pl": "PESEL",
            "label_en": "PESEL",
            "type": "number",
            "required": True,
        }
    ]
    office.case_type.save()
    client = lms_client(LEARNER)

    missing = _book(client, office)
    unknown = _book(client, office, answers={"pesel": "1", "extra": "x"})
    wrong = _book(client, office, answers={"pesel": "abc"})
    right = _book(client, office, answers={"pesel": "90010112345"})

    assert [r.status_code for r in (missing, unknown, wrong)] == [400, 400, 400]
    assert right.status_code == 201
    assert Booking.objects.get().answers == {"pesel": "90010112345"}


@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        ({"block_id": "block-v1:SZPON+K101+2026+type@x+block@none"}, 404, "not_found"),
        ({"case_type": 999_999}, 400, "invalid"),
        ({"start": "soon"}, 400, "invalid"),
        ({"mode": "carrier-pigeon"}, 400, "invalid"),
        ({"answers": ["a"]}, 400, "invalid"),
        ({"answers": {f"k{i}": "x" for i in range(21)}}, 400, "invalid"),
        ({"block_id": None}, 400, "invalid"),
    ],
)
def test_bad_booking_requests_are_4xx(office, overrides, status, code):
    response = _book(lms_client(LEARNER), office, **overrides)

    assert response.status_code == status
    assert response.json()["code"] == code
    assert not Booking.objects.exists()


def test_consultation_of_another_course_cannot_be_booked(office):
    response = _book(lms_client(LEARNER, course=OTHER_COURSE), office)

    assert response.status_code == 403
    assert response.json()["code"] == "wrong_course"


def test_inactive_case_type_cannot_be_booked(office):
    office.case_type.is_active = False
    office.case_type.save()

    response = _book(lms_client(LEARNER), office)

    assert response.status_code == 400
    assert "cannot be booked" in response.json()["message"]


def test_the_citizens_daily_limit_per_address_applies(office, settings):
    settings.BOOKING_LIMIT_PER_EMAIL_DAY = 1
    client = lms_client(LEARNER)

    first = _book(client, office)
    second = _book(client, office, start="2026-06-01T11:00:00+02:00")

    assert first.status_code == 201
    assert second.status_code == 429
    assert second.json()["code"] == "throttled"


@pytest.mark.parametrize(
    ("claim", "course", "role"),
    [(False, COURSE, "learner"), (True, "", "")],
    ids=["no-claim", "no-course"],
)
def test_bookings_need_the_course_context(office, claim, course, role):
    client = lms_client(LEARNER, role, claim=claim, course=course)

    assert _book(client, office).status_code == 403
    assert client.get(BOOKINGS).status_code == 403


def test_learner_sees_only_their_own_upcoming_bookings(office):
    mine = lms_client(LEARNER)
    _book(mine, office)
    _book(mine, office, start="2026-06-01T11:00:00+02:00")
    _book(lms_client(OTHER_LEARNER), office)
    done = Booking.objects.filter(learner__user__lms_user_id=LEARNER.user_id).order_by("start")[1]
    Booking.objects.filter(pk=done.pk).update(status=Booking.Status.CANCELLED)
    make_visit(office, "confirmed", MONDAY_MORNING + timedelta(hours=6))  # a citizen's

    response = mine.get(BOOKINGS, {"case_type": office.case_type.pk})

    assert response.status_code == 200
    assert [b["start"] for b in response.json()] == [TEN]
    assert mine.get(BOOKINGS, {"case_type": office.case_type.pk + 1}).json() == []
    assert mine.get(BOOKINGS, {"case_type": "x"}).status_code == 400


def test_learner_cancels_their_booking(office, django_capture_on_commit_callbacks):
    client = lms_client(LEARNER)
    booking_id = _book(client, office).json()["id"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{BOOKINGS}{booking_id}/cancel/", {}, format="json")
    again = client.post(f"{BOOKINGS}{booking_id}/cancel/", {}, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert response.json()["can_cancel"] is False
    assert again.status_code == 200
    assert Booking.objects.get().status == Booking.Status.CANCELLED
    assert OutgoingEmail.objects.filter(ics_method="CANCEL", to=[LEARNER.email]).count() == 1
    assert client.get(BOOKINGS).json() == []


def test_someone_elses_booking_is_404(office):
    booking_id = _book(lms_client(LEARNER), office).json()["id"]
    visit = make_visit(office, "confirmed", MONDAY_MORNING + timedelta(hours=6))
    other = lms_client(OTHER_LEARNER)

    assert other.post(f"{BOOKINGS}{booking_id}/cancel/", format="json").status_code == 404
    assert other.post(f"{BOOKINGS}{visit.pk}/cancel/", format="json").status_code == 404
    assert Booking.objects.get(pk=booking_id).status == Booking.Status.CONFIRMED


def test_a_visit_already_done_cannot_be_cancelled(office):
    client = lms_client(LEARNER)
    booking_id = _book(client, office).json()["id"]
    Booking.objects.filter(pk=booking_id).update(status=Booking.Status.DONE)

    response = client.post(f"{BOOKINGS}{booking_id}/cancel/", format="json")

    assert response.status_code == 400
    assert "can no longer be cancelled" in response.json()["message"]


def test_too_many_answers_are_refused_in_the_callers_language(office):
    answers = {f"k{i}": "x" for i in range(21)}

    response = _book(lms_client(LEARNER, language="pl"), office, answers=answers)

    assert response.status_code == 400
    assert response.json()["errors"] == {"answers": ["Najwyżej 20 odpowiedzi."]}
