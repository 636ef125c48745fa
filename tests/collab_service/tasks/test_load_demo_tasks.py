import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from collab_service.accounts.models import User
from collab_service.tasks.models import ChecklistItem, Task, TaskComment, TaskList
from collab_service.tasks.selectors import TaskFilters, tasks_filter, tasks_visible_to

pytestmark = pytest.mark.django_db


def test_load_demo_tasks_needs_the_demo_people():
    with pytest.raises(CommandError, match=r"^Run load_demo_data first\.$"):
        call_command("load_demo_tasks")


def test_load_demo_tasks_twice_makes_no_duplicates():
    call_command("load_demo_data")

    call_command("load_demo_tasks")
    call_command("load_demo_tasks")

    unit_list = TaskList.objects.get(unit__isnull=False)
    personal = TaskList.objects.get(owner__username="jan.kowalski")
    assert TaskList.objects.count() == 2
    assert unit_list.unit.name == "Wydział Spraw Obywatelskich"
    assert unit_list.tasks.count() == 4
    assert personal.tasks.count() == 2
    assert unit_list.tasks.filter(rrule="FREQ=WEEKLY;BYDAY=MO").count() == 1
    checked = Task.objects.get(checklist__isnull=False, checklist__position=0)
    assert sorted(checked.assignees.values_list("username", flat=True)) == [
        "anna.nowak",
        "jan.kowalski",
    ]
    assert ChecklistItem.objects.count() == 3
    assert TaskComment.objects.count() == 1


def test_demo_tasks_fill_the_overdue_and_this_week_views():
    call_command("load_demo_data")
    call_command("load_demo_tasks")
    jan = User.objects.get(username="jan.kowalski")

    def titles(**flags) -> list[str]:
        filters = TaskFilters(**flags)
        return [t.title for t in tasks_filter(tasks_visible_to(jan), user=jan, filters=filters)]

    assert "Sprawozdanie kwartalne z wydanych dowodów" in titles(overdue=True)
    assert "Zamówić druki meldunkowe" in titles(due_this_week=True)
    assert len(titles(assigned_to_me=True)) == 3
