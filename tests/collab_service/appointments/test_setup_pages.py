"""Set-up pages: locations and matters (case types) by institution admins, with their errors."""

import pytest

from collab_service.appointments.models import CaseType, Location
from collab_service.appointments.services.bookings import booking_hold
from tests.collab_service.appointments.conftest import MONDAY_MORNING

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def _url(office, rest: str = "") -> str:
    return f"/desk/setup/{office.tenant.institution.slug}/{rest}"


def case_type_data(office, **changes) -> dict:
    data = {
        "name_pl": "Zażalenie na łąkę",
        "name_en": "Meadow complaint",
        "slug": "",
        "description_pl": "Opis",
        "description_en": "",
        "what_to_bring_pl": "",
        "what_to_bring_en": "",
        "duration_minutes": "20",
        "buffer_before_minutes": "0",
        "buffer_after_minutes": "5",
        "min_notice_minutes": "60",
        "horizon_days": "30",
        "capacity": "1",
        "mode": "in_person",
        "locations": [office.location.pk],
        "units": [office.tenant.unit.pk],
        "officials": [],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_index_takes_an_admin_to_their_institution(client, office):
    client.force_login(office.tenant.admin)

    response = client.get("/desk/setup/")

    assert response.status_code == 302
    assert response.url == _url(office)
    page = client.get(_url(office))
    assert page.status_code == 200
    assert _url(office, "case-types/") in page.content.decode()


def test_admin_adds_and_edits_a_location(client, office):
    client.force_login(office.tenant.admin)

    response = client.post(
        _url(office, "locations/add/"),
        {"name": "Filia", "city": "Przykładowo", "accessibility_notes": "Winda"},
    )

    assert response.status_code == 302
    location = Location.objects.get(name="Filia")
    assert location.institution == office.tenant.institution
    client.post(_url(office, f"locations/{location.pk}/"), {"name": "Filia nr 2", "room": "12"})
    location.refresh_from_db()
    assert (location.name, location.room) == ("Filia nr 2", "12")
    assert "Filia nr 2" in client.get(_url(office, "locations/")).content.decode()


def test_a_location_in_use_is_not_deleted_an_unused_one_is(client, office):
    client.force_login(office.tenant.admin)
    unused = Location.objects.create(institution=office.tenant.institution, name="Stara")

    client.post(_url(office, f"locations/{office.location.pk}/delete/"))
    client.post(_url(office, f"locations/{unused.pk}/delete/"))

    assert list(Location.objects.filter(institution=office.tenant.institution)) == [office.location]


def test_oversized_location_text_is_a_form_error(client, office):
    client.force_login(office.tenant.admin)

    response = client.post(
        _url(office, "locations/add/"), {"name": "x" * 201, "accessibility_notes": "y" * 2001}
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "accessibility_notes"}
    assert 'role="alert"' in response.content.decode()
    assert not Location.objects.filter(name__startswith="xxx").exists()


def test_admin_adds_a_case_type_with_a_slug_from_the_polish_name(client, office):
    client.force_login(office.tenant.admin)

    response = client.post(
        _url(office, "case-types/add/"),
        case_type_data(office, officials=[office.tenant.manager.pk]),
    )

    assert response.status_code == 302
    case_type = CaseType.objects.get(slug="zazalenie-na-lake")
    assert case_type.institution == office.tenant.institution
    assert (case_type.duration_minutes, case_type.buffer_after_minutes) == (20, 5)
    assert list(case_type.locations.all()) == [office.location]
    assert list(case_type.units.all()) == [office.tenant.unit]
    assert list(case_type.officials.all()) == [office.tenant.manager]
    assert case_type.is_active


def test_a_duplicate_slug_is_a_clear_form_error(client, office):
    client.force_login(office.tenant.admin)

    explicit = client.post(_url(office, "case-types/add/"), case_type_data(office, slug="dowod"))
    from_name = client.post(
        _url(office, "case-types/add/"), case_type_data(office, name_pl="Dowód")
    )

    assert explicit.status_code == from_name.status_code == 200
    assert "dowod" in explicit.context["form"].errors["slug"][0]
    assert "dowod" in from_name.context["form"].errors["name_pl"][0]
    assert CaseType.objects.count() == 1


def test_the_same_slug_in_another_institution_is_fine(client, office):
    from tests.collab_service.appointments.conftest import make_office

    other = make_office("B")
    client.force_login(other.tenant.admin)

    response = client.post(_url(other, "case-types/add/"), case_type_data(other, slug="dowod-2"))
    client.post(_url(other, f"case-types/{other.case_type.pk}/"), case_type_data(other, slug=""))

    assert response.status_code == 302
    other.case_type.refresh_from_db()
    assert other.case_type.slug == "zazalenie-na-lake"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("duration_minutes", "1"),
        ("duration_minutes", "100000"),
        ("capacity", "0"),
        ("capacity", "201"),
        ("buffer_before_minutes", "241"),
        ("buffer_after_minutes", "-5"),
        ("min_notice_minutes", "43201"),
        ("horizon_days", "0"),
        ("horizon_days", "367"),
        ("duration_minutes", "ten"),
        ("mode", "teleport"),
        ("name_pl", "x" * 201),
        ("description_en", "y" * 5001),
        ("units", ["999999999999"]),
    ],
)
def test_bad_case_type_input_is_a_form_error(client, office, field, value):
    client.force_login(office.tenant.admin)

    response = client.post(
        _url(office, f"case-types/{office.case_type.pk}/"), case_type_data(office, **{field: value})
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    office.case_type.refresh_from_db()
    assert office.case_type.name_pl == "Dowód osobisty"


def test_units_and_officials_of_another_institution_cannot_be_chosen(client, office, tenant_b):
    client.force_login(office.tenant.admin)

    response = client.post(
        _url(office, f"case-types/{office.case_type.pk}/"),
        case_type_data(office, units=[tenant_b.unit.pk], officials=[tenant_b.official.pk]),
    )

    assert set(response.context["form"].errors) == {"units", "officials"}


def test_a_case_type_with_visits_is_deactivated_not_deleted(client, office):
    client.force_login(office.tenant.admin)
    booking_hold(
        case_type=office.case_type,
        start=MONDAY_MORNING.replace(hour=8),
        citizen_name="Ola",
        citizen_email="ola@example.org",
    )
    pk = office.case_type.pk

    client.post(_url(office, f"case-types/{pk}/delete/"))
    assert CaseType.objects.filter(pk=pk).exists()
    client.post(_url(office, f"case-types/{pk}/active/"), {"active": "0"})
    assert not CaseType.objects.get(pk=pk).is_active
    client.post(_url(office, f"case-types/{pk}/active/"), {"active": "1"})
    assert CaseType.objects.get(pk=pk).is_active


def test_a_case_type_without_visits_can_be_deleted(client, office):
    client.force_login(office.tenant.admin)

    page = client.get(_url(office, "case-types/")).content.decode()
    client.post(_url(office, f"case-types/{office.case_type.pk}/delete/"))

    assert f"case-types/{office.case_type.pk}/delete/" in page
    assert not CaseType.objects.exists()


def _questions(*rows: dict, initial: int = 0) -> dict:
    data = {
        "q-TOTAL_FORMS": str(len(rows)),
        "q-INITIAL_FORMS": str(initial),
        "q-MIN_NUM_FORMS": "0",
        "q-MAX_NUM_FORMS": "20",
    }
    for number, row in enumerate(rows):
        data.update({f"q-{number}-{key}": value for key, value in row.items()})
    return data


QUESTION = {"label_pl": "Numer VIN", "label_en": "VIN", "type": "text", "max_length": "17"}


def test_admin_sets_questions_and_their_keys_stay(client, office):
    client.force_login(office.tenant.admin)
    url = _url(office, f"case-types/{office.case_type.pk}/questions/")

    client.post(
        url,
        _questions(
            QUESTION | {"required": "on"},
            {"label_pl": "Data urodzenia", "type": "date", "max_length": "10"},
            {"label_pl": "", "type": "text", "max_length": "200"},  # the empty extra row
        ),
    )
    office.case_type.refresh_from_db()
    assert office.case_type.form_fields == [
        {
            "key": "numer_vin",
            "label_pl": "Numer VIN",
            "label_en": "VIN",
            "type": "text",
            "required": True,
            "max_length": 17,
        },
        {
            "key": "data_urodzenia",
            "label_pl": "Data urodzenia",
            "label_en": "",
            "type": "date",
            "required": False,
            "max_length": 10,
        },
    ]
    page = client.get(url)
    assert page.status_code == 200
    client.post(
        url,
        _questions(
            QUESTION | {"key": "numer_vin", "label_pl": "VIN pojazdu", "DELETE": ""},
            {"key": "data_urodzenia", "label_pl": "x", "DELETE": "on", "max_length": "10"},
            initial=2,
        ),
    )
    office.case_type.refresh_from_db()
    assert [(q["key"], q["label_pl"]) for q in office.case_type.form_fields] == [
        ("numer_vin", "VIN pojazdu")
    ]


@pytest.mark.parametrize(
    "row",
    [
        {"label_pl": "", "label_en": "Only English", "type": "text", "max_length": "20"},
        QUESTION | {"max_length": "0"},
        QUESTION | {"max_length": "5000"},
        QUESTION | {"type": "file"},
        QUESTION | {"label_pl": "x" * 201},
        QUESTION | {"key": "Bad key!"},
    ],
)
def test_invalid_questions_are_form_errors(client, office, row):
    client.force_login(office.tenant.admin)

    response = client.post(
        _url(office, f"case-types/{office.case_type.pk}/questions/"), _questions(row)
    )

    assert response.status_code == 200
    assert not response.context["formset"].is_valid()
    assert 'role="alert"' in response.content.decode()
    office.case_type.refresh_from_db()
    assert office.case_type.form_fields == []


def test_too_many_questions_is_a_form_error(client, office):
    client.force_login(office.tenant.admin)
    rows = [QUESTION | {"label_pl": f"Pytanie {n}"} for n in range(21)]

    response = client.post(
        _url(office, f"case-types/{office.case_type.pk}/questions/"), _questions(*rows)
    )

    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()


def test_someone_setting_up_two_institutions_chooses_one(client, office, tenant_b):
    from tests.factories import MembershipFactory

    MembershipFactory(
        user=office.tenant.admin,
        unit=None,
        institution=tenant_b.institution,
        role="institution_admin",
    )
    client.force_login(office.tenant.admin)

    response = client.get("/desk/setup/")

    assert response.status_code == 200
    assert [i.pk for i in response.context["institutions"]] == [
        office.tenant.institution.pk,
        tenant_b.institution.pk,
    ]
