"""Which institution takes a course, how administrators say so, and the admin pages."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from collab_service.courses.errors import InstitutionUnresolved
from collab_service.courses.services.institutions import course_institution
from collab_service.institutions.course_keys import course_org
from tests.conftest import make_tenant

from .conftest import sync

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("course_id", "org"),
    [
        ("course-v1:SZPON+K101+2026", "SZPON"),
        ("ccx-v1:SZPON+K101+2026+ccx@3", "SZPON"),
        ("MC/K1/2026", "MC"),
        ("no-key-at-all", ""),
        ("", ""),
    ],
)
def test_org_of_a_course_key(course_id, org):
    assert course_org(course_id) == org


def test_org_codes_match_whole_and_without_case(academy):
    academy.institution.lms_orgs = "SZPONX, mc"
    academy.institution.save()

    assert course_institution("course-v1:MC+K1+2026") == academy.institution
    with pytest.raises(InstitutionUnresolved, match="SZPON"):
        course_institution("course-v1:SZPON+K1+2026")


def test_inactive_institution_takes_no_courses(academy):
    academy.institution.is_active = False
    academy.institution.save()

    with pytest.raises(InstitutionUnresolved):
        course_institution("course-v1:SZPON+K1+2026")


@pytest.mark.parametrize("value", ["", "SZPON", "SZPON, MC", "a.b-c_d~e"])
def test_valid_org_lists(academy, value):
    academy.institution.lms_orgs = value
    academy.institution.full_clean()


@pytest.mark.parametrize("value", ["SZPON MC", "SZPON,,MC", "SZPON;MC", "course-v1:SZPON"])
def test_invalid_org_lists_are_refused(academy, value):
    academy.institution.lms_orgs = value

    with pytest.raises(ValidationError) as error:
        academy.institution.full_clean()
    assert "lms_orgs" in error.value.message_dict


def test_admin_lists_course_models(academy, platform_admin):
    sync()
    client = Client()
    client.force_login(platform_admin)

    for model in ("coursemeeting", "courseconsultation", "learnerbooking"):
        assert client.get(f"/admin/courses/{model}/").status_code == 200
    course_meeting = client.get("/admin/courses/coursemeeting/")
    assert "SZPON+K101+2026" in course_meeting.content.decode()
    institution = client.get(f"/admin/institutions/institution/{academy.institution.pk}/change/")
    assert 'name="lms_orgs"' in institution.content.decode()


def test_org_another_active_institution_lists_is_refused(academy):
    other = make_tenant("Miasto").institution
    other.lms_orgs = "UM, szpon"

    with pytest.raises(ValidationError) as error:
        other.full_clean()

    assert [e.code for e in error.value.error_dict["lms_orgs"]] == ["lms_org_taken"]
    assert error.value.message_dict["lms_orgs"] == [
        "Another institution already lists these Open edX organisations: szpon (Urząd Akademia)."
    ]


def test_org_of_an_inactive_institution_or_of_itself_is_not_refused(academy):
    academy.institution.full_clean()
    other = make_tenant("Miasto").institution
    other.lms_orgs = "SZPON"
    other.is_active = False
    other.full_clean()

    academy.institution.is_active = False
    academy.institution.save()
    other.is_active = True
    other.full_clean()


def test_admin_refuses_an_org_another_institution_lists(academy, platform_admin):
    other = make_tenant("Miasto").institution
    client = Client()
    client.force_login(platform_admin)
    page = f"/admin/institutions/institution/{other.pk}/change/"
    form = client.get(page).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(lms_orgs="MC")

    response = client.post(page, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()
    assert [e.code for e in errors["lms_orgs"]] == ["lms_org_taken"]
    other.refresh_from_db()
    assert other.lms_orgs == ""
