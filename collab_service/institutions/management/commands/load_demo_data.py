"""Load the demo institutions, units and people used by the README's run command (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from collab_service.accounts.models import User
from collab_service.institutions.models import Institution, Invitation, Membership, Unit
from collab_service.institutions.services.invitations import person_add

DEMO_PASSWORD = "demo-szpon-2026"  # noqa: S105 - published demo sign-in, embedded mode only

INSTITUTIONS = [
    {
        "slug": "um-przykladowo",
        "name": "Urząd Miasta Przykładowo",
        "kind": Institution.Kind.MUNICIPALITY,
        "street_address": "ul. Rynek 1",
        "postal_code": "00-001",
        "city": "Przykładowo",
        "email": "kancelaria@przykladowo.example",
        "phone": "+48 22 000 00 00",
        "description": "Sprawy mieszkańców: dowody osobiste, meldunki, rejestracja pojazdów.",
        "units": [
            ("wso", "Wydział Spraw Obywatelskich", "Parter, pokój 12"),
            ("wk", "Wydział Komunikacji", "I piętro, pokój 105"),
            ("it", "Referat Informatyki", "II piętro, pokój 210"),
        ],
        "people": [
            ("anna.nowak", "Anna Nowak", "wso", Membership.Role.UNIT_MANAGER, "Kierowniczka"),
            ("jan.kowalski", "Jan Kowalski", "wso", Membership.Role.OFFICIAL, "Inspektor"),
            ("ewa.wisniewska", "Ewa Wiśniewska", "wk", Membership.Role.OFFICIAL, "Podinspektor"),
            (
                "piotr.zielinski",
                "Piotr Zieliński",
                None,
                Membership.Role.INSTITUTION_ADMIN,
                "Administrator",
            ),
        ],
    },
    {
        "slug": "min-cyfryzacji-demo",
        "name": "Ministerstwo Cyfryzacji (demo)",
        "kind": Institution.Kind.MINISTRY,
        "street_address": "ul. Królewska 27",
        "postal_code": "00-060",
        "city": "Warszawa",
        "email": "kontakt@cyfryzacja.example",
        "description": "Szkolenia i praca zdalna urzędników.",
        "units": [
            ("dk", "Departament Kompetencji Cyfrowych", "Budynek A"),
        ],
        "people": [
            ("marta.lewandowska", "Marta Lewandowska", "dk", Membership.Role.OFFICIAL, "Ekspertka"),
            (
                "tomasz.wojcik",
                "Tomasz Wójcik",
                None,
                Membership.Role.INSTITUTION_ADMIN,
                "Administrator",
            ),
        ],
    },
]


def _user(username: str, full_name: str, *, superuser: bool = False) -> User:
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={"full_name": full_name, "email": f"{username}@szpon.example"},
    )
    user.full_name = full_name
    user.is_staff = user.is_superuser = superuser
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


class Command(BaseCommand):
    help = "Load demo institutions, units and people (safe to run again)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data has published passwords: never load it in production.")
        _user("admin", "Administrator platformy", superuser=True)
        for spec in INSTITUTIONS:
            fields = {k: v for k, v in spec.items() if k not in {"slug", "units", "people"}}
            institution, _created = Institution.objects.update_or_create(
                slug=spec["slug"], defaults=fields
            )
            units = {}
            for slug, name, location in spec["units"]:
                units[slug], _created = Unit.objects.update_or_create(
                    institution=institution,
                    slug=slug,
                    defaults={"name": name, "location": location},
                )
            for username, full_name, unit_slug, role, title in spec["people"]:
                Membership.objects.update_or_create(
                    user=_user(username, full_name),
                    institution=institution,
                    unit=units.get(unit_slug),
                    defaults={"role": role, "job_title": title},
                )
        _demo_invitation()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))


def _demo_invitation() -> None:
    """One invitation waiting for an answer (its e-mail lands in the local mail folder once)."""
    institution = Institution.objects.get(slug="um-przykladowo")
    email = "nowa.urzedniczka@szpon.example"
    if Invitation.objects.filter(email=email, status=Invitation.Status.PENDING).exists():
        return
    person_add(
        institution=institution,
        email=email,
        full_name="Nowa Urzędniczka",
        unit=institution.units.get(slug="wso"),
        job_title="Referentka",
        invited_by=User.objects.get(username="anna.nowak"),
        language="pl",
    )
