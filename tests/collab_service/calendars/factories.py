"""Factories for the calendar's tests: case types, agendas and visits."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from collab_service.appointments.models import Agenda, Booking, CaseType, Location
from tests.factories import InstitutionFactory, UserFactory


class LocationFactory(DjangoModelFactory):
    class Meta:
        model = Location

    institution = factory.SubFactory(InstitutionFactory)
    name = "Sala obsługi"
    room = "12"
    city = "Przykładowo"


class CaseTypeFactory(DjangoModelFactory):
    class Meta:
        model = CaseType

    institution = factory.SubFactory(InstitutionFactory)
    slug = factory.Sequence(lambda n: f"sprawa-{n}")
    name_pl = "Dowód osobisty"
    name_en = "Identity card"
    duration_minutes = 30


class AgendaFactory(DjangoModelFactory):
    class Meta:
        model = Agenda

    official = factory.SubFactory(UserFactory)
    institution = factory.SubFactory(InstitutionFactory)


class BookingFactory(DjangoModelFactory):
    """A confirmed 30-minute in-person visit tomorrow in ``agenda``."""

    class Meta:
        model = Booking

    agenda = factory.SubFactory(AgendaFactory)
    institution = factory.LazyAttribute(lambda b: b.agenda.institution)
    case_type = factory.SubFactory(
        CaseTypeFactory, institution=factory.SelfAttribute("..institution")
    )
    location = factory.SubFactory(
        LocationFactory, institution=factory.SelfAttribute("..institution")
    )
    mode = CaseType.Mode.IN_PERSON
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
    end = factory.LazyAttribute(lambda b: b.start + timedelta(minutes=30))
    block_start = factory.SelfAttribute("start")
    block_end = factory.SelfAttribute("end")
    seat = 1
    status = Booking.Status.CONFIRMED
    reference_code = factory.Sequence(lambda n: f"K{n:07d}")
    citizen_name = "Jan Kowalski"
    citizen_email = "jan@example.org"
