import pytest
from django.core import mail

from collab_service.institutions.models import Membership

pytestmark = pytest.mark.django_db


def _url(tenant) -> str:
    return f"/app/{tenant.institution.slug}/people/add/"


def test_admin_adds_person_and_is_sent_back_to_workspace(
    client, tenant_a, django_capture_on_commit_callbacks
):
    client.force_login(tenant_a.admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(tenant_a),
            {
                "email": "nowa@example.gov.pl",
                "full_name": "Nowa Osoba",
                "unit": tenant_a.unit.pk,
                "role": "unit_manager",
                "job_title": "Kierowniczka",
            },
        )

    assert response.status_code == 302
    assert response["Location"] == f"/app/{tenant_a.institution.slug}/"
    membership = Membership.objects.get(user__email="nowa@example.gov.pl")
    assert (membership.unit, membership.role) == (tenant_a.unit, "unit_manager")
    assert len(mail.outbox) == 1


def test_missing_unit_for_official_is_a_form_error(client, tenant_a):
    client.force_login(tenant_a.admin)

    response = client.post(
        _url(tenant_a), {"email": "x@example.gov.pl", "full_name": "X", "role": "official"}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Urzędnicy i kierownicy komórek muszą być przypisani do komórki."
    ]
    assert not Membership.objects.filter(user__email="x@example.gov.pl").exists()


def test_manager_may_add_only_officials_to_own_unit(client, tenant_a):
    client.force_login(tenant_a.manager)

    as_admin = client.post(
        _url(tenant_a),
        {
            "email": "y@example.gov.pl",
            "full_name": "Y",
            "unit": tenant_a.unit.pk,
            "role": "institution_admin",
        },
    )
    other_unit = client.post(
        _url(tenant_a),
        {
            "email": "y@example.gov.pl",
            "full_name": "Y",
            "unit": tenant_a.other_unit.pk,
            "role": "official",
        },
    )

    assert set(as_admin.context["form"].errors) == {"role"}
    assert set(other_unit.context["form"].errors) == {"unit"}
    assert not Membership.objects.filter(user__email="y@example.gov.pl").exists()


def test_official_may_not_add_people(client, tenant_a):
    client.force_login(tenant_a.official)

    assert client.get(_url(tenant_a)).status_code == 403
