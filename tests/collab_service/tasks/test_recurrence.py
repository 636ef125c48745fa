"""Repeating tasks: the next occurrence on completion, by the rule, in the institution's time."""

from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import _iterinfo
from django.utils import timezone

from collab_service.tasks.errors import TaskError
from collab_service.tasks.models import Task
from collab_service.tasks.services.items import checklist_item_add, checklist_item_toggle
from collab_service.tasks.services.recurrence import rrule_normalise
from collab_service.tasks.services.tasks import task_create, task_status_set, tasks_bulk_close

pytestmark = pytest.mark.django_db
WARSAW = ZoneInfo("Europe/Warsaw")
NO_DATE = "This repeat rule gives no date within 10 years."


def _local(task: Task) -> datetime:
    return task.due_at.astimezone(WARSAW)


def _repeating(tenant, unit_list, rule: str, due: datetime, **extra) -> Task:
    return task_create(
        actor=tenant.manager,
        task_list=unit_list,
        title="Odprawa",
        description="Agenda",
        assignees=[tenant.official],
        due_at=due,
        priority=Task.Priority.HIGH,
        rrule=rule,
        reminder_minutes=30,
        **extra,
    )


def test_weekly_every_monday_moves_to_the_next_monday(tenant_a, unit_list):
    task = _repeating(
        tenant_a, unit_list, "FREQ=WEEKLY;BYDAY=MO", datetime(2026, 3, 2, 9, tzinfo=WARSAW)
    )

    task_status_set(actor=tenant_a.official, task=task, status="done")

    following = Task.objects.get(previous=task)
    assert _local(following) == datetime(2026, 3, 9, 9, tzinfo=WARSAW)
    assert (following.title, following.description, following.priority) == (
        "Odprawa",
        "Agenda",
        Task.Priority.HIGH,
    )
    assert (following.status, following.reminder_minutes, following.rrule) == (
        "open",
        30,
        "FREQ=WEEKLY;BYDAY=MO",
    )
    assert list(following.assignees.all()) == [tenant_a.official]
    assert following.task_list == unit_list
    assert following.uid != task.uid


def test_monthly_keeps_the_day_of_the_month(tenant_a, unit_list):
    task = _repeating(tenant_a, unit_list, "FREQ=MONTHLY", datetime(2026, 1, 15, 12, tzinfo=WARSAW))

    task_status_set(actor=tenant_a.official, task=task, status="done")

    assert _local(Task.objects.get(previous=task)) == datetime(2026, 2, 15, 12, tzinfo=WARSAW)


def test_dst_switch_keeps_the_local_time(tenant_a, unit_list):
    # Poland moves the clocks forward on 29 March 2026.
    task = _repeating(tenant_a, unit_list, "FREQ=WEEKLY", datetime(2026, 3, 27, 9, tzinfo=WARSAW))

    task_status_set(actor=tenant_a.official, task=task, status="done")

    following = Task.objects.get(previous=task)
    assert _local(following) == datetime(2026, 4, 3, 9, tzinfo=WARSAW)
    assert following.due_at.utcoffset() is not None
    assert _local(following).utcoffset().total_seconds() == 7200


def test_start_moves_with_the_due_date(tenant_a, unit_list):
    task = _repeating(
        tenant_a,
        unit_list,
        "FREQ=DAILY",
        datetime(2026, 5, 4, 16, tzinfo=WARSAW),
        start_at=datetime(2026, 5, 4, 8, tzinfo=WARSAW),
    )

    task_status_set(actor=tenant_a.official, task=task, status="done")

    following = Task.objects.get(previous=task)
    assert following.start_at.astimezone(WARSAW) == datetime(2026, 5, 5, 8, tzinfo=WARSAW)
    assert _local(following) == datetime(2026, 5, 5, 16, tzinfo=WARSAW)


def test_count_exhausted_creates_no_next_occurrence(tenant_a, unit_list):
    task = _repeating(
        tenant_a, unit_list, "FREQ=WEEKLY;COUNT=2", datetime(2026, 3, 2, 9, tzinfo=WARSAW)
    )

    task_status_set(actor=tenant_a.official, task=task, status="done")
    second = Task.objects.get(previous=task)
    task_status_set(actor=tenant_a.official, task=second, status="done")

    assert not Task.objects.filter(previous=second).exists()
    assert Task.objects.count() == 2


def test_until_in_utc_ends_the_series(tenant_a, unit_list):
    task = _repeating(
        tenant_a,
        unit_list,
        "FREQ=DAILY;UNTIL=20260303T235959Z",
        datetime(2026, 3, 3, 9, tzinfo=WARSAW),
    )

    task_status_set(actor=tenant_a.official, task=task, status="done")

    assert not Task.objects.filter(previous=task).exists()


def test_completing_twice_creates_one_next_occurrence(tenant_a, unit_list):
    task = _repeating(tenant_a, unit_list, "FREQ=DAILY", datetime(2026, 3, 2, 9, tzinfo=WARSAW))

    task_status_set(actor=tenant_a.official, task=task, status="done")
    task_status_set(actor=tenant_a.official, task=task, status="done")
    task_status_set(actor=tenant_a.official, task=task, status="open")
    task_status_set(actor=tenant_a.official, task=task, status="done")
    tasks_bulk_close(actor=tenant_a.official, tasks=[task])

    assert Task.objects.filter(previous=task).count() == 1
    assert Task.objects.count() == 2


def test_checklist_is_copied_unticked(tenant_a, unit_list):
    task = _repeating(tenant_a, unit_list, "FREQ=DAILY", datetime(2026, 3, 2, 9, tzinfo=WARSAW))
    item = checklist_item_add(actor=tenant_a.official, task=task, text="Sala")
    checklist_item_toggle(actor=tenant_a.official, item=item)

    task_status_set(actor=tenant_a.official, task=task, status="done")

    following = Task.objects.get(previous=task)
    assert list(following.checklist.values_list("text", "is_done")) == [("Sala", False)]


def test_cancelling_ends_the_series(tenant_a, unit_list):
    task = _repeating(tenant_a, unit_list, "FREQ=DAILY", datetime(2026, 3, 2, 9, tzinfo=WARSAW))

    task_status_set(actor=tenant_a.official, task=task, status="cancelled")

    assert not Task.objects.filter(previous=task).exists()


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=FORTNIGHTLY", "The repeat rule is not valid: "),
        ("BYDAY=XX", "The repeat rule is not valid: "),
        ("FREQ=HOURLY", "Tasks repeat at most daily: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY."),
        ("DTSTART:20260101T000000Z", "Give only the RRULE part, for example FREQ=WEEKLY;BYDAY=MO."),
        ("FREQ=DAILY;" + "COUNT=1;" * 60, "The repeat rule is too long (at most 300 characters)."),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", NO_DATE),
        (
            "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4,6",
            NO_DATE,
        ),
        ("FREQ=YEARLY;INTERVAL=11", NO_DATE),
        ("FREQ=WEEKLY;UNTIL=20000101T000000Z", NO_DATE),
    ],
)
def test_rrule_normalise_rejects_bad_rules(rule, message):
    with pytest.raises(TaskError) as refused:
        rrule_normalise(rule)

    assert str(refused.value).startswith(message)


@contextmanager
def periods_walked():
    """Counts the periods (days, weeks, months, years) dateutil builds while looking for dates:
    the work a rule costs, measured without a clock."""
    walked = [0]
    originals = {name: getattr(_iterinfo, name) for name in _DAYSETS}

    def counting(original):
        def dayset(*args, **kwargs):
            walked[0] += 1
            return original(*args, **kwargs)

        return dayset

    with ExitStack() as stack:
        for name, original in originals.items():
            stack.enter_context(mock.patch.object(_iterinfo, name, counting(original)))
        yield walked


_DAYSETS = ("ydayset", "mdayset", "wdayset", "ddayset")


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4,6",
        "FREQ=DAILY;INTERVAL=7;BYDAY=MO",
        "FREQ=WEEKLY;INTERVAL=2;BYMONTH=2;BYDAY=MO",
        "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31;BYMONTH=4",
    ],
)
def test_refusing_a_rule_that_never_meets_walks_few_periods(rule):
    """dateutil alone walks every day to the year 9999 (about three million periods)."""
    with periods_walked() as walked, pytest.raises(TaskError):
        rrule_normalise(rule)

    assert walked[0] < 1000


def test_rare_but_real_rules_are_accepted():
    assert rrule_normalise("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29") == (
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"
    )
    assert rrule_normalise("FREQ=YEARLY;INTERVAL=10") == "FREQ=YEARLY;INTERVAL=10"


@pytest.mark.parametrize("rule", ["FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=YEARLY;INTERVAL=11"])
def test_a_stored_rule_without_a_near_occurrence_ends_the_series_when_done(
    tenant_a, unit_list, rule
):
    """Rules saved before they were checked: the next date is looked for ten years ahead only
    (a never-occurring rule made dateutil walk to the year 9999, seconds of CPU per request)."""
    task = task_create(
        actor=tenant_a.official,
        task_list=unit_list,
        title="Sprawozdanie",
        due_at=timezone.now() + timedelta(days=1),
    )
    Task.objects.filter(pk=task.pk).update(rrule=rule)
    task.refresh_from_db()

    with periods_walked() as walked:
        task_status_set(actor=tenant_a.official, task=task, status="done")

    assert not Task.objects.filter(previous=task).exists()
    assert walked[0] < 1000


def test_editing_the_last_task_of_an_ended_series_keeps_its_rule(tenant_a, unit_list):
    due = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    rule = f"FREQ=DAILY;UNTIL={due.astimezone(UTC):%Y%m%dT%H%M%SZ}"

    assert rrule_normalise(rule, anchor=due) == rule


def test_rrule_normalise_strips_the_prefix():
    assert rrule_normalise(" rrule:freq=weekly;byday=mo ") == "FREQ=WEEKLY;BYDAY=MO"


def test_task_create_rejects_a_repeating_task_without_dates(tenant_a, unit_list):
    with pytest.raises(TaskError) as refused:
        task_create(actor=tenant_a.official, task_list=unit_list, title="x", rrule="FREQ=DAILY")

    assert str(refused.value) == "A repeating task needs a due date."
