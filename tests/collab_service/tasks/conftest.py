import pytest

from tests.collab_service.tasks.factories import TaskListFactory
from tests.conftest import Tenant


@pytest.fixture
def unit_list(tenant_a: Tenant):
    return TaskListFactory(unit=tenant_a.unit, name="Sprawy wydziału")


@pytest.fixture
def personal_list(tenant_a: Tenant):
    return TaskListFactory(owner=tenant_a.official, name="Moje")


def english(client):
    client.cookies["collab_language"] = "en"
    return client
