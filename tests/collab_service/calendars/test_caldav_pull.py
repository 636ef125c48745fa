"""Pulling busy time from a real Radicale server into availability."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest

from collab_service.appointments.models import BusyInterval
from collab_service.calendars.caldav_client import CalDavError
from collab_service.calendars.models import CalendarConnection, RemoteCalendar
from collab_service.calendars.services.connections import client_for
from collab_service.calendars.services.pull import calendars_pull, connection_pull
from tests.collab_service.appointments.conftest import MONDAY_MORNING, make_office
from tests.collab_service.calendars.caldav_helpers import connect, make_calendar, vevent

pytestmark = pytest.mark.django_db

TUESDAY_TEN = datetime(2026, 6, 2, 8, 0, tzinfo=UTC)  # 10:00 in Warsaw
TEN_LOCAL = "2026-06-02T10:00:00+02:00"


@pytest.fixture
def frozen_now():
    with mock.patch("django.utils.timezone.now", return_value=MONDAY_MORNING):
        yield MONDAY_MORNING


def busy_rows(agenda) -> list[tuple[str, datetime, datetime]]:
    return sorted(
        BusyInterval.objects.filter(agenda=agenda, source=BusyInterval.Source.CALENDAR).values_list(
            "external_uid", "start", "end"
        )
    )


def free_on_tuesday(api, office) -> set[tuple[str, int]]:
    response = api.get(
        f"/api/v1/public/case-types/{office.case_type.pk}/availability/",
        {"start": "2026-06-02", "end": "2026-06-02"},
    )
    assert response.status_code == 200
    return {(slot["start"], slot["official"]) for slot in response.json()}


def test_busy_block_in_external_calendar_removes_slots_after_a_sync(
    api, frozen_now, radicale_server, radicale_user
):
    office = make_office()
    agenda = office.agendas[0]
    calendar = make_calendar(radicale_server, radicale_user)
    connection = connect(agenda.official, radicale_server, radicale_user, busy=[calendar.url])
    assert (TEN_LOCAL, agenda.pk) in free_on_tuesday(api, office)

    calendar.add_event(vevent("dentist@phone", TUESDAY_TEN, TUESDAY_TEN + timedelta(hours=1)))
    assert (TEN_LOCAL, agenda.pk) in free_on_tuesday(api, office)  # nothing asked the server yet

    result = connection_pull(connection_id=connection.pk)

    assert (result.changed, result.busy_added) == (1, 1)
    free = free_on_tuesday(api, office)
    assert (TEN_LOCAL, agenda.pk) not in free
    assert ("2026-06-02T10:30:00+02:00", agenda.pk) not in free
    assert ("2026-06-02T11:00:00+02:00", agenda.pk) in free
    assert (TEN_LOCAL, office.agendas[1].pk) in free  # the colleague is still free
    connection.refresh_from_db()
    assert connection.state == CalendarConnection.State.OK
    assert connection.last_pull_at == frozen_now


def test_incremental_pull_transfers_only_what_changed(frozen_now, radicale_server, radicale_user):
    office = make_office()
    agenda = office.agendas[0]
    calendar = make_calendar(radicale_server, radicale_user)
    events = []
    for day in range(20):
        start = TUESDAY_TEN + timedelta(days=day)
        events.append(calendar.add_event(vevent(f"e{day}@app", start, start + timedelta(hours=1))))
    connection = connect(agenda.official, radicale_server, radicale_user, busy=[calendar.url])
    first = connection_pull(connection_id=connection.pk)
    assert (first.full, first.changed, first.busy_added) == (1, 20, 20)

    unchanged = connection_pull(connection_id=connection.pk)
    assert (unchanged.full, unchanged.changed, unchanged.deleted) == (0, 0, 0)
    assert (unchanged.busy_added, unchanged.busy_removed) == (0, 0)

    moved_start = TUESDAY_TEN + timedelta(days=3, hours=2)
    events[3].data = vevent("e3@app", moved_start, moved_start + timedelta(minutes=30))
    events[3].save()
    events[5].delete()
    calendar.add_event(vevent("new@app", TUESDAY_TEN, TUESDAY_TEN + timedelta(minutes=15)))

    changed = connection_pull(connection_id=connection.pk)

    assert (changed.full, changed.changed, changed.deleted) == (0, 2, 1)
    assert (changed.busy_added, changed.busy_removed) == (2, 2)
    rows = busy_rows(agenda)
    assert len(rows) == 20
    assert ("e3@app", moved_start, moved_start + timedelta(minutes=30)) in rows
    assert not [row for row in rows if row[0] == "e5@app"]
    assert ("new@app", TUESDAY_TEN, TUESDAY_TEN + timedelta(minutes=15)) in rows


def test_recurring_event_is_busy_at_each_occurrence(frozen_now, radicale_server, radicale_user):
    office = make_office()
    agenda = office.agendas[0]
    calendar = make_calendar(radicale_server, radicale_user)
    weekly = vevent(
        "team-meeting@app",
        TUESDAY_TEN,
        TUESDAY_TEN + timedelta(hours=1),
        "RRULE:FREQ=WEEKLY;COUNT=4",
        "EXDATE:20260609T080000Z",
    )
    moved = (
        "BEGIN:VEVENT\r\nUID:team-meeting@app\r\nDTSTAMP:20260101T000000Z\r\n"
        "RECURRENCE-ID:20260616T080000Z\r\nDTSTART:20260616T120000Z\r\n"
        "DTEND:20260616T130000Z\r\nSUMMARY:Busy\r\nEND:VEVENT\r\n"
    )
    calendar.add_event(weekly.replace("END:VCALENDAR", moved + "END:VCALENDAR"))
    connection = connect(agenda.official, radicale_server, radicale_user, busy=[calendar.url])

    connection_pull(connection_id=connection.pk)

    starts = [start for _uid, start, _end in busy_rows(agenda)]
    assert starts == [
        TUESDAY_TEN,
        datetime(2026, 6, 16, 12, 0, tzinfo=UTC),  # the third one, moved to the afternoon
        datetime(2026, 6, 23, 8, 0, tzinfo=UTC),  # the second one was cancelled (EXDATE)
    ]


def test_two_officials_see_only_their_own_busy_time(frozen_now, radicale_server, radicale_user):
    office = make_office()
    first, second = office.agendas
    calendars = []
    for index, agenda in enumerate((first, second)):
        account = f"{radicale_user}-{index}"
        calendar = make_calendar(radicale_server, account)
        start = TUESDAY_TEN + timedelta(hours=index)
        calendar.add_event(vevent(f"own-{index}@app", start, start + timedelta(hours=1)))
        calendars.append(connect(agenda.official, radicale_server, account, busy=[calendar.url]))

    for connection in calendars:
        connection_pull(connection_id=connection.pk)

    assert [row[0] for row in busy_rows(first)] == ["own-0@app"]
    assert [row[0] for row in busy_rows(second)] == ["own-1@app"]


def test_forgotten_sync_token_falls_back_to_reading_the_calendar(
    frozen_now, radicale_server, radicale_user
):
    office = make_office()
    agenda = office.agendas[0]
    calendar = make_calendar(radicale_server, radicale_user)
    calendar.add_event(vevent("a@app", TUESDAY_TEN, TUESDAY_TEN + timedelta(hours=1)))
    connection = connect(agenda.official, radicale_server, radicale_user, busy=[calendar.url])
    connection_pull(connection_id=connection.pk)
    RemoteCalendar.objects.filter(connection=connection).update(
        sync_token="http://radicale.org/ns/sync/" + "0" * 64
    )
    calendar.add_event(vevent("b@app", TUESDAY_TEN, TUESDAY_TEN + timedelta(minutes=20)))

    result = connection_pull(connection_id=connection.pk)

    assert result.full == 1
    assert [row[0] for row in busy_rows(agenda)] == ["a@app", "b@app"]
    remote = RemoteCalendar.objects.get(connection=connection)
    assert remote.sync_token.startswith("http://radicale.org/ns/sync/")
    assert not remote.sync_token.endswith("0" * 64)


def test_server_without_sync_support_is_read_by_window_each_time(
    frozen_now, radicale_server, radicale_user
):
    office = make_office()
    agenda = office.agendas[0]
    calendar = make_calendar(radicale_server, radicale_user)
    gone = calendar.add_event(vevent("a@app", TUESDAY_TEN, TUESDAY_TEN + timedelta(hours=1)))
    connection = connect(agenda.official, radicale_server, radicale_user, busy=[calendar.url])
    RemoteCalendar.objects.create(connection=connection, url=calendar.url, supports_sync=False)
    connection_pull(connection_id=connection.pk)
    gone.delete()
    calendar.add_event(vevent("b@app", TUESDAY_TEN, TUESDAY_TEN + timedelta(minutes=20)))

    result = connection_pull(connection_id=connection.pk)

    assert (result.full, result.deleted) == (1, 1)
    assert [row[0] for row in busy_rows(agenda)] == ["b@app"]
    assert RemoteCalendar.objects.get(connection=connection).sync_token == ""


def test_server_stopped_mid_sync_loses_and_duplicates_nothing(
    api, frozen_now, restartable_radicale, radicale_user
):
    server = restartable_radicale
    office = make_office()
    agenda = office.agendas[0]
    work = make_calendar(server, radicale_user, "work")
    private = make_calendar(server, radicale_user, "private")
    work.add_event(vevent("w1@app", TUESDAY_TEN, TUESDAY_TEN + timedelta(hours=1)))
    private.add_event(vevent("p1@app", TUESDAY_TEN + timedelta(days=1), None, "DURATION:PT1H"))
    connection = connect(agenda.official, server, radicale_user, busy=[work.url, private.url])
    connection_pull(connection_id=connection.pk)
    work.add_event(vevent("w2@app", TUESDAY_TEN + timedelta(hours=3), None, "DURATION:PT1H"))
    private.add_event(vevent("p2@app", TUESDAY_TEN + timedelta(hours=5), None, "DURATION:PT1H"))

    client = client_for(connection)
    real_changes_since = client.changes_since

    def server_dies_after_the_first_calendar(**kwargs):
        changes = real_changes_since(**kwargs)
        server.stop()
        return changes

    client.changes_since = server_dies_after_the_first_calendar
    with pytest.raises(CalDavError) as failure:
        calendars_pull(connection=connection, client=client)
    assert failure.value.kind == CalDavError.UNREACHABLE
    # The pull stopped; what was known before still makes the official busy, so booking goes on.
    assert [row[0] for row in busy_rows(agenda)] == ["p1@app", "w1@app"]
    assert (TEN_LOCAL, agenda.pk) not in free_on_tuesday(api, office)
    assert connection_pull(connection_id=connection.pk) is None
    connection.refresh_from_db()
    assert connection.state == CalendarConnection.State.FAILING
    assert "cannot connect" in connection.last_error

    server.start()
    result = connection_pull(connection_id=connection.pk)

    assert result.full == 0
    assert sorted(row[0] for row in busy_rows(agenda)) == ["p1@app", "p2@app", "w1@app", "w2@app"]
    again = connection_pull(connection_id=connection.pk)
    assert (again.changed, again.busy_added, again.busy_removed) == (0, 0, 0)
    connection.refresh_from_db()
    assert (connection.state, connection.consecutive_failures) == ("ok", 0)
