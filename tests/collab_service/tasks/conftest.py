import pytest

from tests.conftest import Tenant
from tests.factories import TaskListFactory


@pytest.fixture
def unit_list(tenant_a: Tenant):
    return TaskListFactory(unit=tenant_a.unit, name="Sprawy wydziału")


@pytest.fixture
def personal_list(tenant_a: Tenant):
    return TaskListFactory(owner=tenant_a.official, name="Moje")


def english(client):
    client.cookies["collab_language"] = "en"
    return client
