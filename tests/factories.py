from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from collab_service.accounts.models import User
from collab_service.institutions.models import Institution, Membership, Unit
from collab_service.meetings.models import Meeting, Participant
from collab_service.tasks.models import Task, TaskList


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.gov.pl")
    full_name = factory.Faker("name", locale="pl_PL")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class InstitutionFactory(DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Urząd Gminy {n}")
    slug = factory.Sequence(lambda n: f"ug-{n}")
    kind = Institution.Kind.MUNICIPALITY
    city = "Przykładowo"


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Wydział {n}")
    slug = factory.Sequence(lambda n: f"wydzial-{n}")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    institution = factory.LazyAttribute(lambda m: m.unit.institution if m.unit else None)
    role = Membership.Role.OFFICIAL


class MeetingFactory(DjangoModelFactory):
    """A meeting starting in an hour; its organiser is also its first participant."""

    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    organiser = factory.SubFactory(UserFactory)
    institution = factory.SubFactory(InstitutionFactory)
    title = factory.Sequence(lambda n: f"Narada {n}")
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=1))
    end = factory.LazyAttribute(lambda meeting: meeting.start + timedelta(hours=1))

    @factory.post_generation
    def _organiser_participant(obj, create, extracted, **kwargs):
        if create:
            Participant.objects.create(
                meeting=obj,
                user=obj.organiser,
                name=obj.organiser.display_name,
                email=obj.organiser.email,
                role=Participant.Role.ORGANISER,
            )


class ParticipantFactory(DjangoModelFactory):
    """An external guest unless ``user`` is given."""

    class Meta:
        model = Participant

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Faker("name", locale="pl_PL")
    email = factory.Sequence(lambda n: f"guest{n}@example.org")
    role = Participant.Role.GUEST


class TaskListFactory(DjangoModelFactory):
    """A unit's list unless ``owner`` is given (then pass ``unit=None``)."""

    class Meta:
        model = TaskList

    name = factory.Sequence(lambda n: f"Lista {n}")
    unit = None
    owner = None
    institution = factory.LazyAttribute(
        lambda task_list: (
            task_list.unit.institution
            if task_list.unit
            else task_list.owner.memberships.first().institution
        )
    )


class TaskFactory(DjangoModelFactory):
    class Meta:
        model = Task
        skip_postgeneration_save = True

    task_list = factory.SubFactory(TaskListFactory)
    title = factory.Sequence(lambda n: f"Zadanie {n}")

    @factory.post_generation
    def assignees(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.assignees.set(extracted)


# Training (collab_service.training): certificate validity rules; records come from events.
from collab_service.training.models import CertificatePolicy  # noqa: E402


class CertificatePolicyFactory(DjangoModelFactory):
    class Meta:
        model = CertificatePolicy

    course_id = factory.Sequence(lambda n: f"course-v1:UM+KURS{n}+2026")
    course_name = factory.Sequence(lambda n: f"Kurs {n}")
    validity_months = 24
    remind_days_before = 30
