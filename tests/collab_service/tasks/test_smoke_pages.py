import pytest

from tests.collab_service.tasks.factories import TaskFactory

pytestmark = pytest.mark.django_db


def test_pages_render(client, tenant_a, unit_list):
    task = TaskFactory(task_list=unit_list, assignees=[tenant_a.official])
    client.force_login(tenant_a.official)
    for path in [
        "/tasks/",
        "/tasks/?view=overdue",
        "/tasks/?view=week",
        "/tasks/?view=all&status=open&sort=priority",
        f"/tasks/lists/{unit_list.pk}/",
        f"/tasks/lists/{unit_list.pk}/?layout=board",
        "/tasks/lists/new/",
        f"/tasks/lists/{unit_list.pk}/new/",
        f"/tasks/{task.pk}/",
        f"/tasks/{task.pk}/edit/",
        f"/tasks/{task.pk}/delete/",
        "/tasks/settings/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
