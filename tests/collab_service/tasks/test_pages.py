"""The task pages: forms and their errors, views across lists, board moves, bulk close."""

from datetime import timedelta

import pytest
from django.utils import timezone

from collab_service.tasks.models import ChecklistItem, Task, TaskComment, TaskList
from tests.collab_service.tasks.conftest import english
from tests.factories import MembershipFactory, TaskFactory, TaskListFactory

pytestmark = pytest.mark.django_db


def _form(**changes) -> dict:
    data = {
        "title": "Raport",
        "description": "",
        "priority": "5",
        "status": "open",
        "repeat": "",
        "rrule": "",
        "reminder": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def signed_in(client, tenant_a):
    client.force_login(tenant_a.manager)
    return english(client)


def test_task_create_page_saves_a_task_due_on_a_day(signed_in, tenant_a, unit_list):
    response = signed_in.post(
        f"/tasks/lists/{unit_list.pk}/new/",
        _form(due_date="2026-12-04", assignees=[tenant_a.official.pk], repeat="FREQ=WEEKLY"),
    )

    task = Task.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/tasks/{task.pk}/"
    assert (task.all_day, task.rrule, task.priority) == (True, "FREQ=WEEKLY", 5)
    assert task.due_at.isoformat() == "2026-12-03T23:00:00+00:00"
    assert list(task.assignees.all()) == [tenant_a.official]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"start_date": "2026-12-05", "due_date": "2026-12-04"},
            "The due date must not be before the start.",
        ),
        (
            {"repeat": "custom", "rrule": "FREQ=SOMETIMES", "due_date": "2026-12-04"},
            "The repeat rule is not valid",
        ),
        ({"repeat": "custom", "rrule": ""}, "Write the rule, or choose one of the ready options."),
        ({"repeat": "FREQ=DAILY"}, "A repeating task needs a due date."),
        ({"reminder": "60"}, "A reminder needs a due date."),
        ({"title": "x" * 201}, "Ensure this value has at most 200 characters (it has 201)."),
        ({"title": ""}, "This field is required."),
        ({"due_time": "10:00"}, "Give the date for this time."),
        ({"due_date": "9999-01-01"}, "Choose a day within ten years."),
        ({"priority": "3"}, "Select a valid choice. 3 is not one of the available choices."),
    ],
)
def test_task_form_shows_errors_instead_of_saving(signed_in, unit_list, changes, message):
    response = signed_in.post(f"/tasks/lists/{unit_list.pk}/new/", _form(**changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert b'id="error-summary"' in response.content
    assert not Task.objects.exists()


def test_task_form_refuses_an_assignee_from_another_unit(signed_in, tenant_a, unit_list):
    outsider = MembershipFactory(unit=tenant_a.other_unit).user

    response = signed_in.post(f"/tasks/lists/{unit_list.pk}/new/", _form(assignees=[outsider.pk]))

    assert response.status_code == 400
    assert (
        f"The person {outsider.pk} cannot be assigned here: assign members of the list"
        in response.content.decode()
    )
    assert not Task.objects.exists()


def test_official_is_offered_only_themselves(client, tenant_a, unit_list):
    client.force_login(tenant_a.official)

    response = client.get(f"/tasks/lists/{unit_list.pk}/new/")

    people = list(response.context["form"].fields["assignees"].queryset)
    assert people == [tenant_a.official]


def test_task_edit_page_keeps_the_values(signed_in, tenant_a, unit_list):
    task = TaskFactory(task_list=unit_list, rrule="FREQ=WEEKLY;BYDAY=MO,WE")

    page = signed_in.get(f"/tasks/{task.pk}/edit/")
    response = signed_in.post(
        f"/tasks/{task.pk}/edit/",
        _form(
            title="Nowy",
            status="in_progress",
            repeat="custom",
            rrule="FREQ=WEEKLY;BYDAY=MO,WE",
            due_date="2026-12-07",
            due_time="09:30",
        ),
    )

    assert page.context["form"].initial["repeat"] == "custom"
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.title, task.status, task.all_day, task.sequence) == (
        "Nowy",
        "in_progress",
        False,
        1,
    )


def _view(client, query: str) -> list[str]:
    response = client.get(f"/tasks/?{query}")
    assert response.status_code == 200
    return [task.title for task in response.context["page"].object_list]


def test_index_views_across_lists(signed_in, tenant_a, unit_list):
    now = timezone.now()
    other = TaskListFactory(unit=tenant_a.unit, name="Druga")
    mine = [tenant_a.manager]
    TaskFactory(
        task_list=unit_list, title="Zaległe", due_at=now - timedelta(days=2), assignees=mine
    )
    TaskFactory(
        task_list=other, title="Na teraz", due_at=now + timedelta(minutes=5), assignees=mine
    )
    TaskFactory(task_list=unit_list, title="Cudze", due_at=now - timedelta(days=1))
    TaskFactory(
        task_list=unit_list,
        title="Zamknięte",
        due_at=now - timedelta(days=1),
        status="done",
        assignees=mine,
    )
    TaskFactory(task_list=unit_list, title="Kiedyś", due_at=now + timedelta(days=30))

    assert _view(signed_in, "view=assigned") == ["Zaległe", "Zamknięte", "Na teraz"]
    assert _view(signed_in, "view=overdue") == ["Zaległe", "Cudze"]
    assert "Na teraz" in _view(signed_in, "view=week")
    assert "Kiedyś" not in _view(signed_in, "view=week")
    assert _view(signed_in, "view=all&sort=title") == [
        "Cudze",
        "Kiedyś",
        "Na teraz",
        "Zaległe",
        "Zamknięte",
    ]
    assert _view(signed_in, "view=all&status=done") == ["Zamknięte"]
    assert _view(signed_in, f"view=all&list={other.pk}") == ["Na teraz"]
    assert _view(signed_in, "view=all&q=zaleg") == ["Zaległe"]
    assert _view(signed_in, "view=nonsense&sort=nonsense&priority=x") == [
        "Zaległe",
        "Zamknięte",
        "Na teraz",
    ]


def test_priority_sort_puts_high_first_and_none_last(signed_in, unit_list):
    for title, priority in [("Brak", 0), ("Niski", 9), ("Wysoki", 1), ("Normalny", 5)]:
        TaskFactory(task_list=unit_list, title=title, priority=priority)

    assert _view(signed_in, "view=all&sort=priority") == ["Wysoki", "Normalny", "Niski", "Brak"]


def test_bulk_close_closes_only_tasks_the_user_may_edit(signed_in, tenant_a, tenant_b, unit_list):
    mine = [TaskFactory(task_list=unit_list) for _ in range(2)]
    foreign = TaskFactory(task_list=TaskListFactory(unit=tenant_b.unit))
    untouched = TaskFactory(task_list=unit_list)

    response = signed_in.post(
        "/tasks/bulk-close/",
        {"tasks": [mine[0].pk, mine[1].pk, foreign.pk, "junk"], "next": "https://evil.example/"},
        follow=True,
    )

    assert response.redirect_chain == [("/tasks/", 302)]
    assert "2 tasks marked as done." in response.content.decode()
    assert [Task.objects.get(pk=t.pk).status for t in mine] == ["done", "done"]
    assert all(Task.objects.get(pk=t.pk).sequence == 1 for t in mine)
    assert Task.objects.get(pk=foreign.pk).status == "open"
    assert Task.objects.get(pk=untouched.pk).status == "open"


def test_board_moves_a_card_and_returns_to_the_board(signed_in, unit_list):
    task = TaskFactory(task_list=unit_list)
    board = f"/tasks/lists/{unit_list.pk}/?layout=board"

    page = signed_in.get(board)
    response = signed_in.post(f"/tasks/{task.pk}/status/", {"status": "in_progress", "next": board})

    assert [(value, len(cards)) for value, _l, cards in page.context["columns"]] == [
        ("open", 1),
        ("in_progress", 0),
        ("done", 0),
        ("cancelled", 0),
    ]
    assert f'id="move-{task.pk}"'.encode() in page.content
    assert response.status_code == 302
    assert response["Location"] == board
    assert Task.objects.get(pk=task.pk).status == "in_progress"


def test_status_page_rejects_an_unknown_status(signed_in, unit_list):
    task = TaskFactory(task_list=unit_list)

    response = signed_in.post(f"/tasks/{task.pk}/status/", {"status": "lost"}, follow=True)

    assert "Choose one of the statuses." in response.content.decode()
    assert Task.objects.get(pk=task.pk).status == "open"


def test_checklist_and_comments_on_the_task_page(signed_in, unit_list):
    task = TaskFactory(task_list=unit_list)

    signed_in.post(f"/tasks/{task.pk}/checklist/", {"text": "Sala"})
    item = ChecklistItem.objects.get()
    signed_in.post(f"/tasks/{task.pk}/checklist/{item.pk}/toggle/")
    ticked = ChecklistItem.objects.get().is_done
    empty = signed_in.post(f"/tasks/{task.pk}/checklist/", {"text": ""})
    long_comment = signed_in.post(f"/tasks/{task.pk}/comments/", {"body": "x" * 5001})
    signed_in.post(f"/tasks/{task.pk}/comments/", {"body": "Gotowe"})
    signed_in.post(f"/tasks/{task.pk}/checklist/{item.pk}/remove/")

    assert ticked is True
    assert empty.status_code == 400
    assert long_comment.status_code == 400
    assert list(TaskComment.objects.values_list("body", flat=True)) == ["Gotowe"]
    assert not ChecklistItem.objects.exists()


def test_delete_asks_first(signed_in, unit_list):
    task = TaskFactory(task_list=unit_list)

    confirm = signed_in.get(f"/tasks/{task.pk}/delete/")
    assert Task.objects.filter(pk=task.pk).exists()
    deleted = signed_in.post(f"/tasks/{task.pk}/delete/")

    assert confirm.status_code == 200
    assert deleted["Location"] == f"/tasks/lists/{unit_list.pk}/"
    assert not Task.objects.filter(pk=task.pk).exists()


def test_list_create_page_offers_managed_units(signed_in, tenant_a):
    response = signed_in.post("/tasks/lists/new/", {"name": "Wydział", "unit": tenant_a.unit.pk})
    personal = signed_in.post("/tasks/lists/new/", {"name": "Moje", "unit": ""})
    too_long = signed_in.post("/tasks/lists/new/", {"name": "x" * 201})

    assert response.status_code == personal.status_code == 302
    assert TaskList.objects.get(name="Wydział").unit == tenant_a.unit
    assert TaskList.objects.get(name="Moje").owner == tenant_a.manager
    assert too_long.status_code == 400


def test_official_cannot_create_a_unit_list(client, tenant_a):
    client.force_login(tenant_a.official)

    response = client.post("/tasks/lists/new/", {"name": "W", "unit": tenant_a.unit.pk})

    assert response.status_code == 400
    assert not TaskList.objects.exists()


def test_archived_list_leaves_the_index(signed_in, unit_list):
    TaskFactory(task_list=unit_list, title="Stare")

    archived = signed_in.post(f"/tasks/lists/{unit_list.pk}/archive/")

    assert archived["Location"] == "/tasks/"
    assert _view(signed_in, "view=all") == []
    assert signed_in.get(f"/tasks/lists/{unit_list.pk}/").status_code == 200
