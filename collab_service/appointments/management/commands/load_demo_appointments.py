"""Demo case types, locations and officials' hours for the README's run command (idempotent).

Run after ``load_demo_data``, which creates the institutions and officials used here.
"""

from datetime import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from collab_service.accounts.models import User
from collab_service.appointments.models import Agenda, CaseType, Location, WorkingHours
from collab_service.core.demo import refuse_in_production
from collab_service.institutions.models import Institution

CASE_TYPES = [
    {
        "slug": "dowod-osobisty",
        "name_pl": "Dowód osobisty – wniosek lub odbiór",
        "name_en": "Identity card – application or collection",
        "description_pl": "Złożenie wniosku o dowód osobisty albo jego odbiór.",
        "description_en": "Apply for an identity card or collect it.",
        "what_to_bring_pl": "Aktualne zdjęcie 35×45 mm; przy odbiorze poprzedni dowód.",
        "what_to_bring_en": "A current 35×45 mm photo; your previous card when collecting.",
        "duration_minutes": 15,
        "unit": "wso",
    },
    {
        "slug": "rejestracja-pojazdu",
        "name_pl": "Rejestracja pojazdu",
        "name_en": "Vehicle registration",
        "description_pl": "Rejestracja pojazdu nowego lub sprowadzonego z zagranicy.",
        "description_en": "Register a new or imported vehicle.",
        "what_to_bring_pl": "Dowód własności, dokumenty pojazdu, potwierdzenie opłaty.",
        "what_to_bring_en": "Proof of ownership, the vehicle's papers, proof of payment.",
        "duration_minutes": 30,
        "buffer_after_minutes": 5,
        "unit": "wk",
        "form_fields": [
            {
                "key": "vin",
                "label_pl": "Numer VIN",
                "label_en": "VIN",
                "type": "text",
                "required": True,
                "max_length": 17,
            },
        ],
    },
]
CASE_TYPES.append(
    {
        "slug": "konsultacja-podatkowa",
        "name_pl": "Konsultacja podatkowa – osobiście lub przez wideo",
        "name_en": "Local tax advice – in person or by video call",
        "description_pl": "Pytania o podatek od nieruchomości i opłaty lokalne.",
        "description_en": "Questions about property tax and local charges.",
        "duration_minutes": 20,
        "mode": "choice",
        "unit": "wso",
    }
)
OFFICIALS = {"jan.kowalski": "wso", "anna.nowak": "wso", "ewa.wisniewska": "wk"}


class Command(BaseCommand):
    help = "Load demo case types and officials' hours (safe to run again)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        refuse_in_production()
        institution = Institution.objects.filter(slug="um-przykladowo").first()
        if institution is None:
            raise CommandError("Run load_demo_data first.")
        location, _created = Location.objects.update_or_create(
            institution=institution,
            name="Sala Obsługi Mieszkańców",
            defaults={
                "street_address": "ul. Rynek 1",
                "city": "Przykładowo",
                "room": "parter",
                "accessibility_notes": "Wejście bez schodów od strony parkingu; pętla "
                "indukcyjna przy stanowiskach 1–4.",
            },
        )
        units = {unit.slug: unit for unit in institution.units.all()}
        for spec in CASE_TYPES:
            values = {k: v for k, v in spec.items() if k not in {"slug", "unit"}}
            case_type, _created = CaseType.objects.update_or_create(
                institution=institution, slug=spec["slug"], defaults=values
            )
            case_type.units.set([units[spec["unit"]]])
            case_type.locations.set([location])
        for username in OFFICIALS:
            agenda, _created = Agenda.objects.get_or_create(
                official=User.objects.get(username=username), institution=institution
            )
            agenda.working_hours.all().delete()
            for weekday in range(5):
                WorkingHours.objects.create(
                    agenda=agenda,
                    location=location,
                    weekday=weekday,
                    start_time=time(8),
                    end_time=time(17 if weekday == 0 else 15, 30),
                )
        self.stdout.write(self.style.SUCCESS("Demo appointments loaded."))
