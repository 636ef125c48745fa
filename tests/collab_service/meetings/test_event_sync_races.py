"""Events for one stay arriving at the same moment (a join, its leave and their retries) make
one stay, closed, on whichever database the suite runs on."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connections
from django.test import Client

from collab_service.meetings.models import AttendanceSession
from tests.collab_service.meetings.conftest import (
    joined_event,
    left_event,
    occupant,
    post_event,
)
from tests.factories import MeetingFactory, ParticipantFactory

pytestmark = [pytest.mark.django_db(transaction=True)]

T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
ROUNDS = 8


def _post_together(requests: list[tuple[str, dict]]) -> list[int]:
    barrier = threading.Barrier(len(requests))

    def send(kind: str, body: dict) -> int:
        try:
            client = Client()
            barrier.wait(timeout=30)
            return post_event(client, kind, body).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(lambda request: send(*request), requests))


def test_racing_events_for_one_stay_make_one_closed_stay():
    meeting = MeetingFactory()
    guest = ParticipantFactory(meeting=meeting)

    for round_ in range(ROUNDS):
        entry = occupant(
            jid=f"{meeting.room_name}@muc.meet.jitsi/n{round_}",
            joined=T0 + timedelta(minutes=round_),
            left=T0 + timedelta(minutes=round_, seconds=30),
            participant=guest,
        )
        joined, left = joined_event(meeting, entry), left_event(meeting, entry)
        statuses = _post_together(
            [
                ("occupant/joined", joined),
                ("occupant/left", left),
                ("occupant/joined", joined),
                ("occupant/left", left),
            ]
        )
        assert statuses == [200, 200, 200, 200]

    stays = list(AttendanceSession.objects.filter(meeting=meeting))
    assert len(stays) == ROUNDS
    assert all(s.participant_id == guest.pk for s in stays)
    assert [s.left_at - s.joined_at for s in stays] == [timedelta(seconds=30)] * ROUNDS
