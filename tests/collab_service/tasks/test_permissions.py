"""Who sees, edits and assigns what: services, pages and API, across units and institutions."""

import pytest

from collab_service.tasks.errors import TaskError, TaskForbidden, TaskNotFound
from collab_service.tasks.models import Task, TaskList
from collab_service.tasks.selectors import tasks_visible_to
from collab_service.tasks.services.lists import task_list_archive, task_list_create
from collab_service.tasks.services.tasks import task_create, task_update
from tests.factories import MembershipFactory, TaskFactory, TaskListFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_unit_member(tenant_a):
    return MembershipFactory(unit=tenant_a.other_unit).user


def _update(actor, task, **changes):
    fields = {
        "title": task.title,
        "description": task.description,
        "assignees": list(task.assignees.all()),
        "start_at": task.start_at,
        "due_at": task.due_at,
        "all_day": task.all_day,
        "priority": task.priority,
        "status": task.status,
        "rrule": task.rrule,
        "reminder_minutes": task.reminder_minutes,
    }
    fields.update(changes)
    return task_update(actor=actor, task=task, **fields)


def test_unit_members_and_admin_see_the_unit_list_tasks(
    tenant_a, tenant_b, unit_list, other_unit_member, platform_admin
):
    task = TaskFactory(task_list=unit_list)

    seen = {
        name: tasks_visible_to(person).filter(pk=task.pk).exists()
        for name, person in {
            "official": tenant_a.official,
            "manager": tenant_a.manager,
            "admin": tenant_a.admin,
            "other_unit": other_unit_member,
            "other_institution_admin": tenant_b.admin,
            "other_institution_official": tenant_b.official,
            "platform_admin": platform_admin,
        }.items()
    }

    assert seen == {
        "official": True,
        "manager": True,
        "admin": True,
        "other_unit": False,
        "other_institution_admin": False,
        "other_institution_official": False,
        "platform_admin": True,
    }


def test_personal_list_is_seen_by_its_owner_only(tenant_a, personal_list):
    task = TaskFactory(task_list=personal_list)

    assert list(tasks_visible_to(tenant_a.official)) == [task]
    assert not tasks_visible_to(tenant_a.manager).exists()
    assert not tasks_visible_to(tenant_a.admin).exists()


def test_task_create_refuses_a_list_of_another_institution(tenant_a, tenant_b):
    foreign = TaskListFactory(unit=tenant_b.unit)

    with pytest.raises(TaskNotFound):
        task_create(actor=tenant_a.admin, task_list=foreign, title="x")
    assert not Task.objects.exists()


def test_task_create_refuses_someone_elses_personal_list(tenant_a, personal_list):
    with pytest.raises(TaskNotFound):
        task_create(actor=tenant_a.manager, task_list=personal_list, title="x")


def test_official_may_create_and_edit_unit_tasks(tenant_a, unit_list):
    task = task_create(actor=tenant_a.official, task_list=unit_list, title="Raport")

    task = _update(tenant_a.official, task, title="Raport roczny")

    assert task.title == "Raport roczny"
    assert task.sequence == 1


def test_manager_assigns_anybody_in_the_unit(tenant_a, unit_list):
    task = task_create(
        actor=tenant_a.manager,
        task_list=unit_list,
        title="Raport",
        assignees=[tenant_a.official, tenant_a.admin],
    )

    assert set(task.assignees.all()) == {tenant_a.official, tenant_a.admin}


def test_official_may_assign_only_themselves(tenant_a, unit_list):
    with pytest.raises(TaskForbidden) as refused:
        task_create(
            actor=tenant_a.official,
            task_list=unit_list,
            title="Raport",
            assignees=[tenant_a.manager],
        )
    assert str(refused.value) == (
        "Only the unit's manager can assign other people; you can assign yourself."
    )

    task = task_create(
        actor=tenant_a.official, task_list=unit_list, title="Raport", assignees=[tenant_a.official]
    )
    assert list(task.assignees.all()) == [tenant_a.official]


def test_official_keeps_people_already_assigned(tenant_a, unit_list):
    task = TaskFactory(task_list=unit_list, assignees=[tenant_a.manager])

    task = _update(tenant_a.official, task, assignees=[tenant_a.manager, tenant_a.official])

    assert set(task.assignees.all()) == {tenant_a.manager, tenant_a.official}


def test_assignee_outside_the_unit_is_refused(tenant_a, unit_list, other_unit_member):
    with pytest.raises(TaskError) as refused:
        task_create(
            actor=tenant_a.manager,
            task_list=unit_list,
            title="Raport",
            assignees=[other_unit_member],
        )

    assert str(refused.value) == (
        f"These people are not members of the unit {tenant_a.unit.name}: "
        f"{other_unit_member.display_name}"
    )


def test_assignee_from_another_institution_is_refused(tenant_a, tenant_b, unit_list):
    with pytest.raises(TaskError):
        task_create(
            actor=tenant_a.admin, task_list=unit_list, title="x", assignees=[tenant_b.official]
        )
    assert not Task.objects.exists()


def test_unit_list_create_is_for_managers_and_admins(tenant_a, tenant_b):
    with pytest.raises(TaskForbidden):
        task_list_create(actor=tenant_a.official, name="Wydział", unit=tenant_a.unit)
    with pytest.raises(TaskNotFound):
        task_list_create(actor=tenant_b.manager, name="Obcy", unit=tenant_a.unit)

    made = [
        task_list_create(actor=tenant_a.manager, name="M", unit=tenant_a.unit),
        task_list_create(actor=tenant_a.admin, name="A", unit=tenant_a.other_unit),
    ]

    assert [task_list.unit for task_list in made] == [tenant_a.unit, tenant_a.other_unit]


def test_personal_list_create_belongs_to_the_actor(tenant_a):
    task_list = task_list_create(actor=tenant_a.official, name="Moje")

    assert (task_list.owner, task_list.unit, task_list.institution) == (
        tenant_a.official,
        None,
        tenant_a.institution,
    )


def test_task_list_archive_is_refused_to_officials(tenant_a, unit_list):
    with pytest.raises(TaskForbidden):
        task_list_archive(actor=tenant_a.official, task_list=unit_list)

    task_list_archive(actor=tenant_a.manager, task_list=unit_list)

    assert TaskList.objects.get(pk=unit_list.pk).is_archived


@pytest.mark.parametrize("who", ["other_unit", "other_institution", "not_owner"])
def test_pages_answer_404_to_people_who_may_not_see(
    client, tenant_a, tenant_b, unit_list, personal_list, other_unit_member, who
):
    task_list = personal_list if who == "not_owner" else unit_list
    task = TaskFactory(task_list=task_list)
    person = {
        "other_unit": other_unit_member,
        "other_institution": tenant_b.admin,
        "not_owner": tenant_a.manager,
    }[who]
    client.force_login(person)

    answers = [
        client.get(f"/tasks/lists/{task_list.pk}/").status_code,
        client.get(f"/tasks/lists/{task_list.pk}/?layout=board").status_code,
        client.get(f"/tasks/{task.pk}/").status_code,
        client.get(f"/tasks/{task.pk}/edit/").status_code,
        client.post(f"/tasks/{task.pk}/status/", {"status": "done"}).status_code,
        client.post(f"/tasks/{task.pk}/comments/", {"body": "x"}).status_code,
        client.post(f"/tasks/{task.pk}/delete/").status_code,
    ]

    assert answers == [404] * 7
    assert Task.objects.get(pk=task.pk).status == "open"


@pytest.mark.parametrize("who", ["other_unit", "other_institution", "not_owner"])
def test_api_answers_404_to_people_who_may_not_see(
    api, tenant_a, tenant_b, unit_list, personal_list, other_unit_member, who
):
    task_list = personal_list if who == "not_owner" else unit_list
    task = TaskFactory(task_list=task_list)
    person = {
        "other_unit": other_unit_member,
        "other_institution": tenant_b.admin,
        "not_owner": tenant_a.manager,
    }[who]
    api.as_user(person)

    answers = [
        api.get(f"/api/v1/task-lists/{task_list.pk}/"),
        api.get(f"/api/v1/tasks/{task.pk}/"),
        api.patch(f"/api/v1/tasks/{task.pk}/", {"status": "done"}, format="json"),
        api.delete(f"/api/v1/tasks/{task.pk}/"),
        api.get(f"/api/v1/tasks/{task.pk}/comments/"),
        api.post("/api/v1/tasks/", {"task_list": task_list.pk, "title": "x"}, format="json"),
    ]

    assert [answer.status_code for answer in answers] == [404] * 6
    assert answers[0].json() == {"message": "Not found.", "code": "not_found"}
    assert api.get("/api/v1/tasks/").json()["results"] == []
    assert Task.objects.count() == 1
