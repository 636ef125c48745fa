"""The training pages: an official's own training, the institution's overview, a person's
detail and the CSV for admins only and only of their institution, and the validity rules."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from collab_service.training.models import CertificatePolicy, TrainingRecord
from tests.collab_service.tasks.conftest import english
from tests.collab_service.training.conftest import COURSE, COURSE_NAME, T0, record_event
from tests.factories import CertificatePolicyFactory, MembershipFactory

pytestmark = pytest.mark.django_db
BHP = "course-v1:UM+BHP+2026"


@pytest.fixture
def trained(tenant_a, tenant_b, settings):
    settings.LMS_URL = "https://lms.szpon.example"
    CertificatePolicyFactory(course_id=COURSE, course_name=COURSE_NAME, validity_months=12)
    now = timezone.now()
    record_event(tenant_a.official, "certificate_created", now - timedelta(days=400))
    record_event(tenant_a.official, "enrollment_created", T0, course_id=BHP, course_name="BHP")
    record_event(tenant_a.manager, "certificate_created", now - timedelta(days=350))
    record_event(tenant_b.official, "certificate_created", now - timedelta(days=5))
    return tenant_a


def _signed_in(client, user):
    client.force_login(user)
    return english(client)


def test_my_training_lists_own_records_and_flags_the_expired(client, trained, tenant_b):
    response = _signed_in(client, trained.official).get("/training/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>My training</h1>" in page
    assert "<strong>Certificate expired</strong>" in page
    assert "One of your certificates has expired." in page
    assert "<td>Enrolled</td>" in page
    assert ">BHP<" in page
    assert f'href="https://lms.szpon.example/courses/{COURSE}/about"' in page
    assert tenant_b.official.display_name not in page
    assert page.count("<tr>") == 3  # the header and two courses


def test_my_training_shows_when_a_certificate_expires_soon(client, trained):
    page = _signed_in(client, trained.manager).get("/training/").content.decode()

    assert "<strong>Certificate expires soon</strong> (in 1" in page
    assert "One of your certificates expires soon." in page


def test_my_training_links_the_certificate(client, tenant_a, settings):
    settings.LMS_URL = "https://lms.szpon.example"
    record_event(
        tenant_a.official,
        "certificate_created",
        T0,
        certificate={"mode": "verified", "download_url": "/certificates/abc"},
    )

    page = _signed_in(client, tenant_a.official).get("/training/").content.decode()

    assert 'href="https://lms.szpon.example/certificates/abc"' in page


def test_my_training_without_records(client, tenant_a):
    page = _signed_in(client, tenant_a.official).get("/training/").content.decode()

    assert "You have no training records yet." in page
    assert "For administrators" not in page


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/training/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_navigation_and_workspace_link_to_training(client, tenant_a):
    admin_page = _signed_in(client, tenant_a.admin).get(f"/app/{tenant_a.institution.slug}/")

    assert 'href="/training/"' in admin_page.content.decode()
    assert f'href="/training/institutions/{tenant_a.institution.slug}/"' in (
        admin_page.content.decode()
    )
    official_page = _signed_in(client, tenant_a.official).get(f"/app/{tenant_a.institution.slug}/")
    assert "/training/institutions/" not in official_page.content.decode()


def test_overview_counts_trained_people_per_course_and_lists_members_only(
    client, trained, tenant_b
):
    response = _signed_in(client, trained.admin).get(
        f"/training/institutions/{trained.institution.slug}/"
    )

    page = response.content.decode()
    assert response.status_code == 200
    summaries = {row.course_name: row for row in response.context["summaries"]}
    assert (summaries[COURSE_NAME].trained, summaries[COURSE_NAME].expiring_soon) == (1, 1)
    assert summaries[COURSE_NAME].expired == 1
    assert summaries["BHP"].in_progress == 1
    assert response.context["people"] == 3
    assert trained.official.display_name in page
    assert tenant_b.official.display_name not in page
    assert (
        f"/training/institutions/{trained.institution.slug}/people/{trained.official.pk}/" in page
    )


@pytest.mark.parametrize(
    ("query", "people"),
    [
        ({"state": "expired"}, ["official-a"]),
        ({"state": "expiring_soon"}, ["manager-a"]),
        ({"state": "trained"}, ["manager-a"]),
        ({"course": BHP}, ["official-a"]),
        ({"state": "nonsense", "course": "nonsense"}, ["manager-a", "official-a", "official-a"]),
    ],
)
def test_overview_filters(client, trained, query, people):
    response = _signed_in(client, trained.admin).get(
        f"/training/institutions/{trained.institution.slug}/", query
    )

    assert response.status_code == 200
    assert sorted(row.record.user.username for row, _units in response.context["rows"]) == people


def test_overview_filters_by_unit(client, trained):
    MembershipFactory(user=trained.manager, unit=trained.other_unit)
    response = _signed_in(client, trained.admin).get(
        f"/training/institutions/{trained.institution.slug}/", {"unit": trained.other_unit.pk}
    )

    assert [row.record.user for row, _units in response.context["rows"]] == [trained.manager]
    assert response.context["rows"][0][1] == sorted([trained.unit.name, trained.other_unit.name])


def test_another_institutions_training_is_404(client, trained, tenant_b):
    client = _signed_in(client, trained.admin)
    slug = tenant_b.institution.slug

    assert client.get(f"/training/institutions/{slug}/").status_code == 404
    assert client.get(f"/training/institutions/{slug}/training.csv").status_code == 404
    assert (
        client.get(f"/training/institutions/{slug}/people/{tenant_b.official.pk}/").status_code
        == 404
    )


def test_a_person_of_another_institution_is_404_under_the_own_one(client, trained, tenant_b):
    response = _signed_in(client, trained.admin).get(
        f"/training/institutions/{trained.institution.slug}/people/{tenant_b.official.pk}/"
    )

    assert response.status_code == 404


def test_members_who_are_not_admins_are_refused(client, trained):
    client = _signed_in(client, trained.manager)
    slug = trained.institution.slug

    assert client.get(f"/training/institutions/{slug}/").status_code == 403
    assert client.get(f"/training/institutions/{slug}/training.csv").status_code == 403


def test_platform_admin_sees_any_institution(client, trained, platform_admin):
    response = _signed_in(client, platform_admin).get(
        f"/training/institutions/{trained.institution.slug}/"
    )

    assert response.status_code == 200


def test_person_detail(client, trained):
    response = _signed_in(client, trained.admin).get(
        f"/training/institutions/{trained.institution.slug}/people/{trained.official.pk}/"
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert f"Training of {trained.official.display_name}" in page
    assert "<strong>Certificate expired</strong>" in page
    assert trained.unit.name in page


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_csv_export(client, trained):
    response = _signed_in(client, trained.admin).get(
        f"/training/institutions/{trained.institution.slug}/training.csv", {"state": "expired"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="training-{trained.institution.slug}-'
    )
    rows = _csv(response)
    assert rows[0] == [
        "Name",
        "E-mail",
        "Units",
        "Course id",
        "Course",
        "State",
        "Enrolled",
        "Passed",
        "Certificate issued",
        "Certificate revoked",
        "Valid until",
    ]
    record = TrainingRecord.objects.get(user=trained.official, course_id=COURSE)
    tz_day = timezone.localtime(record.expires_at).date().isoformat()
    assert rows[1:] == [
        [
            trained.official.display_name,
            trained.official.email,
            trained.unit.name,
            COURSE,
            COURSE_NAME,
            "Certificate expired",
            "",
            "",
            timezone.localtime(record.certificate_issued_at).date().isoformat(),
            "",
            tz_day,
        ]
    ]


def test_csv_cells_cannot_become_formulas(client, tenant_a):
    tenant_a.official.full_name = '=HYPERLINK("http://evil.example","x")'
    tenant_a.official.save()
    record_event(tenant_a.official, "enrollment_created", T0, course_name="+SUM(1,2)")
    record_event(tenant_a.official, "enrollment_created", T0, course_id="@cmd", course_name="")
    record_event(tenant_a.official, "enrollment_created", T0, course_id="x", course_name="-2+3")

    response = _signed_in(client, tenant_a.admin).get(
        f"/training/institutions/{tenant_a.institution.slug}/training.csv"
    )

    rows = _csv(response)[1:]
    assert {row[0] for row in rows} == {'\'=HYPERLINK("http://evil.example","x")'}
    assert sorted((row[3], row[4]) for row in rows) == [
        ("'@cmd", "'@cmd"),
        (COURSE, "'+SUM(1,2)"),
        ("x", "'-2+3"),
    ]


def test_institution_admin_reads_the_rules_but_cannot_change_them(client, trained):
    client = _signed_in(client, trained.admin)

    page = client.get("/training/rules/").content.decode()

    assert COURSE_NAME in page
    assert "12 months" in page
    assert "/training/rules/new/" not in page
    assert client.get("/training/rules/new/").status_code == 403
    policy = CertificatePolicy.objects.get()
    assert client.post(f"/training/rules/{policy.pk}/delete/").status_code == 403


def test_officials_do_not_see_the_rules(client, tenant_a):
    assert _signed_in(client, tenant_a.official).get("/training/rules/").status_code == 403


def _rule(**changes) -> dict:
    data = {
        "course_id": BHP,
        "course_name": "BHP w urzędzie",
        "validity_months": "24",
        "remind_days_before": "30",
        "notify_institution_admins": "on",
        "course_url": "",
    }
    data.update(changes)
    return data


def test_platform_admin_adds_a_rule_and_expiries_follow(client, tenant_a, platform_admin):
    record_event(tenant_a.official, "certificate_created", T0, course_id=BHP)

    response = _signed_in(client, platform_admin).post("/training/rules/new/", _rule())

    assert response.status_code == 302
    assert response["Location"] == "/training/rules/"
    policy = CertificatePolicy.objects.get()
    assert (policy.validity_months, policy.notify_institution_admins) == (24, True)
    record = TrainingRecord.objects.get()
    assert timezone.localtime(record.expires_at).date().isoformat() == "2027-03-10"


def test_platform_admin_changes_and_removes_a_rule(client, tenant_a, platform_admin):
    record_event(tenant_a.official, "certificate_created", T0, course_id=BHP)
    policy = CertificatePolicyFactory(course_id=BHP, validity_months=24)
    client = _signed_in(client, platform_admin)

    assert client.get(f"/training/rules/{policy.pk}/edit/").status_code == 200
    client.post(f"/training/rules/{policy.pk}/edit/", _rule(validity_months="36"))
    record = TrainingRecord.objects.get()
    assert timezone.localtime(record.expires_at).date().isoformat() == "2028-03-10"

    assert client.get(f"/training/rules/{policy.pk}/delete/").status_code == 200
    response = client.post(f"/training/rules/{policy.pk}/delete/")
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.expires_at is None
    assert not CertificatePolicy.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"validity_months": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"validity_months": ""}, "This field is required."),
        ({"remind_days_before": "400"}, "Ensure this value is less than or equal to 365."),
        ({"course_id": "course v1"}, "A course id has no spaces."),
        ({"course_url": "javascript:alert(1)"}, "Enter a valid URL."),
    ],
)
def test_rule_form_errors(client, platform_admin, changes, message):
    response = _signed_in(client, platform_admin).post("/training/rules/new/", _rule(**changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CertificatePolicy.objects.exists()


def test_a_second_rule_for_the_course_is_a_form_error(client, platform_admin):
    CertificatePolicyFactory(course_id=BHP)

    response = _signed_in(client, platform_admin).post("/training/rules/new/", _rule())

    assert response.status_code == 400
    assert "The course already has a validity rule." in response.content.decode()
