import pytest
from django.core import mail

from collab_service.institutions.models import Invitation, Membership

pytestmark = pytest.mark.django_db


def _url(tenant) -> str:
    return f"/app/{tenant.institution.slug}/people/add/"


def test_admin_invites_a_person_and_is_sent_back_to_the_waiting_invitation(
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
            follow=True,
        )

    assert response.redirect_chain == [(f"/app/{tenant_a.institution.slug}/", 302)]
    page = response.content.decode()
    assert "Wysłaliśmy zaproszenie na adres nowa@example.gov.pl." in page
    assert "Zaproszenia czekające na odpowiedź" in page
    invitation = Invitation.objects.get(email="nowa@example.gov.pl")
    assert (invitation.unit, invitation.role, invitation.job_title) == (
        tenant_a.unit,
        "unit_manager",
        "Kierowniczka",
    )
    assert not Membership.objects.filter(user__email="nowa@example.gov.pl").exists()
    assert [message.to for message in mail.outbox] == [["nowa@example.gov.pl"]]


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
