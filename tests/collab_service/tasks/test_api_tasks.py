"""The tasks API: create, change, filter, bulk close, checklist and comments; exact 400s."""

from datetime import timedelta

import pytest
from django.utils import timezone

from collab_service.tasks.models import Task, TaskList
from tests.factories import MembershipFactory, TaskFactory, TaskListFactory

pytestmark = pytest.mark.django_db

# Ahead of the clock whenever the suite runs: a new task due then is not overdue.
DUE = (timezone.localtime() + timedelta(days=7)).replace(hour=9, minute=0, second=0, microsecond=0)


@pytest.fixture
def manager_api(api, tenant_a):
    return api.as_user(tenant_a.manager)


def test_api_task_create_answers_the_task(manager_api, tenant_a, unit_list):
    response = manager_api.post(
        "/api/v1/tasks/",
        {
            "task_list": unit_list.pk,
            "title": "Raport",
            "assignees": [tenant_a.official.pk],
            "due_at": DUE.isoformat(),
            "priority": 1,
            "rrule": "FREQ=WEEKLY;BYDAY=MO",
            "reminder_minutes": 60,
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    task = Task.objects.get()
    assert body["id"] == task.pk
    assert body["uid"] == str(task.uid)
    assert body["assignees"] == [tenant_a.official.pk]
    assert body["due_at"] == DUE.isoformat()
    assert (body["priority"], body["status"], body["rrule"]) == (1, "open", "FREQ=WEEKLY;BYDAY=MO")
    assert (body["sequence"], body["overdue"], body["checklist"]) == (0, False, [])


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (
            {"rrule": "FREQ=NEVER", "due_at": DUE.isoformat()},
            {"message": "The repeat rule is not valid: invalid 'FREQ': NEVER"},
        ),
        (
            {"rrule": "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "due_at": DUE.isoformat()},
            {"message": "This repeat rule gives no date within 10 years."},
        ),
        (
            {"start_at": (DUE + timedelta(days=1)).isoformat(), "due_at": DUE.isoformat()},
            {"message": "The due date must not be before the start."},
        ),
        ({"assignees": [987654]}, {"message": "Unknown people: 987654"}),
        (
            {"title": "x" * 201},
            {
                "message": "title: Ensure this field has no more than 200 characters.",
                "errors": {"title": ["Ensure this field has no more than 200 characters."]},
            },
        ),
        (
            {"priority": "high"},
            {
                "message": 'priority: "high" is not a valid choice.',
                "errors": {"priority": ['"high" is not a valid choice.']},
            },
        ),
        (
            {"assignees": "all"},
            {
                "message": 'assignees: Expected a list of items but got type "str".',
                "errors": {"assignees": ['Expected a list of items but got type "str".']},
            },
        ),
        (
            {"due_at": "tomorrow"},
            {
                "message": "due_at: Datetime has wrong format. Use one of these formats instead: "
                "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
            },
        ),
    ],
)
def test_api_task_create_rejects_bad_input(manager_api, unit_list, payload, expected):
    response = manager_api.post(
        "/api/v1/tasks/", {"task_list": unit_list.pk, "title": "Raport", **payload}, format="json"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    for key, value in expected.items():
        assert body[key] == value
    assert not Task.objects.exists()


def test_api_task_create_rejects_an_assignee_outside_the_unit(manager_api, tenant_a, unit_list):
    outsider = MembershipFactory(unit=tenant_a.other_unit).user

    response = manager_api.post(
        "/api/v1/tasks/",
        {"task_list": unit_list.pk, "title": "Raport", "assignees": [outsider.pk]},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "message": f"These people are not members of the unit {tenant_a.unit.name}: "
        f"{outsider.display_name}",
        "code": "invalid",
        "errors": {
            "non_field_errors": [
                f"These people are not members of the unit {tenant_a.unit.name}: "
                f"{outsider.display_name}"
            ]
        },
    }


def test_api_official_assigning_a_colleague_is_403(api, tenant_a, unit_list):
    response = api.as_user(tenant_a.official).post(
        "/api/v1/tasks/",
        {"task_list": unit_list.pk, "title": "x", "assignees": [tenant_a.manager.pk]},
        format="json",
    )

    assert response.status_code == 403
    assert response.json() == {
        "message": "Only the unit's manager can assign other people; you can assign yourself.",
        "code": "permission_denied",
    }


def test_api_patch_status_done_creates_the_next_occurrence(manager_api, unit_list):
    task = TaskFactory(
        task_list=unit_list, rrule="FREQ=DAILY", due_at=timezone.now() + timedelta(hours=1)
    )

    response = manager_api.patch(f"/api/v1/tasks/{task.pk}/", {"status": "done"}, format="json")

    following = Task.objects.get(previous=task)
    assert response.status_code == 200
    assert response.json()["status"] == "done"
    assert response.json()["next_occurrence"] == following.pk
    assert response.json()["sequence"] == 1


def test_api_patch_changes_only_what_is_sent(manager_api, tenant_a, unit_list):
    task = TaskFactory(task_list=unit_list, title="Stary", description="Opis")

    response = manager_api.patch(
        f"/api/v1/tasks/{task.pk}/",
        {"title": "Nowy", "assignees": [tenant_a.official.pk]},
        format="json",
    )

    assert response.status_code == 200
    assert (response.json()["title"], response.json()["description"]) == ("Nowy", "Opis")
    assert response.json()["assignees"] == [tenant_a.official.pk]


def test_api_filters_and_ordering(manager_api, tenant_a, unit_list):
    now = timezone.now()
    TaskFactory(
        task_list=unit_list, title="B", due_at=now - timedelta(days=1), assignees=[tenant_a.manager]
    )
    TaskFactory(task_list=unit_list, title="A", due_at=now + timedelta(days=60))
    TaskFactory(task_list=unit_list, title="C", status="done", assignees=[tenant_a.manager])

    def titles(query: dict) -> list[str]:
        response = manager_api.get("/api/v1/tasks/", query)
        assert response.status_code == 200, response.content
        return [task["title"] for task in response.json()["results"]]

    assert titles({"ordering": "title"}) == ["A", "B", "C"]
    assert titles({"assigned_to_me": "true", "ordering": "title"}) == ["B", "C"]
    assert titles({"overdue": "true"}) == ["B"]
    assert titles({"status": "active", "ordering": "-due"}) == ["A", "B"]
    assert titles({"q": "c"}) == ["C"]


def test_api_bad_filter_is_400(manager_api):
    response = manager_api.get("/api/v1/tasks/", {"ordering": "random"})

    assert response.status_code == 400
    assert response.json()["message"] == 'ordering: "random" is not a valid choice.'


def test_api_bulk_close_skips_other_institutions(manager_api, tenant_b, unit_list):
    mine = TaskFactory(task_list=unit_list)
    foreign = TaskFactory(task_list=TaskListFactory(unit=tenant_b.unit))

    response = manager_api.post(
        "/api/v1/tasks/bulk-close/", {"tasks": [mine.pk, foreign.pk]}, format="json"
    )
    empty = manager_api.post("/api/v1/tasks/bulk-close/", {"tasks": []}, format="json")

    assert response.status_code == 200
    assert response.json() == {"closed": 1}
    assert Task.objects.get(pk=foreign.pk).status == "open"
    assert empty.status_code == 400
    assert empty.json()["message"] == "tasks: Ensure this field has at least 1 elements."


def test_api_checklist_and_comments(manager_api, unit_list):
    task = TaskFactory(task_list=unit_list)
    base = f"/api/v1/tasks/{task.pk}"

    item = manager_api.post(f"{base}/checklist/", {"text": "Sala"}, format="json")
    ticked = manager_api.patch(
        f"{base}/checklist/{item.json()['id']}/", {"is_done": True}, format="json"
    )
    comment = manager_api.post(f"{base}/comments/", {"body": "Gotowe"}, format="json")
    blank = manager_api.post(f"{base}/comments/", {"body": ""}, format="json")
    removed = manager_api.delete(f"{base}/checklist/{item.json()['id']}/")

    assert item.status_code == 201
    assert ticked.json() == {
        "id": item.json()["id"],
        "text": "Sala",
        "is_done": True,
        "position": 0,
    }
    assert comment.status_code == 201
    assert comment.json()["body"] == "Gotowe"
    assert blank.status_code == 400
    assert blank.json()["message"] == "body: This field may not be blank."
    assert removed.status_code == 204
    assert manager_api.get(f"{base}/checklist/").json() == []


def test_api_task_lists(manager_api, tenant_a):
    unit = manager_api.post(
        "/api/v1/task-lists/", {"name": "Wydział", "unit": tenant_a.unit.pk}, format="json"
    )
    personal = manager_api.post("/api/v1/task-lists/", {"name": "Moje"}, format="json")
    archived = manager_api.post(f"/api/v1/task-lists/{unit.json()['id']}/archive/")
    listed = manager_api.get("/api/v1/task-lists/")

    assert unit.status_code == personal.status_code == 201
    assert (unit.json()["unit"], unit.json()["is_personal"]) == (tenant_a.unit.pk, False)
    assert (personal.json()["owner"], personal.json()["is_personal"]) == (tenant_a.manager.pk, True)
    assert archived.json()["is_archived"] is True
    assert [entry["name"] for entry in listed.json()["results"]] == ["Moje"]
    assert TaskList.objects.count() == 2


def test_api_official_cannot_archive_the_unit_list(api, tenant_a, unit_list):
    response = api.as_user(tenant_a.official).patch(
        f"/api/v1/task-lists/{unit_list.pk}/", {"is_archived": True}, format="json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert TaskList.objects.get(pk=unit_list.pk).is_archived is False
