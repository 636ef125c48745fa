"""One institution never sees or changes another's data, through any endpoint or page."""

import pytest

from collab_service.institutions.models import Membership, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def both(tenant_a, tenant_b):
    return tenant_a, tenant_b


ROLES = ["official", "manager", "admin"]


def _ids(response) -> set[int]:
    return {item["id"] for item in response.json()["results"]}


@pytest.mark.parametrize("role", ROLES)
def test_lists_hold_only_own_institution(api, both, role):
    a, _b = both
    api.as_user(getattr(a, role))

    institutions = api.get("/api/v1/institutions/")
    units = api.get("/api/v1/units/")
    memberships = api.get("/api/v1/memberships/")

    assert _ids(institutions) == {a.institution.id}
    assert _ids(units) == set(
        Unit.objects.filter(institution=a.institution).values_list("id", flat=True)
    )
    assert _ids(memberships) == set(
        Membership.objects.filter(institution=a.institution).values_list("id", flat=True)
    )


@pytest.mark.parametrize("role", ROLES)
def test_filtering_by_another_institution_gives_nothing(api, both, role):
    a, b = both
    api.as_user(getattr(a, role))

    for path in ("/api/v1/units/", "/api/v1/memberships/"):
        response = api.get(path, {"institution": b.institution.id})
        assert response.status_code == 200
        assert response.json()["results"] == []
    response = api.get("/api/v1/memberships/", {"unit": b.unit.id})
    assert response.json()["results"] == []


def _foreign_objects(b):
    membership = Membership.objects.filter(institution=b.institution).first()
    return [
        f"/api/v1/institutions/{b.institution.id}/",
        f"/api/v1/units/{b.unit.id}/",
        f"/api/v1/memberships/{membership.id}/",
    ]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_objects_of_another_institution_are_not_found(api, both, role, method):
    a, b = both
    api.as_user(getattr(a, role))

    for path in _foreign_objects(b):
        response = getattr(api, method)(path, {"name": "taken over"}, format="json")
        if method == "delete" and "/institutions/" in path:
            assert response.status_code == 405  # institutions are never deleted over the API
            continue
        assert response.status_code == 404, path
        assert response.json() == {"message": "Not found.", "code": "not_found"}
    b.institution.refresh_from_db()
    assert b.institution.name == "Urząd B"
    assert Unit.objects.filter(pk=b.unit.pk).exists()


def test_admin_cannot_create_a_unit_in_another_institution(api, both):
    a, b = both
    api.as_user(a.admin)

    response = api.post(
        "/api/v1/units/", {"institution": b.institution.id, "name": "Obcy"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"institution": ["No such object."]}
    assert not Unit.objects.filter(name="Obcy").exists()


def test_admin_cannot_add_people_to_another_institution(api, both):
    a, b = both
    api.as_user(a.admin)

    response = api.post(
        "/api/v1/memberships/",
        {
            "institution": b.institution.id,
            "unit": b.unit.id,
            "email": "spy@example.org",
            "full_name": "Spy",
        },
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"institution", "unit"}


def test_admin_cannot_move_own_member_into_another_institutions_unit(api, both):
    a, b = both
    membership = Membership.objects.get(user=a.official, institution=a.institution)
    api.as_user(a.admin)

    response = api.patch(
        f"/api/v1/memberships/{membership.id}/", {"unit": b.unit.id}, format="json"
    )

    assert response.status_code == 400
    membership.refresh_from_db()
    assert membership.unit == a.unit


def test_unit_parent_from_another_institution_is_refused(api, both):
    a, b = both
    api.as_user(a.admin)

    response = api.patch(f"/api/v1/units/{a.unit.id}/", {"parent": b.unit.id}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"parent": ["No such object."]}


def test_me_shows_only_own_memberships(api, both):
    a, _b = both

    response = api.as_user(a.official).get("/api/v1/me/")

    assert [m["institution"] for m in response.json()["memberships"]] == [a.institution.id]


def test_platform_admin_sees_every_institution(api, both, platform_admin):
    a, b = both

    response = api.as_user(platform_admin).get("/api/v1/institutions/")

    assert _ids(response) == {a.institution.id, b.institution.id}


def test_person_without_membership_sees_nothing(api, both, django_user_model):
    outsider = django_user_model.objects.create(username="outsider")
    api.as_user(outsider)

    for path in ("/api/v1/institutions/", "/api/v1/units/", "/api/v1/memberships/"):
        assert api.get(path).json()["results"] == []


@pytest.mark.parametrize("role", ROLES)
def test_pages_of_another_institution_are_not_found(client, both, role):
    a, b = both
    client.force_login(getattr(a, role))

    for path in (f"/app/{b.institution.slug}/", f"/app/{b.institution.slug}/people/import/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b.official.email not in response.content.decode()


def test_workspace_lists_only_own_people(client, both):
    a, b = both
    client.force_login(a.official)

    content = client.get(f"/app/{a.institution.slug}/").content.decode()

    assert a.manager.email in content
    assert b.official.email not in content
    assert b.unit.name not in content


def test_public_directory_hides_non_public_units_and_people(api, both):
    a, _b = both

    response = api.get(f"/api/v1/public/institutions/{a.institution.slug}/")

    assert response.status_code == 200
    names = {unit["name"] for unit in response.json()["units"]}
    assert a.unit.name in names
    assert a.hidden_unit.name not in names
    assert a.official.email not in response.content.decode()


def test_the_admin_refuses_a_place_in_another_institutions_unit(tenant_a, tenant_b):
    from django.core.exceptions import ValidationError

    membership = Membership(
        user=tenant_a.official, institution=tenant_a.institution, unit=tenant_b.unit
    )

    with pytest.raises(ValidationError) as refused:
        membership.full_clean()

    assert refused.value.message_dict["unit"] == ["The unit belongs to another institution."]
