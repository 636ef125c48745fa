"""Who may change what inside one institution."""

import pytest
from django.core import mail

from collab_service.institutions.models import Membership, Unit
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_official_cannot_edit_institution(api, tenant_a):
    response = api.as_user(tenant_a.official).patch(
        f"/api/v1/institutions/{tenant_a.institution.id}/", {"phone": "1"}, format="json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_institution_admin_edits_institution_but_not_its_slug(api, tenant_a):
    response = api.as_user(tenant_a.admin).patch(
        f"/api/v1/institutions/{tenant_a.institution.id}/",
        {"phone": "+48 22 111 22 33", "slug": "renamed"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["phone"] == "+48 22 111 22 33"
    assert response.json()["slug"] == tenant_a.institution.slug


@pytest.mark.parametrize("country", ["XX", "pl", "POL", "P", ""])
def test_institution_admin_rejects_a_country_without_known_holidays(api, tenant_a, country):
    response = api.as_user(tenant_a.admin).patch(
        f"/api/v1/institutions/{tenant_a.institution.id}/", {"country": country}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["country"]
    tenant_a.institution.refresh_from_db()
    assert tenant_a.institution.country == "PL"


def test_institution_admin_sets_another_holiday_country(api, tenant_a):
    response = api.as_user(tenant_a.admin).patch(
        f"/api/v1/institutions/{tenant_a.institution.id}/", {"country": "DE"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["country"] == "DE"


def test_institution_admin_rejects_unknown_time_zone(api, tenant_a):
    response = api.as_user(tenant_a.admin).patch(
        f"/api/v1/institutions/{tenant_a.institution.id}/",
        {"time_zone": "Mars/Olympus"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "time_zone": ["Mars/Olympus is not a known IANA time zone."]
    }


def test_admin_creates_unit_with_generated_slug(api, tenant_a):
    response = api.as_user(tenant_a.admin).post(
        "/api/v1/units/",
        {"institution": tenant_a.institution.id, "name": "Wydział Ochrony Środowiska"},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["slug"] == "wydzial-ochrony-srodowiska"


def test_duplicate_unit_slug_is_a_conflict(api, tenant_a):
    response = api.as_user(tenant_a.admin).post(
        "/api/v1/units/",
        {"institution": tenant_a.institution.id, "name": "X", "slug": tenant_a.unit.slug},
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["message"] == "A unit with this short name already exists."


def test_official_cannot_create_units(api, tenant_a):
    response = api.as_user(tenant_a.official).post(
        "/api/v1/units/", {"institution": tenant_a.institution.id, "name": "X"}, format="json"
    )

    assert response.status_code == 403


def test_unit_with_people_is_not_deleted(api, tenant_a):
    response = api.as_user(tenant_a.admin).delete(f"/api/v1/units/{tenant_a.unit.id}/")

    assert response.status_code == 409
    assert Unit.objects.filter(pk=tenant_a.unit.pk).exists()


def test_empty_unit_is_deleted(api, tenant_a):
    response = api.as_user(tenant_a.admin).delete(f"/api/v1/units/{tenant_a.other_unit.id}/")

    assert response.status_code == 204
    assert not Unit.objects.filter(pk=tenant_a.other_unit.pk).exists()


def test_unit_cannot_become_its_own_ancestor(api, tenant_a):
    api.as_user(tenant_a.admin)
    api.patch(
        f"/api/v1/units/{tenant_a.other_unit.id}/", {"parent": tenant_a.unit.id}, format="json"
    )

    response = api.patch(
        f"/api/v1/units/{tenant_a.unit.id}/", {"parent": tenant_a.other_unit.id}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["message"] == "A unit cannot be placed inside itself."


def test_adding_a_member_of_another_unit_places_them_at_once_and_again_updates(
    api, tenant_a, django_capture_on_commit_callbacks
):
    """Someone already in the institution gets a new place at once; no invitation, no e-mail."""
    colleague = MembershipFactory(unit=tenant_a.other_unit, user__email="x@example.gov.pl").user
    api.as_user(tenant_a.admin)
    payload = {
        "institution": tenant_a.institution.id,
        "unit": tenant_a.unit.id,
        "email": "X@Example.gov.pl",
        "full_name": "Another name",
    }
    with django_capture_on_commit_callbacks(execute=True):
        first = api.post("/api/v1/memberships/", payload, format="json")
        second = api.post(
            "/api/v1/memberships/", {**payload, "job_title": "Inspektor"}, format="json"
        )

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["role"] == "official"
    assert second.json()["job_title"] == "Inspektor"
    assert Membership.objects.filter(user=colleague, unit=tenant_a.unit).count() == 1
    colleague.refresh_from_db()
    assert colleague.full_name != "Another name"
    assert mail.outbox == []


def test_manager_cannot_make_admins_or_touch_other_units(api, tenant_a):
    api.as_user(tenant_a.manager)
    base = {"institution": tenant_a.institution.id, "email": "y@example.gov.pl", "full_name": "Y"}

    as_admin = api.post(
        "/api/v1/memberships/", {**base, "role": "institution_admin"}, format="json"
    )
    other_unit = api.post(
        "/api/v1/memberships/", {**base, "unit": tenant_a.other_unit.id}, format="json"
    )

    assert (as_admin.status_code, other_unit.status_code) == (403, 403)


def test_official_needs_a_unit(api, tenant_a):
    response = api.as_user(tenant_a.admin).post(
        "/api/v1/memberships/",
        {"institution": tenant_a.institution.id, "email": "z@example.gov.pl", "full_name": "Z"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["message"] == "Officials and unit managers must belong to a unit."


def test_last_admin_cannot_be_removed_or_demoted(api, tenant_a):
    membership = Membership.objects.get(user=tenant_a.admin)
    api.as_user(tenant_a.admin)

    removed = api.delete(f"/api/v1/memberships/{membership.id}/")
    demoted = api.patch(
        f"/api/v1/memberships/{membership.id}/",
        {"role": "official", "unit": tenant_a.unit.id},
        format="json",
    )

    assert (removed.status_code, demoted.status_code) == (409, 409)
    assert removed.json()["message"] == "An institution keeps at least one admin."
    membership.refresh_from_db()
    assert membership.role == Membership.Role.INSTITUTION_ADMIN


def test_admin_moves_member_to_another_unit(api, tenant_a):
    membership = Membership.objects.get(user=tenant_a.official)

    response = api.as_user(tenant_a.admin).patch(
        f"/api/v1/memberships/{membership.id}/", {"unit": tenant_a.other_unit.id}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["unit"] == tenant_a.other_unit.id


def test_manager_removes_official_of_own_unit(api, tenant_a):
    membership = Membership.objects.get(user=tenant_a.official)

    response = api.as_user(tenant_a.manager).delete(f"/api/v1/memberships/{membership.id}/")

    assert response.status_code == 204


def test_official_cannot_remove_colleagues(api, tenant_a):
    membership = Membership.objects.get(user=tenant_a.manager)

    response = api.as_user(tenant_a.official).delete(f"/api/v1/memberships/{membership.id}/")

    assert response.status_code == 403


def test_manager_cannot_demote_someone_by_adding_them_again(api, tenant_a):
    api.as_user(tenant_a.manager)

    response = api.post(
        "/api/v1/memberships/",
        {
            "institution": tenant_a.institution.id,
            "unit": tenant_a.unit.id,
            "email": tenant_a.manager.email,
            "full_name": "X",
            "role": "official",
        },
        format="json",
    )

    assert response.status_code == 409
    membership = Membership.objects.get(user=tenant_a.manager, unit=tenant_a.unit)
    assert membership.role == Membership.Role.UNIT_MANAGER


def test_adding_existing_member_without_role_keeps_role_and_title(api, tenant_a):
    membership = Membership.objects.get(user=tenant_a.manager, unit=tenant_a.unit)
    membership.job_title = "Kierownik"
    membership.save()

    response = api.as_user(tenant_a.manager).post(
        "/api/v1/memberships/",
        {
            "institution": tenant_a.institution.id,
            "unit": tenant_a.unit.id,
            "email": tenant_a.manager.email,
            "full_name": "X",
        },
        format="json",
    )

    assert response.status_code == 200
    assert (response.json()["role"], response.json()["job_title"]) == ("unit_manager", "Kierownik")


def test_member_of_two_institutions_cannot_mix_them(api, tenant_a, tenant_b):
    Membership.objects.create(
        user=tenant_a.admin, institution=tenant_b.institution, unit=tenant_b.unit
    )
    api.as_user(tenant_a.admin)
    base = {"email": "mix@example.gov.pl", "full_name": "Mix"}

    into_b = api.post(
        "/api/v1/memberships/",
        {**base, "institution": tenant_b.institution.id, "unit": tenant_b.unit.id},
        format="json",
    )
    b_unit_in_a = api.post(
        "/api/v1/memberships/",
        {**base, "institution": tenant_a.institution.id, "unit": tenant_b.unit.id},
        format="json",
    )
    parent_from_b = api.patch(
        f"/api/v1/units/{tenant_a.unit.id}/", {"parent": tenant_b.unit.id}, format="json"
    )

    assert into_b.status_code == 403
    assert b_unit_in_a.status_code == 400
    assert parent_from_b.status_code == 400
    assert not Membership.objects.filter(user__email="mix@example.gov.pl").exists()
