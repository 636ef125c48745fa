import pytest
from django.core.management import call_command

from collab_service.accounts.models import User
from collab_service.institutions.management.commands.load_demo_data import DEMO_PASSWORD
from collab_service.institutions.models import Institution, Membership

pytestmark = pytest.mark.django_db


def test_demo_data_loads_twice_without_duplicates(client):
    call_command("load_demo_data")
    call_command("load_demo_data")

    assert Institution.objects.count() == 2
    assert Membership.objects.filter(institution__slug="um-przykladowo").count() == 4
    assert User.objects.get(username="admin").is_platform_admin
    assert client.login(username="jan.kowalski", password=DEMO_PASSWORD)
    page = client.get("/institutions/um-przykladowo/").content.decode()
    assert "Wydział Spraw Obywatelskich" in page


def test_demo_data_refuses_production(settings):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="never load it in production"):
        call_command("load_demo_data")
    assert not User.objects.filter(username="admin").exists()
