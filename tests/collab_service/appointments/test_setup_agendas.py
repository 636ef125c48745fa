"""Set-up pages: who receives citizens, weekly hours, leave, extra hours, closures; and who may."""

from datetime import UTC, date, datetime, time

import pytest

from collab_service.appointments.models import Agenda, AvailabilityException, WorkingHours
from tests.collab_service.appointments.conftest import make_office
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def _url(office, rest: str = "") -> str:
    return f"/desk/setup/{office.tenant.institution.slug}/{rest}"


def _hours(office, agenda=None) -> str:
    return _url(office, f"agendas/{(agenda or office.agendas[0]).pk}/hours/")


def hours_data(**changes) -> dict:
    data = {"weekday": "5", "start_time": "09:00", "end_time": "12:00", "location": ""}
    data.update(changes)
    return data


def test_admin_lets_a_person_receive_citizens(client, office):
    newcomer = MembershipFactory(unit=office.tenant.other_unit).user
    client.force_login(office.tenant.admin)

    page = client.get(_url(office, "officials/")).content.decode()
    response = client.post(_url(office, f"officials/{newcomer.pk}/receive/"))

    agenda = Agenda.objects.get(official=newcomer)
    assert newcomer.display_name in page
    assert agenda.institution == office.tenant.institution
    assert response.url == _url(office, f"agendas/{agenda.pk}/")
    assert client.get(response.url).status_code == 200
    client.post(_url(office, f"officials/{newcomer.pk}/receive/"))  # again: nothing new
    assert Agenda.objects.filter(official=newcomer).count() == 1


def test_a_person_receiving_citizens_elsewhere_gets_no_second_agenda(client, office):
    other = make_office("B", officials=1)
    both = other.tenant.official
    MembershipFactory(user=both, unit=office.tenant.unit)
    client.force_login(office.tenant.admin)

    response = client.post(_url(office, f"officials/{both.pk}/receive/"), follow=True)

    assert response.status_code == 200
    assert Agenda.objects.get(official=both).institution == other.tenant.institution


def test_admin_adds_edits_and_removes_working_hours(client, office):
    client.force_login(office.tenant.admin)

    client.post(_hours(office) + "add/", hours_data(location=office.location.pk))
    row = WorkingHours.objects.get(agenda=office.agendas[0], weekday=5)
    assert (row.start_time, row.end_time, row.location) == (time(9), time(12), office.location)
    assert client.get(_hours(office) + f"{row.pk}/").status_code == 200
    client.post(
        _hours(office) + f"{row.pk}/", hours_data(end_time="13:30", valid_from="2026-07-01")
    )
    row.refresh_from_db()
    assert (row.end_time, row.valid_from, row.location) == (time(13, 30), date(2026, 7, 1), None)
    client.post(_hours(office) + f"{row.pk}/delete/")
    assert not WorkingHours.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_time": "08:00"}, "end_time"),
        ({"end_time": "09:00"}, "end_time"),
        ({"start_time": "25:00"}, "start_time"),
        ({"weekday": "7"}, "weekday"),
        ({"valid_from": "2026-08-01", "valid_until": "2026-07-01"}, "valid_until"),
        ({"valid_from": "9999-12-31"}, "valid_from"),
        ({"weekday": "0", "start_time": "15:00", "end_time": "17:00"}, "start_time"),
        ({"weekday": "0", "start_time": "07:00", "end_time": "20:00"}, "start_time"),
    ],
)
def test_bad_or_overlapping_hours_are_form_errors(client, office, changes, field):
    client.force_login(office.tenant.admin)
    before = WorkingHours.objects.count()

    response = client.post(_hours(office) + "add/", hours_data(**changes))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert 'role="alert"' in response.content.decode()
    assert WorkingHours.objects.count() == before


def test_hours_of_one_weekday_may_meet_or_differ_in_validity(client, office):
    client.force_login(office.tenant.admin)
    monday = WorkingHours.objects.get(agenda=office.agendas[0], weekday=0)
    monday.valid_until = date(2026, 6, 30)
    monday.save()

    meets = client.post(
        _hours(office) + "add/", hours_data(weekday="0", start_time="16:00", end_time="18:00")
    )
    later = client.post(
        _hours(office) + "add/",
        hours_data(weekday="0", start_time="07:00", end_time="15:00", valid_from="2026-07-01"),
    )
    overlaps = client.post(
        _hours(office) + "add/",
        hours_data(weekday="0", start_time="14:00", end_time="15:00", valid_from="2026-06-30"),
    )

    assert meets.status_code == later.status_code == 302
    assert overlaps.status_code == 200
    assert WorkingHours.objects.filter(agenda=office.agendas[0], weekday=0).count() == 3


def test_editing_a_row_does_not_clash_with_itself(client, office):
    client.force_login(office.tenant.admin)
    monday = WorkingHours.objects.get(agenda=office.agendas[0], weekday=0)

    response = client.post(
        _hours(office) + f"{monday.pk}/", hours_data(weekday="0", start_time="09:00")
    )

    assert response.status_code == 302
    monday.refresh_from_db()
    assert (monday.start_time, monday.end_time) == (time(9), time(12))


def test_leave_of_whole_days_is_stored_in_the_institutions_time(client, office):
    client.force_login(office.tenant.admin)

    client.post(
        _url(office, f"agendas/{office.agendas[0].pk}/exceptions/add/"),
        {"kind": "leave", "first_day": "2026-06-08", "last_day": "2026-06-09", "note": "Urlop"},
    )

    leave = AvailabilityException.objects.get()
    assert (leave.kind, leave.agenda, leave.note) == ("leave", office.agendas[0], "Urlop")
    assert leave.start == datetime(2026, 6, 7, 22, 0, tzinfo=UTC)  # midnight in Warsaw
    assert leave.end == datetime(2026, 6, 9, 22, 0, tzinfo=UTC)
    page = client.get(_url(office, f"agendas/{office.agendas[0].pk}/")).content.decode()
    assert "Urlop" in page
    client.post(_url(office, f"agendas/{office.agendas[0].pk}/exceptions/{leave.pk}/delete/"))
    assert not AvailabilityException.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "leave", "first_day": "2026-06-09", "last_day": "2026-06-08"}, "last_day"),
        ({"kind": "leave", "first_day": "2026-06-08", "start_time": "10:00"}, "end_time"),
        ({"kind": "extra", "first_day": "2026-06-06"}, "start_time"),
        (
            {"kind": "extra", "first_day": "2026-06-06", "start_time": "12:00", "end_time": "9:00"},
            "end_time",
        ),
        ({"kind": "closure", "first_day": "2026-06-06"}, "kind"),
        ({"kind": "leave", "first_day": "2026-06-01", "last_day": "2027-06-02"}, "last_day"),
        ({"kind": "leave", "first_day": "0001-01-01"}, "first_day"),
        ({"kind": "leave", "first_day": "2026-06-08", "note": "n" * 201}, "note"),
    ],
)
def test_bad_exceptions_are_form_errors(client, office, data, field):
    client.force_login(office.tenant.admin)

    response = client.post(_url(office, f"agendas/{office.agendas[0].pk}/exceptions/add/"), data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not AvailabilityException.objects.exists()


def test_admin_adds_and_removes_a_closure(client, office):
    client.force_login(office.tenant.admin)

    client.post(
        _url(office, "closures/add/"),
        {"kind": "closure", "first_day": "2026-06-05", "start_time": "12:00", "end_time": "16:00"},
    )

    closure = AvailabilityException.objects.get()
    assert (closure.kind, closure.agenda, closure.institution) == (
        "closure",
        None,
        office.tenant.institution,
    )
    assert closure.start == datetime(2026, 6, 5, 10, 0, tzinfo=UTC)
    assert client.get(_url(office, "closures/")).status_code == 200
    client.post(_url(office, f"closures/{closure.pk}/delete/"))
    assert not AvailabilityException.objects.exists()


def test_unit_manager_sets_up_their_units_officials_but_nothing_else(client, office):
    outsider = MembershipFactory(unit=office.tenant.other_unit).user
    outsider_agenda = Agenda.objects.create(
        official=outsider, institution=office.tenant.institution
    )
    client.force_login(office.tenant.manager)

    assert client.get(_url(office)).status_code == 200
    assert client.get(_url(office, "officials/")).status_code == 200
    assert client.get(_url(office, f"agendas/{office.agendas[1].pk}/")).status_code == 200
    added = client.post(_hours(office, office.agendas[1]) + "add/", hours_data())
    assert added.status_code == 302
    assert client.get(_url(office, f"agendas/{outsider_agenda.pk}/")).status_code == 404
    assert client.post(_url(office, f"officials/{outsider.pk}/receive/")).status_code == 404
    for path in [
        "locations/",
        "locations/add/",
        "case-types/",
        "case-types/add/",
        f"case-types/{office.case_type.pk}/",
        f"case-types/{office.case_type.pk}/questions/",
        "closures/",
        "closures/add/",
    ]:
        assert client.get(_url(office, path)).status_code == 403, path


def test_officials_may_not_set_up(client, office):
    client.force_login(office.tenant.official)

    assert client.get("/desk/setup/").status_code == 403
    for path in ["", "officials/", f"agendas/{office.agendas[0].pk}/", "locations/"]:
        assert client.get(_url(office, path)).status_code == 403, path
    response = client.post(_hours(office) + "add/", hours_data())
    assert response.status_code == 403
    assert not WorkingHours.objects.filter(weekday=5).exists()


def test_everything_of_another_institution_answers_404(client, office):
    other = make_office("B", officials=1)
    leave = AvailabilityException.objects.create(
        institution=other.tenant.institution,
        agenda=other.agendas[0],
        kind="leave",
        start=datetime(2026, 6, 8, tzinfo=UTC),
        end=datetime(2026, 6, 9, tzinfo=UTC),
    )
    closure = AvailabilityException.objects.create(
        institution=other.tenant.institution,
        kind="closure",
        start=datetime(2026, 6, 8, tzinfo=UTC),
        end=datetime(2026, 6, 9, tzinfo=UTC),
    )
    row = other.agendas[0].working_hours.first()
    agenda = other.agendas[0].pk
    client.force_login(office.tenant.admin)

    assert client.get(f"/desk/setup/{other.tenant.institution.slug}/").status_code == 404
    gets = [
        f"locations/{other.location.pk}/",
        f"case-types/{other.case_type.pk}/",
        f"case-types/{other.case_type.pk}/questions/",
        f"agendas/{agenda}/",
        f"agendas/{agenda}/hours/add/",
        f"agendas/{agenda}/hours/{row.pk}/",
        f"agendas/{office.agendas[0].pk}/hours/{row.pk}/",
        f"agendas/{agenda}/exceptions/add/",
        "locations/123456789012345678/",
        "agendas/99999999999999999999999/",
    ]
    for path in gets:
        assert client.get(_url(office, path)).status_code == 404, path
    posts = [
        f"locations/{other.location.pk}/delete/",
        f"case-types/{other.case_type.pk}/active/",
        f"case-types/{other.case_type.pk}/delete/",
        f"officials/{other.tenant.official.pk}/receive/",
        f"agendas/{agenda}/hours/{row.pk}/delete/",
        f"agendas/{office.agendas[0].pk}/hours/{row.pk}/delete/",
        f"agendas/{agenda}/exceptions/{leave.pk}/delete/",
        f"agendas/{office.agendas[0].pk}/exceptions/{leave.pk}/delete/",
        f"closures/{closure.pk}/delete/",
    ]
    for path in posts:
        assert client.post(_url(office, path), {"active": "0"}).status_code == 404, path
    other.case_type.refresh_from_db()
    assert other.case_type.is_active
    assert AvailabilityException.objects.count() == 2
    assert WorkingHours.objects.filter(pk=row.pk).exists()


def test_setup_is_linked_from_the_desk_and_the_workspace(client, office):
    client.force_login(office.tenant.admin)

    desk = client.get("/desk/").content.decode()
    workspace = client.get(f"/app/{office.tenant.institution.slug}/").content.decode()

    assert 'href="/desk/setup/"' in desk
    assert f'href="{_url(office)}"' in workspace
    client.force_login(office.tenant.official)
    assert "/desk/setup/" not in client.get("/desk/").content.decode()
