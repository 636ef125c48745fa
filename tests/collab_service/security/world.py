"""One institution with something behind every route: the target of the cross-tenant sweep."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from collab_service.appointments.models import AvailabilityException, Booking, WorkingHours
from collab_service.institutions.models import Invitation, Membership, PeopleImport
from collab_service.meetings.models import Meeting, Participant
from collab_service.tasks.models import ChecklistItem, Task, TaskComment, TaskList
from collab_service.training.models import CertificatePolicy, TrainingRecord
from tests.collab_service.appointments.conftest import Office, make_office
from tests.factories import (
    MeetingFactory,
    MembershipFactory,
    ParticipantFactory,
    TaskFactory,
    TaskListFactory,
)


@dataclass
class World:
    office: Office
    booking: Booking
    video_booking: Booking
    hours: WorkingHours
    leave: AvailabilityException
    closure: AvailabilityException
    meeting: Meeting
    guest: Participant
    task_list: TaskList
    task: Task
    item: ChecklistItem
    invitation: Invitation
    people_import: PeopleImport
    policy: CertificatePolicy

    @property
    def institution(self):
        return self.office.tenant.institution

    @property
    def agenda(self):
        """The second official's: the one ``share_official`` also places in another institution."""
        return self.office.agendas[1]


def _visit(office: Office, start, mode: str = "in_person") -> Booking:
    return Booking.objects.create(
        institution=office.tenant.institution,
        case_type=office.case_type,
        agenda=office.agendas[1],
        mode=mode,
        start=start,
        end=start + timedelta(minutes=30),
        block_start=start,
        block_end=start + timedelta(minutes=30),
        status=Booking.Status.CONFIRMED,
        reference_code=f"B{Booking.objects.count():07d}",
        citizen_name="Obywatel B",
        citizen_email="obywatel.b@example.org",
        citizen_phone="+48 600 000 000",
    )


def make_world(name: str) -> World:
    office = make_office(name)
    tenant = office.tenant
    soon = timezone.now().replace(microsecond=0) + timedelta(days=2)
    agenda = office.agendas[1]
    meeting = MeetingFactory(organiser=tenant.manager, institution=tenant.institution)
    task_list = TaskListFactory(unit=tenant.unit)
    task = TaskFactory(task_list=task_list, assignees=[tenant.official])
    TaskComment.objects.create(task=task, author=tenant.manager, body="Uwaga")
    TrainingRecord.objects.create(
        user=tenant.official, course_id=f"course-v1:{name}+K1+2026", course_name="Kurs"
    )
    return World(
        office=office,
        booking=_visit(office, soon),
        video_booking=_visit(office, soon + timedelta(hours=1), mode="video"),
        hours=agenda.working_hours.first(),
        leave=AvailabilityException.objects.create(
            institution=tenant.institution,
            agenda=agenda,
            kind=AvailabilityException.Kind.LEAVE,
            start=soon + timedelta(days=7),
            end=soon + timedelta(days=8),
        ),
        closure=AvailabilityException.objects.create(
            institution=tenant.institution,
            kind=AvailabilityException.Kind.CLOSURE,
            start=soon + timedelta(days=9),
            end=soon + timedelta(days=10),
        ),
        meeting=meeting,
        guest=ParticipantFactory(meeting=meeting),
        task_list=task_list,
        task=task,
        item=ChecklistItem.objects.create(task=task, text="Krok"),
        invitation=Invitation.objects.create(
            institution=tenant.institution,
            unit=tenant.unit,
            role=Membership.Role.OFFICIAL,
            email=f"nowy.{name.lower()}@example.gov.pl",
            key="k" * 32,
            sent_at=timezone.now(),
        ),
        people_import=PeopleImport.objects.create(
            institution=tenant.institution, errors=[[2, "email", "x"]]
        ),
        policy=CertificatePolicy.objects.create(
            course_id=f"course-v1:{name}+K1+2026", course_name="Kurs", validity_months=12
        ),
    )


def share_official(source: World, into: World) -> None:
    """Make ``source``'s second official (with an agenda there) an official in ``into``'s unit."""
    MembershipFactory(user=source.agenda.official, unit=into.office.tenant.unit)
