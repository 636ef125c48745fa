"""Every route, every method: institution A's people asking for institution B's things get 403 or
404, and nothing of B changes.

The table is built from the URL configuration itself. A route that takes a parameter must appear
in TENANT (how to name B's object) or in NOT_TENANT (why membership does not decide), so a new
route fails ``test_every_route_is_classified`` until someone decides how it is guarded.
"""

import hashlib
import json
from collections.abc import Callable

import pytest
from django.apps import apps
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from collab_service.institutions.models import Membership
from tests.collab_service.security.world import World, make_world, share_official
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

Kwargs = Callable[[World], dict]
slug: Kwargs = lambda w: {"slug": w.institution.slug}  # noqa: E731

# Routes whose object belongs to an institution: how to name institution B's.
TENANT: dict[str, Kwargs] = {
    "institutions:workspace": slug,
    "institutions:person_add": slug,
    "institutions:people_import": slug,
    "institutions:people_import_progress": lambda w: {**slug(w), "pk": w.people_import.pk},
    "institutions:people_import_report": lambda w: {**slug(w), "pk": w.people_import.pk},
    "institutions:invitation_withdraw": lambda w: {**slug(w), "pk": w.invitation.pk},
    "setup:home": slug,
    "setup:locations": slug,
    "setup:location_add": slug,
    "setup:location_edit": lambda w: {**slug(w), "pk": w.office.location.pk},
    "setup:location_delete": lambda w: {**slug(w), "pk": w.office.location.pk},
    "setup:case_types": slug,
    "setup:case_type_add": slug,
    "setup:case_type_edit": lambda w: {**slug(w), "pk": w.office.case_type.pk},
    "setup:questions": lambda w: {**slug(w), "pk": w.office.case_type.pk},
    "setup:case_type_active": lambda w: {**slug(w), "pk": w.office.case_type.pk},
    "setup:case_type_delete": lambda w: {**slug(w), "pk": w.office.case_type.pk},
    "setup:officials": slug,
    "setup:receive": lambda w: {**slug(w), "user_pk": w.office.tenant.official.pk},
    "setup:agenda": lambda w: {**slug(w), "pk": w.agenda.pk},
    "setup:hours_add": lambda w: {**slug(w), "pk": w.agenda.pk},
    "setup:hours_edit": lambda w: {**slug(w), "pk": w.agenda.pk, "hours_pk": w.hours.pk},
    "setup:hours_delete": lambda w: {**slug(w), "pk": w.agenda.pk, "hours_pk": w.hours.pk},
    "setup:exception_add": lambda w: {**slug(w), "pk": w.agenda.pk},
    "setup:exception_delete": lambda w: {
        **slug(w),
        "pk": w.agenda.pk,
        "exception_pk": w.leave.pk,
    },
    "setup:closures": slug,
    "setup:closure_add": slug,
    "setup:closure_delete": lambda w: {**slug(w), "pk": w.closure.pk},
    "desk:booking": lambda w: {"pk": w.booking.pk},
    "meetings:detail": lambda w: {"pk": w.meeting.pk},
    "meetings:edit": lambda w: {"pk": w.meeting.pk},
    "meetings:cancel": lambda w: {"pk": w.meeting.pk},
    "meetings:invite": lambda w: {"pk": w.meeting.pk},
    "meetings:participant_withdraw": lambda w: {
        "pk": w.meeting.pk,
        "participant_id": w.guest.pk,
    },
    "meetings:attendance_csv": lambda w: {"pk": w.meeting.pk},
    "meetings:join": lambda w: {"pk": w.meeting.pk},
    "meetings:visit_join": lambda w: {"booking_id": w.video_booking.pk},
    "tasks:list": lambda w: {"pk": w.task_list.pk},
    "tasks:list_edit": lambda w: {"pk": w.task_list.pk},
    "tasks:list_archive": lambda w: {"pk": w.task_list.pk},
    "tasks:new": lambda w: {"pk": w.task_list.pk},
    "tasks:detail": lambda w: {"pk": w.task.pk},
    "tasks:edit": lambda w: {"pk": w.task.pk},
    "tasks:delete": lambda w: {"pk": w.task.pk},
    "tasks:status": lambda w: {"pk": w.task.pk},
    "tasks:item_add": lambda w: {"pk": w.task.pk},
    "tasks:item_toggle": lambda w: {"pk": w.task.pk, "item_pk": w.item.pk},
    "tasks:item_remove": lambda w: {"pk": w.task.pk, "item_pk": w.item.pk},
    "tasks:comment_add": lambda w: {"pk": w.task.pk},
    "training:institution": slug,
    "training:export": slug,
    "training:person": lambda w: {**slug(w), "user_id": w.office.tenant.official.pk},
    "training:policy_edit": lambda w: {"pk": w.policy.pk},
    "training:policy_delete": lambda w: {"pk": w.policy.pk},
    "institution-detail": lambda w: {"pk": w.institution.pk},
    "unit-detail": lambda w: {"pk": w.office.tenant.unit.pk},
    "membership-detail": lambda w: {
        "pk": w.office.tenant.official.memberships.get(institution=w.institution).pk
    },
    "invitation-detail": lambda w: {"pk": w.invitation.pk},
    "desk-agenda-case-types": lambda w: {"pk": w.agenda.pk},
    "desk-booking": lambda w: {"pk": w.booking.pk},
    "desk-booking-check-in": lambda w: {"pk": w.booking.pk},
    "desk-booking-outcome": lambda w: {"pk": w.booking.pk},
    "desk-booking-note": lambda w: {"pk": w.booking.pk},
    "desk-booking-cancel": lambda w: {"pk": w.booking.pk},
    "api-meeting": lambda w: {"pk": w.meeting.pk},
    "api-meeting-cancel": lambda w: {"pk": w.meeting.pk},
    "api-meeting-invite": lambda w: {"pk": w.meeting.pk},
    "api-meeting-participant-withdraw": lambda w: {
        "pk": w.meeting.pk,
        "participant_id": w.guest.pk,
    },
    "api-meeting-join": lambda w: {"pk": w.meeting.pk},
    "api-meeting-live": lambda w: {"pk": w.meeting.pk},
    "api-meeting-attendance": lambda w: {"pk": w.meeting.pk},
    "api-meeting-attendance-csv": lambda w: {"pk": w.meeting.pk},
    "api-task-list": lambda w: {"pk": w.task_list.pk},
    "api-task-list-archive": lambda w: {"pk": w.task_list.pk},
    "api-task": lambda w: {"pk": w.task.pk},
    "api-task-checklist": lambda w: {"pk": w.task.pk},
    "api-task-checklist-item": lambda w: {"pk": w.task.pk, "item_pk": w.item.pk},
    "api-task-comments": lambda w: {"pk": w.task.pk},
}

# Routes with parameters where membership of an institution does not decide, and why.
LINK = "a signed or secret link: holding it is the permission (tests of each link)"
PUBLIC = "citizens' pages and API: public data of every active institution"
COURSE = "course meetings: the LMS token's course claim decides (tests/collab_service/courses)"
NOT_TENANT: dict[str, str] = {
    "core:institution_public": PUBLIC,
    "accounts:password_set": LINK,
    "invitations:answer": LINK,
    "appointments:confirm": LINK,
    "appointments:manage": LINK,
    "appointments:move": LINK,
    "appointments:invitation": LINK,
    "appointments:book": PUBLIC,
    "appointments:book_sent": LINK,
    "appointments:waiting_join": PUBLIC,
    "appointments:waiting": LINK,
    "meetings:personal_join": LINK,
    "tasks:unsubscribe": LINK,
    "calendars:feed": LINK,
    "courses:join": LINK,
    "public-institution-detail": PUBLIC,
    "public-case-types": PUBLIC,
    "public-availability": PUBLIC,
    "public-waiting-entry": LINK,
    "public-booking-manage": LINK,
    "public-booking-cancel": LINK,
    "public-booking-move": LINK,
    "public-booking-invitation": LINK,
    "api-course-meeting-start": COURSE,
    "api-course-meeting-join": COURSE,
    "api-course-meeting-invite": COURSE,
    "api-public-course-meeting": PUBLIC,
    "api-public-course-meeting-guest-join": PUBLIC,
    "api-public-course-meeting-ics": PUBLIC,
    "api-learner-booking-cancel": COURSE,
    "jitsi-conference-detail": "Jitsi's own servers, with the shared event token",
    # The suite's URLs include the Open edX plugin app's, as the LMS mounts them.
    "szpon:course_meetings": "the LMS's course tab, guarded by the LMS (tests/edx_plugins)",
}
PLATFORM_ADMIN_NAMESPACE = "admin"  # the Django admin: platform admins only (tested below)

# A member of B may see these of B; the other routes stay closed to B's plain officials too.
SEEN_BY_EVERY_MEMBER = {"institutions:workspace", "institution-detail", "unit-detail"}
SEEN_BY_EVERY_MEMBER |= {"membership-detail"}


def _routes(patterns=None, namespace: str = "") -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found.update(_routes(entry.url_patterns, inner))
        elif isinstance(entry, URLPattern) and entry.pattern.regex.groupindex:
            found[f"{namespace}{entry.name or '?'}"] = list(entry.pattern.regex.groupindex)
    return found


def test_every_route_is_classified():
    routes = {name for name in _routes() if not name.startswith(PLATFORM_ADMIN_NAMESPACE + ":")}

    assert routes - TENANT.keys() - NOT_TENANT.keys() == set(), "classify the new routes"
    assert (TENANT.keys() | NOT_TENANT.keys()) - routes == set(), "drop routes that are gone"


_TENANT_MODELS = [
    "institutions.Institution",
    "institutions.Unit",
    "institutions.Membership",
    "institutions.Invitation",
    "institutions.PeopleImport",
    "appointments.Location",
    "appointments.CaseType",
    "appointments.Agenda",
    "appointments.WorkingHours",
    "appointments.AvailabilityException",
    "appointments.BusyInterval",
    "appointments.Booking",
    "meetings.Meeting",
    "meetings.Participant",
    "tasks.TaskList",
    "tasks.Task",
    "tasks.ChecklistItem",
    "tasks.TaskComment",
    "training.CertificatePolicy",
    "training.TrainingRecord",
    "notifications.OutgoingEmail",
]


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for label in _TENANT_MODELS:
        rows = apps.get_model(label).objects.order_by("pk").values()
        digest.update(json.dumps(list(rows), default=str, sort_keys=True).encode())
    return digest.hexdigest()


@pytest.fixture
def worlds():
    """A and B; B's second official (whose agenda holds B's visits) also works in A's unit."""
    a, b = make_world("A"), make_world("B")
    share_official(b, into=a)
    return a, b


@pytest.fixture
def both(worlds):
    """Someone who manages A's unit and is a plain official in B's other unit (the leak's shape)."""
    a, b = worlds
    person = MembershipFactory(unit=a.office.tenant.unit, role=Membership.Role.UNIT_MANAGER).user
    MembershipFactory(user=person, unit=b.office.tenant.other_unit)
    return person


def _sign_in(api, client, person) -> None:
    api.as_user(person)
    client.force_login(person)


def _asks(api, client, name: str, kwargs: dict) -> list[tuple[str, int]]:
    path = reverse(name, kwargs=kwargs)
    if path.startswith("/api/"):
        methods = ("get", "post", "put", "patch", "delete")
        return [(m, getattr(api, m)(path, {}, format="json").status_code) for m in methods]
    return [(m, getattr(client, m)(path).status_code) for m in ("get", "post")]


@pytest.mark.parametrize("role", ["official", "manager", "admin", "both"])
def test_another_institutions_objects_answer_403_or_404_and_stay_unchanged(
    api, client, worlds, both, role
):
    a, b = worlds
    _sign_in(api, client, both if role == "both" else getattr(a.office.tenant, role))
    before = _fingerprint()
    mail.outbox.clear()
    opened = []

    for name, kwargs in TENANT.items():
        if role == "both" and name in SEEN_BY_EVERY_MEMBER:
            continue
        for method, status in _asks(api, client, name, kwargs(b)):
            if status not in (403, 404, 405):
                opened.append(f"{method.upper()} {name}: {status}")

    assert opened == []
    assert _fingerprint() == before
    assert mail.outbox == []


# Routes that take B's ids in the query, and the lists and pages that gather what one may see.
QUERIES: list[tuple[str, Kwargs]] = [
    ("/desk/", lambda w: {"agenda": w.agenda.pk}),
    ("/desk/week/", lambda w: {"agenda": w.agenda.pk}),
    ("/desk/week/", lambda w: {"agenda": "all"}),
    ("/desk/statistics/", lambda w: {}),
    ("/desk/statistics.csv", lambda w: {}),
    ("/api/v1/desk/agendas/", lambda w: {}),
    ("/api/v1/desk/bookings/", lambda w: {"agenda": w.agenda.pk}),
    ("/api/v1/desk/blocks/", lambda w: {"agenda": w.agenda.pk}),
    ("/api/v1/desk/statistics/", lambda w: {}),
    ("/api/v1/memberships/", lambda w: {"institution": w.institution.pk}),
    ("/api/v1/invitations/", lambda w: {"institution": w.institution.pk}),
    ("/api/v1/training/records/", lambda w: {"institution": w.institution.pk}),
    ("/api/v1/task-lists/", lambda w: {}),
    ("/api/v1/tasks/", lambda w: {}),
    ("/api/v1/meetings/", lambda w: {}),
    ("/meetings/", lambda w: {}),
    ("/tasks/", lambda w: {}),
    ("/calendar/", lambda w: {}),
    ("/training/", lambda w: {}),
]


def _markers(world: World) -> list[str]:
    """Text only B's own staff may read: a citizen's visit, an invitation, a task, a meeting."""
    return [
        world.booking.reference_code,
        world.booking.citizen_email,
        world.invitation.email,
        world.task.title,
        world.meeting.title,
    ]


@pytest.mark.parametrize("role", ["official", "manager", "admin", "both"])
def test_lists_and_filters_never_show_another_institutions_data(api, client, worlds, both, role):
    a, b = worlds
    _sign_in(api, client, both if role == "both" else getattr(a.office.tenant, role))
    shown = []

    for path, query in QUERIES:
        asker = api if path.startswith("/api/") else client
        response = asker.get(path, query(b))
        if response.status_code in (403, 404):
            continue
        assert response.status_code == 200, path
        body = response.content.decode()
        shown += [f"{path} {query(b)}: {marker}" for marker in _markers(b) if marker in body]

    assert shown == []


def test_the_admin_site_is_for_platform_admins_only(client, worlds):
    _a, b = worlds
    client.force_login(b.office.tenant.admin)

    paths = [
        "/admin/",
        f"/admin/appointments/booking/{b.booking.pk}/change/",
        f"/admin/institutions/invitation/{b.invitation.pk}/change/",
    ]

    for path in paths:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
