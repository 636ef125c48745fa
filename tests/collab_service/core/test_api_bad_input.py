"""Bad input gets a 4xx with a JSON message, never a 500 and never a partial write."""

import json

import pytest

from collab_service.institutions.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_api(api, tenant_a):
    return api.as_user(tenant_a.admin)


def _post_raw(api, path: str, body: bytes, content_type: str = "application/json"):
    return api.generic("POST", path, body, content_type=content_type)


def test_malformed_json_is_400(admin_api):
    response = _post_raw(admin_api, "/api/v1/units/", b'{"name": ')

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert response.json()["message"].startswith("JSON parse error")


def test_json_that_is_not_an_object_is_400(admin_api):
    response = _post_raw(admin_api, "/api/v1/units/", b"[1, 2]")

    assert response.status_code == 400
    assert "Invalid data" in response.json()["message"]


def test_form_encoded_body_is_415(admin_api):
    response = _post_raw(
        admin_api, "/api/v1/units/", b"name=x", "application/x-www-form-urlencoded"
    )

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "x" * 201}, "name"),
        ({"name": "a\x00b"}, "name"),
        ({"name": ""}, "name"),
        ({"name": ["x"]}, "name"),
        ({"name": "ok", "email": "nope"}, "email"),
        ({"name": "ok", "slug": "not a slug!"}, "slug"),
        ({"name": "ok", "parent": "abc"}, "parent"),
        ({"name": "ok", "parent": 10**30}, "parent"),
        ({"name": "ok", "is_public": "maybe"}, "is_public"),
        ({"name": "ok", "institution": None}, "institution"),
        ({"name": "ok", "institution": [1]}, "institution"),
        ({"name": "ok", "institution": 10**30}, "institution"),
    ],
)
def test_invalid_unit_fields_are_400_with_field_errors(admin_api, tenant_a, payload, field):
    body = {"institution": tenant_a.institution.id, **payload}
    before = Unit.objects.count()

    response = admin_api.post("/api/v1/units/", body, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert response.json()["message"]
    assert Unit.objects.count() == before


def test_four_byte_characters_are_stored(admin_api, tenant_a):
    response = admin_api.post(
        "/api/v1/units/",
        {"institution": tenant_a.institution.id, "name": "Wydział 🏛️ Łódź"},
        format="json",
    )

    assert response.status_code == 201
    assert Unit.objects.get(pk=response.json()["id"]).name == "Wydział 🏛️ Łódź"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/units/99999999999999999999999/",
        "/api/v1/units/-1/",
        "/api/v1/units/abc/",
        "/api/v1/memberships/9223372036854775808/",
        "/api/v1/institutions/1e5/",
        "/api/v1/nothing-here/",
    ],
)
def test_odd_paths_are_404_json(admin_api, path):
    response = admin_api.get(path)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "query",
    [
        {"institution": "abc"},
        {"institution": "9" * 40},
        {"unit": "-5"},
        {"page_size": "100000"},
        {"page_size": "-1"},
    ],
)
def test_odd_filters_never_fail(admin_api, query):
    response = admin_api.get("/api/v1/memberships/", query)

    assert response.status_code == 200
    assert len(response.json()["results"]) <= 200


@pytest.mark.parametrize("page", ["abc", "0", "99999", "-1"])
def test_invalid_page_is_404_with_message(admin_api, page):
    response = admin_api.get("/api/v1/units/", {"page": page})

    assert response.status_code == 404
    assert response.json()["message"] == "Invalid page."


def test_public_search_with_odd_text(api, tenant_a):
    response = api.get("/api/v1/public/institutions/", {"q": "%_'\"; DROP ł" * 20})

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_membership_with_bad_role_and_email_is_400(admin_api, tenant_a):
    response = admin_api.post(
        "/api/v1/memberships/",
        {
            "institution": tenant_a.institution.id,
            "unit": tenant_a.unit.id,
            "email": "x",
            "full_name": "X",
            "role": "king",
        },
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"email", "role"}


def test_errors_are_polish_without_accept_language(tenant_a):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(tenant_a.admin)

    response = client.get("/api/v1/units/99999/")

    assert response.json()["message"] == "Nie znaleziono."


def test_api_answers_json_to_a_browser(admin_api):
    response = admin_api.get(
        "/api/v1/units/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["count"] >= 1


def test_api_refuses_html_only_clients_with_406(admin_api):
    response = admin_api.get("/api/v1/units/", HTTP_ACCEPT="text/html")

    assert response.status_code == 406
    assert response.json()["code"] == "not_acceptable"


@pytest.mark.parametrize(
    "path", ["/api/v1/public/institutions/", "/", "/app/", "/api/v1/public/institutions/%00/"]
)
def test_nul_in_query_is_400_not_500(client, tenant_a, path):
    client.force_login(tenant_a.official)

    response = client.get(path, {"q": "a\x00b"})

    assert response.status_code == 400


def test_blank_slug_on_update_is_400_and_unit_unchanged(admin_api, tenant_a):
    response = admin_api.patch(f"/api/v1/units/{tenant_a.unit.id}/", {"slug": ""}, format="json")

    assert response.status_code == 400
    assert "slug" in response.json()["errors"]
    tenant_a.unit.refresh_from_db()
    assert tenant_a.unit.slug


def test_model_validation_errors_become_400(admin_api, tenant_a):
    response = admin_api.patch(
        f"/api/v1/institutions/{tenant_a.institution.id}/", {"country": "POL"}, format="json"
    )

    assert response.status_code == 400
    assert "country" in response.json()["errors"]


@pytest.mark.parametrize("value", ["²", "٣", "1²"])
def test_unicode_digits_in_filters_match_nothing(admin_api, value):
    response = admin_api.get("/api/v1/memberships/", {"institution": value})

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_email_longer_than_the_database_allows_is_400(admin_api, tenant_a):
    long_email = "a" * 60 + "@" + ("b" * 60 + ".") * 4 + "pl"

    response = admin_api.post(
        "/api/v1/memberships/",
        {
            "institution": tenant_a.institution.id,
            "unit": tenant_a.unit.id,
            "email": long_email,
            "full_name": "X",
        },
        format="json",
    )

    assert response.status_code == 400
    assert "email" in response.json()["errors"]


@pytest.mark.parametrize("depth", [40, 100_000])
@pytest.mark.parametrize("path", ["/api/v1/public/bookings/", "/api/v1/public/waiting-list/"])
def test_deeply_nested_json_is_400_for_anonymous_callers(api, path, depth):
    body = ("[" * depth + "]" * depth).encode()

    response = _post_raw(api, path, b'{"answers": ' + body + b"}")

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert response.json()["message"] == "The JSON body nests deeper than 32 levels."
