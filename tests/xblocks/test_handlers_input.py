"""Every handler of both blocks answers unreadable requests and wrong methods with JSON."""

import pytest
from django.utils import translation

from tests.xblocks.runtime import LEARNER, STAFF, call, make_block
from xblocks.szpon_appointment import AppointmentBlock
from xblocks.szpon_meeting import LiveMeetingBlock

HANDLERS = [
    (LiveMeetingBlock, "szpon_meeting", "join"),
    (LiveMeetingBlock, "szpon_meeting", "start_meeting"),
    (LiveMeetingBlock, "szpon_meeting", "invite"),
    (LiveMeetingBlock, "szpon_meeting", "check_attendance"),
    (LiveMeetingBlock, "szpon_meeting", "studio_submit"),
    (AppointmentBlock, "szpon_appointment", "book"),
    (AppointmentBlock, "szpon_appointment", "cancel"),
    (AppointmentBlock, "szpon_appointment", "studio_submit"),
]
IDS = [f"{block_type}.{handler}" for _cls, block_type, handler in HANDLERS]


@pytest.mark.parametrize(("block_class", "block_type", "handler"), HANDLERS, ids=IDS)
@pytest.mark.parametrize(
    "raw", [b"{", b'"text"', b"null", b"\xff"], ids=["cut", "string", "null", "bytes"]
)
def test_unreadable_body_is_a_400_in_the_viewers_language(block_class, block_type, handler, raw):
    block = make_block(block_class, block_type, STAFF)
    with translation.override("pl"):
        status, body = call(block, handler, raw=raw)

    assert status == 400
    assert body == {
        "message": "Nie udało się odczytać żądania. Odśwież stronę i spróbuj ponownie.",
        "code": "bad_json",
    }


@pytest.mark.parametrize(("block_class", "block_type", "handler"), HANDLERS, ids=IDS)
def test_get_is_a_405(block_class, block_type, handler):
    block = make_block(block_class, block_type, LEARNER)
    with translation.override("en"):
        status, body = call(block, handler, method="GET")

    assert status == 405
    assert body["code"] == "method_not_allowed"
