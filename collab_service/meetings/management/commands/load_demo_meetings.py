"""A demo meeting for the README's run command (idempotent): a unit briefing tomorrow morning
with a colleague and a guest from outside, whose invitations land in the local mail folder."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand
from django.utils import timezone

from collab_service.accounts.models import User
from collab_service.core.demo import demo_people, refuse_in_production
from collab_service.meetings.models import Meeting
from collab_service.meetings.services.meetings import Guest, meeting_create

TITLE = "Odprawa Wydziału Spraw Obywatelskich"


class Command(BaseCommand):
    help = "Load a demo video meeting (safe to run again)."

    def handle(self, *args, **options) -> None:
        refuse_in_production()
        organiser = demo_people("anna.nowak")["anna.nowak"]
        if Meeting.objects.filter(
            organiser=organiser, title=TITLE, end__gte=timezone.now()
        ).exists():
            return
        membership = organiser.memberships.select_related("institution", "unit").first()
        tz = ZoneInfo(membership.institution.time_zone)
        tomorrow = timezone.localtime(timezone.now(), tz).date() + timedelta(days=1)
        start = datetime.combine(tomorrow, time(9), tzinfo=tz)
        meeting_create(
            organiser=organiser,
            institution=membership.institution,
            unit=membership.unit,
            title=TITLE,
            description="Plan pracy na przyszły tydzień; gość z firmy wdrażającej e-usługi.",
            start=start,
            end=start + timedelta(minutes=45),
            lobby_enabled=True,
            colleagues=list(User.objects.filter(username="jan.kowalski")),
            guests=[Guest(name="Marta Konsultantka", email="marta.konsultantka@example.org")],
        )
        self.stdout.write(self.style.SUCCESS("Demo meeting loaded."))
