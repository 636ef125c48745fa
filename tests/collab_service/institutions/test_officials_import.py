"""CSV import of officials: per-row report, idempotent re-upload, and the page around it."""

import pytest

from collab_service.institutions.models import Invitation, Membership
from collab_service.institutions.services.officials_import import (
    CsvFileError,
    officials_file_check,
)
from collab_service.institutions.services.people_imports import (
    people_import_run,
    people_import_start,
)
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def officials_import_csv(*, institution, data: bytes):
    """Upload and run the import to its end, as the worker does."""
    started = people_import_start(
        institution=institution, data=data, uploaded_by=None, language="en"
    )
    return people_import_run(import_id=started.pk)


def _csv(tenant, *rows: str, header: str = "email;full_name;unit;role;job_title") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def test_import_reports_each_bad_row_and_imports_the_good_ones(tenant_a):
    data = _csv(
        tenant_a,
        f"anna@example.gov.pl;Anna Nowak;{tenant_a.unit.slug};official;Inspektor",
        f"not-an-email;Jan;{tenant_a.unit.slug};;",
        "ewa@example.gov.pl;Ewa;no-such-unit;official;",
        f"piotr@example.gov.pl;;{tenant_a.unit.slug};wizard;",
        f"Anna@example.gov.pl;Anna again;{tenant_a.unit.slug};official;",
        f"marek@example.gov.pl;Marek;{tenant_a.other_unit.name.upper()};kierownik;Kierownik",
    )

    report = officials_import_csv(institution=tenant_a.institution, data=data)

    assert (report.invited, report.created, report.updated) == (2, 0, 0)
    assert [(line, column) for line, column, _message in report.errors] == [
        (3, "email"),
        (4, "unit"),
        (5, "full_name"),
        (5, "role"),
        (6, "email"),
    ]
    assert report.errors[-1][2] == "Repeats line 2."
    assert report.rows_with_errors == 4
    marek = Invitation.objects.get(email="marek@example.gov.pl")
    assert (marek.unit, marek.role, marek.status) == (
        tenant_a.other_unit,
        Membership.Role.UNIT_MANAGER,
        "pending",
    )
    assert not Membership.objects.filter(user__email="marek@example.gov.pl").exists()


def test_reimport_of_a_corrected_file_updates_without_duplicates(tenant_a):
    MembershipFactory(unit=tenant_a.unit, user__email="anna@example.gov.pl")
    rows = [
        f"anna@example.gov.pl;Anna Nowak;{tenant_a.unit.slug};official;Inspektor",
        f"jan@example.gov.pl;Jan Nowak;{tenant_a.unit.slug};official;Inspektor",
    ]
    officials_import_csv(institution=tenant_a.institution, data=_csv(tenant_a, *rows))

    report = officials_import_csv(
        institution=tenant_a.institution,
        data=_csv(tenant_a, *(row.replace("Inspektor", "Starszy") for row in rows)),
    )

    assert (report.created, report.updated, report.invited, report.errors) == (0, 1, 1, [])
    membership = Membership.objects.get(user__email="anna@example.gov.pl")
    assert membership.job_title == "Starszy"
    (invitation,) = Invitation.objects.filter(email="jan@example.gov.pl")
    assert (invitation.job_title, invitation.status) == ("Starszy", "pending")


def test_dry_run_checks_without_importing(tenant_a):
    data = _csv(tenant_a, f"anna@example.gov.pl;Anna;{tenant_a.unit.slug};;")

    checked = officials_file_check(institution=tenant_a.institution, data=data)

    assert (len(checked.rows), checked.errors) == (1, [])
    assert not Membership.objects.filter(user__email="anna@example.gov.pl").exists()


def test_windows_1250_comma_separated_file_from_excel_is_read(tenant_a):
    data = (
        f"email,full_name,unit\r\nzofia@example.gov.pl,Zofia Łęcka-Źrebię,{tenant_a.unit.slug}\r\n"
    ).encode("cp1250")

    report = officials_import_csv(institution=tenant_a.institution, data=data)

    assert report.invited == 1
    assert Invitation.objects.get(email="zofia@example.gov.pl").full_name == "Zofia Łęcka-Źrebię"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"name;surname\nx;y\n", "missing: email, full_name, unit"),
        (b"", "missing: email, full_name, unit"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x81\x98", "not text"),
    ],
    ids=["wrong-header", "empty", "binary"],
)
def test_unreadable_files_are_refused_whole(tenant_a, data, message):
    with pytest.raises(CsvFileError, match=message):
        officials_import_csv(institution=tenant_a.institution, data=data)


def test_row_with_too_many_values_is_reported(tenant_a):
    data = _csv(tenant_a, f"a@example.gov.pl;A;{tenant_a.unit.slug};official;t;extra")

    report = officials_import_csv(institution=tenant_a.institution, data=data)

    assert [(line, message) for line, _column, message in report.errors] == [
        (2, "This row has more values than columns.")
    ]


def test_import_page_shows_report_table(client, tenant_a, settings):
    client.force_login(tenant_a.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    upload = _csv(tenant_a, f"bad;Jan;{tenant_a.unit.slug};;")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        f"/app/{tenant_a.institution.slug}/people/import/",
        {"file": SimpleUploadedFile("people.csv", upload, "text/csv")},
        follow=True,
    )

    ((progress_url, redirect),) = response.redirect_chain
    assert redirect == 302
    assert progress_url.startswith(f"/app/{tenant_a.institution.slug}/people/import/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Rows with errors" in content
    assert "Not a valid e-mail address." in content


def test_import_page_shows_form_error_for_unreadable_file(client, tenant_a, settings):
    client.force_login(tenant_a.admin)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        f"/app/{tenant_a.institution.slug}/people/import/",
        {"file": SimpleUploadedFile("people.csv", b"\xff\xfe\x00garbage\x81", "text/csv")},
    )

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert response.context["form"].errors["file"] == [
        "Plik nie jest tekstem w kodowaniu UTF-8 ani Windows-1250."
    ]


def test_official_may_not_open_import_page(client, tenant_a):
    client.force_login(tenant_a.official)

    response = client.get(f"/app/{tenant_a.institution.slug}/people/import/")

    assert response.status_code == 403


def test_reimport_with_empty_role_and_title_keeps_them(tenant_a):
    membership = Membership.objects.get(user=tenant_a.manager, unit=tenant_a.unit)
    membership.job_title = "Kierownik"
    membership.save()
    data = _csv(tenant_a, f"{tenant_a.manager.email};Ktoś;{tenant_a.unit.slug};;")

    report = officials_import_csv(institution=tenant_a.institution, data=data)

    assert (report.updated, report.errors) == (1, [])
    membership.refresh_from_db()
    assert (membership.role, membership.job_title) == ("unit_manager", "Kierownik")


def test_import_cannot_demote_the_last_admin(tenant_a):
    data = _csv(tenant_a, f"{tenant_a.admin.email};Admin;{tenant_a.unit.slug};official;")
    officials_import_csv(institution=tenant_a.institution, data=data)

    assert Membership.objects.filter(
        institution=tenant_a.institution, role="institution_admin"
    ).exists()


def test_overlong_email_and_huge_field_are_reported_not_crashing(tenant_a):
    long_email = "a" * 60 + "@" + ("b" * 60 + ".") * 4 + "pl"
    report = officials_import_csv(
        institution=tenant_a.institution,
        data=_csv(tenant_a, f"{long_email};A;{tenant_a.unit.slug};;"),
    )
    assert [(column, message) for _line, column, message in report.errors] == [
        ("email", "At most 254 characters.")
    ]

    with pytest.raises(CsvFileError, match="not a readable CSV"):
        officials_import_csv(
            institution=tenant_a.institution,
            data=_csv(tenant_a, f'a@example.gov.pl;"{"x" * 200_000}";{tenant_a.unit.slug};;'),
        )
