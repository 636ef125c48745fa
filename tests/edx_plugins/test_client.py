"""The service client's contract with the transport: retries, errors, bodies and typed answers
(fault injection through httpx's MockTransport; the live service is in test_identity.py)."""

import json
import socket
from datetime import UTC, date, datetime

import httpx
import pytest

from edx_plugins.szpon.client import (
    CourseMeeting,
    ServiceClient,
    ServiceError,
    ServiceRefused,
    ServiceUnavailable,
)

MEETING = {
    "id": 7,
    "block_id": "block-v1:Org+C1+2026+type@szpon_meeting+block@abc",
    "course_id": "course-v1:Org+C1+2026",
    "public_id": "c0ffee",
    "title": "Konsultacje",
    "schedule": "scheduled",
    "start": "2026-05-04T10:00:00+02:00",
    "end": "2026-05-04T11:00:00+02:00",
    "state": "upcoming",
    "guest_access": False,
    "completion_minutes": 30,
    "ics_url": "http://service.test/ics/c0ffee.ics",
    "public_url": "http://service.test/m/c0ffee",
    "me": {"can_host": True, "attended_minutes": 0, "completed": False},
}


class Recorder:
    """A transport answering from a list of responses (or exceptions), recording requests."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


def make_client(recorder: Recorder, **kwargs) -> ServiceClient:
    kwargs.setdefault("retries", 2)
    return ServiceClient(
        "http://service.test",
        token="tok",
        backoff=0,
        transport=httpx.MockTransport(recorder),
        **kwargs,
    )


def test_get_is_retried_after_server_errors_and_connection_failures():
    recorder = Recorder(
        httpx.Response(503),
        httpx.ConnectError("refused"),
        httpx.Response(200, json=MEETING),
    )
    meeting = make_client(recorder).meeting_by_block(MEETING["block_id"])
    assert len(recorder.requests) == 3
    assert meeting == CourseMeeting.from_json(MEETING)
    assert meeting.start == datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
    assert meeting.me is not None
    assert meeting.me.can_host is True
    assert recorder.requests[0].url.params["block_id"] == MEETING["block_id"]


def test_get_gives_up_after_the_retries():
    recorder = Recorder(httpx.Response(502))
    with pytest.raises(ServiceUnavailable) as caught:
        make_client(recorder, retries=2).course_meetings("course-v1:Org+C1+2026")
    assert len(recorder.requests) == 3
    assert caught.value.status is None
    assert "HTTP 502" in caught.value.detail
    assert "not available" in caught.value.message


def test_put_is_retried():
    recorder = Recorder(httpx.ReadTimeout("slow"), httpx.Response(200, json=MEETING))
    make_client(recorder).meeting_sync(
        block_id=MEETING["block_id"],
        course_id=MEETING["course_id"],
        title="Konsultacje",
        schedule="scheduled",
        start=datetime(2026, 5, 4, 8, 0, tzinfo=UTC),
        duration_minutes=60,
        hosts=["teacher"],
    )
    assert [r.method for r in recorder.requests] == ["PUT", "PUT"]
    body = json.loads(recorder.requests[1].content)
    assert body == {
        "block_id": MEETING["block_id"],
        "course_id": MEETING["course_id"],
        "title": "Konsultacje",
        "schedule": "scheduled",
        "start": "2026-05-04T08:00:00+00:00",
        "duration_minutes": 60,
        "hosts": ["teacher"],
        "lobby": True,
        "recording_allowed": False,
        "guest_access": False,
        "completion_minutes": 0,
    }


@pytest.mark.parametrize(("language", "sent"), [("pl", "pl"), ("en-GB", "en")])
def test_meeting_sync_sends_a_plain_language_code(language, sent):
    recorder = Recorder(httpx.Response(200, json=MEETING))
    make_client(recorder).meeting_sync(
        block_id="b", course_id="c", title="T", schedule="on_demand", language=language
    )
    assert json.loads(recorder.requests[0].content)["language"] == sent


@pytest.mark.parametrize(
    "failure", [httpx.Response(503), httpx.ConnectError("refused"), httpx.ReadTimeout("slow")]
)
def test_post_is_never_retried(failure):
    recorder = Recorder(failure, httpx.Response(200, json={"invited": 1}))
    with pytest.raises(ServiceUnavailable):
        make_client(recorder).meeting_invite(7, emails=["a@example.org"])
    assert len(recorder.requests) == 1


def test_refusal_carries_the_services_message_code_and_field_errors():
    body = {
        "message": "start: This slot is gone.",
        "code": "slot_taken",
        "errors": {"start": ["This slot is gone."]},
    }
    recorder = Recorder(httpx.Response(409, json=body))
    with pytest.raises(ServiceRefused) as caught:
        make_client(recorder).learner_booking_create(
            case_type=3, start=datetime(2026, 5, 4, 8, 0, tzinfo=UTC), block_id="b1"
        )
    assert len(recorder.requests) == 1
    error = caught.value
    assert (error.message, error.status, error.code) == (body["message"], 409, "slot_taken")
    assert error.errors == {"start": ["This slot is gone."]}
    assert str(error) == body["message"]


def test_refusal_is_not_retried_even_for_get():
    recorder = Recorder(httpx.Response(404, json={"message": "Not found.", "code": "not_found"}))
    with pytest.raises(ServiceRefused) as caught:
        make_client(recorder).meeting_by_block("never-synced")
    assert len(recorder.requests) == 1
    assert caught.value.status == 404


def test_refusal_without_json_gets_a_generic_message():
    recorder = Recorder(httpx.Response(403, text="<html>Forbidden</html>"))
    with pytest.raises(ServiceRefused) as caught:
        make_client(recorder).course_consultations("course-v1:Org+C1+2026")
    assert caught.value.message == "The meetings service refused the request (HTTP 403)."
    assert caught.value.code == ""


def test_garbled_success_is_a_service_error():
    recorder = Recorder(httpx.Response(200, text="not json"))
    with pytest.raises(ServiceError) as caught:
        make_client(recorder).me()
    assert type(caught.value) is ServiceError
    assert caught.value.status == 200


@pytest.mark.parametrize("body", [[MEETING], None, "meeting", 7])
def test_success_that_is_not_an_object_is_a_service_error(body):
    recorder = Recorder(httpx.Response(200, content=json.dumps(body).encode()))
    with pytest.raises(ServiceError) as caught:
        make_client(recorder).meeting_by_block(MEETING["block_id"])
    assert type(caught.value) is ServiceError
    assert caught.value.message == "The meetings service gave an answer we could not read."
    assert "expected an object" in caught.value.detail


def test_list_holding_something_else_than_objects_is_a_service_error():
    recorder = Recorder(httpx.Response(200, json=[MEETING, None]))
    with pytest.raises(ServiceError) as caught:
        make_client(recorder).course_meetings("course-v1:Org+C1+2026")
    assert type(caught.value) is ServiceError


def test_requests_carry_the_token_and_the_language():
    from django.utils import translation

    recorder = Recorder(httpx.Response(200, json=[]))
    with translation.override("pl"):
        make_client(recorder).course_meetings("course-v1:Org+C1+2026")
    request = recorder.requests[0]
    assert request.headers["Authorization"] == "JWT tok"
    assert request.headers["Accept-Language"] == "pl"
    assert request.url.path == "/api/v1/course-meetings/"
    assert request.url.params["course_id"] == "course-v1:Org+C1+2026"


def test_public_client_sends_no_token():
    public = {"public_id": "c0ffee", "title": "Webinar", "state": "live", "joinable": True}
    recorder = Recorder(httpx.Response(200, json=public))
    client = ServiceClient("http://service.test", transport=httpx.MockTransport(recorder))
    meeting = client.public_course_meeting("c0ffee")
    assert (meeting.title, meeting.state, meeting.joinable) == ("Webinar", "live", True)
    assert meeting.start is None
    assert "Authorization" not in recorder.requests[0].headers
    assert recorder.requests[0].url.path == "/api/v1/public/course-meetings/c0ffee/"


def test_lists_follow_the_services_pages():
    page_two = "http://service.test/api/v1/course-meetings/?course_id=c&page=2"
    recorder = Recorder(
        httpx.Response(200, json={"count": 2, "next": page_two, "results": [MEETING]}),
        httpx.Response(200, json={"count": 2, "next": None, "results": [{**MEETING, "id": 8}]}),
    )
    meetings = make_client(recorder).course_meetings("c")
    assert [m.id for m in meetings] == [7, 8]
    assert str(recorder.requests[1].url) == page_two


def test_availability_asks_for_a_date_range():
    slot = {
        "start": "2026-05-04T10:00:00+02:00",
        "end": "2026-05-04T10:30:00+02:00",
        "official": 4,
        "location": None,
        "seats_left": 1,
    }
    recorder = Recorder(httpx.Response(200, json=[slot]))
    slots = make_client(recorder).availability(3, start_date=date(2026, 5, 4), days=7)
    params = recorder.requests[0].url.params
    assert recorder.requests[0].url.path == "/api/v1/public/case-types/3/availability/"
    assert (params["start"], params["end"]) == ("2026-05-04", "2026-05-10")
    assert slots[0].official == 4
    assert slots[0].location == 0
    assert slots[0].seats_left == 1


def test_join_and_bookings_are_typed():
    join = {
        "ticket": {
            "domain": "meet.test",
            "script_url": "https://meet.test/external_api.js",
            "room": "r1",
            "token": "room-token",
            "url": "https://meet.test/r1?jwt=room-token",
            "display_name": "Ola",
            "moderator": False,
            "expires_at": "2026-05-04T10:10:00+00:00",
        },
        "join_url": "http://service.test/meetings/join/x",
        "role": "member",
    }
    booking = {
        "id": "0f9a3c4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
        "reference_code": "ABC-123",
        "case_type": 3,
        "case_type_name": "Konsultacja",
        "start": "2026-05-04T10:00:00+02:00",
        "end": "2026-05-04T10:30:00+02:00",
        "mode": "video",
        "status": "cancelled",
        "location": "",
        "join_url": "",
        "manage_url": "http://service.test/visits/manage/x",
    }
    recorder = Recorder(httpx.Response(200, json=join), httpx.Response(200, json=booking))
    client = make_client(recorder)
    joined = client.meeting_join(7)
    cancelled = client.learner_booking_cancel("0f9a3c4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b")
    assert joined.role == "member"
    assert joined.ticket.room == "r1"
    assert not joined.ticket.moderator
    assert cancelled.status == "cancelled"
    assert cancelled.reference_code == "ABC-123"
    assert cancelled.id == "0f9a3c4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b"
    assert [r.url.path for r in recorder.requests] == [
        "/api/v1/course-meetings/7/join/",
        "/api/v1/learner-bookings/0f9a3c4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b/cancel/",
    ]


@pytest.mark.parametrize(("status", "created"), [(201, True), (200, False)])
def test_training_event_says_whether_it_was_new(status, created):
    record = {"course_id": "course-v1:Org+C1+2026", "state": "enrolled"}
    recorder = Recorder(httpx.Response(status, json={"record": record}))
    result = make_client(recorder).training_event(
        event_id="3f1c2a1e-0000-4000-8000-000000000001",
        event_type="enrollment_created",
        occurred_at="2026-05-04T08:00:00+00:00",
        course_id="course-v1:Org+C1+2026",
        enrollment_mode="audit",
    )
    assert result.created is created
    assert result.record.state == "enrolled"
    assert result.record.passed_at is None
    assert json.loads(recorder.requests[0].content) == {
        "event_id": "3f1c2a1e-0000-4000-8000-000000000001",
        "event_type": "enrollment_created",
        "occurred_at": "2026-05-04T08:00:00+00:00",
        "course_id": "course-v1:Org+C1+2026",
        "enrollment_mode": "audit",
    }


def test_nothing_listening_is_unavailable():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = ServiceClient(f"http://127.0.0.1:{port}", retries=1, backoff=0, timeout=1)
    with pytest.raises(ServiceUnavailable) as caught:
        client.course_meetings("course-v1:Org+C1+2026")
    assert "ConnectError" in caught.value.detail


def test_a_service_that_never_answers_times_out():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        client = ServiceClient(f"http://127.0.0.1:{port}", retries=1, backoff=0, timeout=0.3)
        with pytest.raises(ServiceUnavailable) as caught:
            client.course_meetings("course-v1:Org+C1+2026")
    assert "ReadTimeout" in caught.value.detail


def test_no_address_configured_is_unavailable():
    with pytest.raises(ServiceUnavailable):
        ServiceClient("")
