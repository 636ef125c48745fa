"""A service that takes requests and never answers: pages wait for it once, briefly; handlers
keep their retries."""

import time

import pytest
from django.utils import translation

from tests.xblocks.conftest import service_settings
from tests.xblocks.runtime import ANONYMOUS, LEARNER, call, html, make_block
from xblocks.szpon_appointment import AppointmentBlock
from xblocks.szpon_meeting import LiveMeetingBlock

UNAVAILABLE = "The meetings and consultations service is not available right now."


@pytest.fixture
def hanging(standin, settings):
    """The plugin pointed at a service that hangs, configured with the handlers' retries."""
    standin.hang()
    settings.SZPON_SERVICE = service_settings(standin.url, TIMEOUT=5, RETRIES=2)
    return standin


def rendered(block, view: str = "student_view") -> tuple[str, float]:
    began = time.monotonic()
    with translation.override("en"):
        page = html(block.render(view))
    return page, time.monotonic() - began


def test_learner_page_waits_for_one_short_attempt(hanging):
    block = make_block(LiveMeetingBlock, "szpon_meeting", LEARNER, start="2026-12-03T10:00")

    page, seconds = rendered(block)

    assert UNAVAILABLE in page
    assert seconds < 3
    assert len(hanging.seen) == 1
    assert hanging.seen[0].path.startswith("/api/v1/course-meetings/by-block/?block_id=")


def test_consultation_page_waits_for_one_short_attempt(hanging):
    block = make_block(AppointmentBlock, "szpon_appointment", LEARNER, case_type=7)

    page, seconds = rendered(block)

    assert UNAVAILABLE in page
    assert seconds < 3
    assert len(hanging.seen) == 1


def test_anonymous_views_remember_the_outage_for_a_while(hanging):
    block = make_block(AppointmentBlock, "szpon_appointment", ANONYMOUS, case_type=7)

    first, first_seconds = rendered(block)
    second, second_seconds = rendered(block)

    assert UNAVAILABLE in first
    assert UNAVAILABLE in second
    assert first_seconds < 3
    assert second_seconds < 0.5
    assert len(hanging.seen) == 1


def test_handlers_keep_the_configured_retries(standin, settings):
    standin.answer((503, {"message": "down"}))
    settings.SZPON_SERVICE = service_settings(standin.url, TIMEOUT=5, RETRIES=2)
    block = make_block(LiveMeetingBlock, "szpon_meeting", LEARNER)

    status, body = call(block, "join", {})

    assert status == 503
    assert body["code"] == "service_unavailable"
    assert len(standin.seen) == 3
