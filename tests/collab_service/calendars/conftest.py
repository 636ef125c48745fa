from dataclasses import dataclass
from datetime import UTC, datetime
from unittest import mock

import pytest

from collab_service.accounts.models import User
from collab_service.appointments.models import Agenda
from tests.conftest import Tenant, make_tenant
from tests.factories import MembershipFactory

# Wednesday 10 June 2026, 10:00 in Warsaw.
NOW = datetime(2026, 6, 10, 8, 0, tzinfo=UTC)


@dataclass
class Office:
    tenant: Tenant
    official: User
    colleague: User
    agenda: Agenda
    other_agenda: Agenda


@pytest.fixture
def office(db) -> Office:
    """An institution whose official and a colleague each have an agenda."""
    tenant = make_tenant("A")
    colleague = MembershipFactory(unit=tenant.unit, user__username="colleague-a").user
    return Office(
        tenant=tenant,
        official=tenant.official,
        colleague=colleague,
        agenda=Agenda.objects.create(official=tenant.official, institution=tenant.institution),
        other_agenda=Agenda.objects.create(official=colleague, institution=tenant.institution),
    )


@pytest.fixture
def frozen_now():
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield NOW
