"""Pushing meetings, visits and tasks to a real Radicale server through the outbox."""

from datetime import timedelta

import icalendar
import pytest
from caldav.lib.error import NotFoundError
from django.utils import timezone

from collab_service.appointments.models import Agenda
from collab_service.calendars.models import CalendarConnection, PushItem
from collab_service.calendars.services.connections import connection_choose_calendars
from collab_service.calendars.services.push import push_item_deliver, pushes_due
from collab_service.meetings.services.meetings import meeting_cancel, meeting_create, meeting_update
from collab_service.tasks.models import Task, TaskList
from tests.collab_service.appointments.conftest import make_office, make_visit
from tests.collab_service.calendars.caldav_helpers import connect, make_calendar
from tests.conftest import make_tenant

pytestmark = pytest.mark.django_db(transaction=True)


def server_objects(calendar) -> dict[str, icalendar.Component]:
    """UID → component of every object the official's calendar application sees."""
    found = {}
    for obj in calendar.objects():
        try:
            obj.load()
        except NotFoundError:  # listed as removed by the sync report
            continue
        for component in icalendar.Calendar.from_ical(obj.data).walk():
            if component.name in ("VEVENT", "VTODO"):
                found[str(component["UID"])] = component
    return found


@pytest.fixture
def tenant():
    return make_tenant("A")


def _meeting(tenant, title="Narada"):
    start = timezone.now() + timedelta(days=1)
    return meeting_create(
        organiser=tenant.official,
        institution=tenant.institution,
        title=title,
        start=start,
        end=start + timedelta(hours=1),
        colleagues=[tenant.manager],
    )


def test_meeting_is_pushed_updated_and_removed_on_cancel(tenant, radicale_server, radicale_user):
    events = make_calendar(radicale_server, radicale_user)
    connect(tenant.official, radicale_server, radicale_user, events_url=events.url)

    meeting = _meeting(tenant)

    pushed = server_objects(events)
    uid = f"meeting-{meeting.pk}@szpon"
    assert list(pushed) == [uid]
    assert str(pushed[uid]["SUMMARY"]) == "Narada"
    assert pushed[uid]["SEQUENCE"] == 0
    stored = next(iter(events.objects()))
    stored.load()
    assert "METHOD" not in icalendar.Calendar.from_ical(stored.data)

    meeting_update(
        meeting=meeting,
        title="Narada budżetowa",
        description="",
        start=meeting.start + timedelta(hours=2),
        end=meeting.end + timedelta(hours=2),
        lobby_enabled=False,
        recording_allowed=False,
    )
    updated = server_objects(events)[uid]
    assert str(updated["SUMMARY"]) == "Narada budżetowa"
    assert updated["SEQUENCE"] == 1
    assert updated["DTSTART"].dt == meeting.start + timedelta(hours=2)

    meeting_cancel(meeting=meeting)
    assert server_objects(events) == {}
    item = PushItem.objects.get(source=f"meeting:{meeting.pk}")
    assert (item.status, item.attempts, item.last_error) == ("done", 0, "")


def test_colleague_without_a_connection_costs_no_push(tenant, radicale_server, radicale_user):
    events = make_calendar(radicale_server, radicale_user)
    connect(tenant.official, radicale_server, radicale_user, events_url=events.url)

    _meeting(tenant)

    assert list(PushItem.objects.values_list("connection__user", flat=True)) == [tenant.official.pk]


def test_task_goes_to_the_task_calendar_and_leaves_when_unassigned(
    tenant, radicale_server, radicale_user
):
    events = make_calendar(radicale_server, radicale_user, "work")
    todos = make_calendar(radicale_server, radicale_user, "tasks", components=("VTODO",))
    connect(
        tenant.official, radicale_server, radicale_user, events_url=events.url, tasks_url=todos.url
    )
    team = TaskList.objects.create(institution=tenant.institution, unit=tenant.unit, name="Wydział")
    task = Task.objects.create(
        task_list=team, title="Przygotować sprawozdanie", due_at=timezone.now() + timedelta(days=2)
    )
    assert server_objects(todos) == {}

    task.assignees.add(tenant.official)

    todo = server_objects(todos)[f"task-{task.uid}@szpon"]
    assert str(todo["SUMMARY"]) == "Przygotować sprawozdanie"
    assert str(todo["STATUS"]) == "NEEDS-ACTION"
    assert server_objects(events) == {}

    task.status = Task.Status.DONE
    task.completed_at = timezone.now()
    task.sequence += 1
    task.save()
    assert str(server_objects(todos)[f"task-{task.uid}@szpon"]["STATUS"]) == "COMPLETED"

    task.assignees.remove(tenant.official)
    assert server_objects(todos) == {}


def test_push_waits_while_the_server_is_down_and_arrives_once(
    tenant, restartable_radicale, radicale_user
):
    server = restartable_radicale
    events = make_calendar(server, radicale_user)
    connection = connect(tenant.official, server, radicale_user, events_url=events.url)
    server.stop()

    meeting = _meeting(tenant)

    item = PushItem.objects.get(source=f"meeting:{meeting.pk}")
    assert (item.status, item.attempts) == ("pending", 1)
    assert "cannot connect" in item.last_error
    assert item.next_attempt_at > timezone.now()
    connection.refresh_from_db()
    assert connection.state == CalendarConnection.State.FAILING
    assert pushes_due() == []  # backing off

    server.start()
    PushItem.objects.filter(pk=item.pk).update(next_attempt_at=timezone.now())
    assert pushes_due() == [item.pk]
    assert push_item_deliver(item_id=item.pk) is False  # claimed by the flush: not due here
    assert push_item_deliver(item_id=item.pk, claimed=True) is True
    # A retry after a reply that got lost on the way writes the same object again, not a copy.
    PushItem.objects.filter(pk=item.pk).update(status="pending")
    assert push_item_deliver(item_id=item.pk, claimed=True) is True

    assert list(server_objects(events)) == [f"meeting-{meeting.pk}@szpon"]
    connection.refresh_from_db()
    assert connection.state == CalendarConnection.State.OK


def test_choosing_calendars_pushes_what_is_already_there(tenant, radicale_server, radicale_user):
    first = make_calendar(radicale_server, radicale_user, "first")
    second = make_calendar(radicale_server, radicale_user, "second")
    meeting = _meeting(tenant)
    connection = connect(tenant.official, radicale_server, radicale_user)
    connection.discovered_calendars = [
        {"url": str(first.url), "name": "First", "components": ["VEVENT"]},
        {"url": str(second.url), "name": "Second", "components": ["VEVENT"]},
    ]
    connection.save()
    uid = f"meeting-{meeting.pk}@szpon"

    connection_choose_calendars(
        connection=connection,
        events_calendar_url=str(first.url),
        tasks_calendar_url="",
        busy_calendar_urls=[],
    )
    assert list(server_objects(first)) == [uid]

    connection_choose_calendars(
        connection=connection,
        events_calendar_url=str(second.url),
        tasks_calendar_url="",
        busy_calendar_urls=[],
    )
    assert server_objects(first) == {}
    assert list(server_objects(second)) == [uid]


def test_visit_in_the_officials_agenda_is_pushed_when_confirmed(radicale_server, radicale_user):
    office = make_office("B")
    official = office.agendas[0].official
    events = make_calendar(radicale_server, radicale_user)
    connect(official, radicale_server, radicale_user, events_url=events.url)
    start = timezone.now().replace(microsecond=0) + timedelta(days=3)

    visit = make_visit(office, "held", start)
    assert server_objects(events) == {}
    visit.status = "confirmed"
    visit.save()
    assert list(server_objects(events)) == [f"booking-{visit.pk}@szpon"]

    visit.agenda = office.agendas[1]  # taken over by a colleague
    visit.save()
    assert server_objects(events) == {}
    assert Agenda.objects.filter(official=official).exists()


def test_two_officials_each_get_only_their_own_objects(tenant, radicale_server, radicale_user):
    mine = make_calendar(radicale_server, f"{radicale_user}-a")
    theirs = make_calendar(radicale_server, f"{radicale_user}-b")
    todos = make_calendar(radicale_server, f"{radicale_user}-b", "tasks", components=("VTODO",))
    connect(tenant.official, radicale_server, f"{radicale_user}-a", events_url=mine.url)
    connect(
        tenant.manager,
        radicale_server,
        f"{radicale_user}-b",
        events_url=theirs.url,
        tasks_url=todos.url,
    )
    personal = TaskList.objects.create(
        institution=tenant.institution, owner=tenant.manager, name="Moje"
    )

    meeting = _meeting(tenant)  # the official organises, the manager is invited
    private = meeting_create(
        organiser=tenant.official,
        institution=tenant.institution,
        title="Tylko ja",
        start=meeting.start,
        end=meeting.end,
    )
    task = Task.objects.create(task_list=personal, title="Moje zadanie")

    assert set(server_objects(mine)) == {
        f"meeting-{meeting.pk}@szpon",
        f"meeting-{private.pk}@szpon",
    }
    assert set(server_objects(theirs)) == {f"meeting-{meeting.pk}@szpon"}
    assert set(server_objects(todos)) == {f"task-{task.uid}@szpon"}
