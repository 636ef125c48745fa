"""Demo training records (idempotent): a 24-month validity rule for the demo course, Jan
Kowalski's certificate expiring within 30 days and Anna Nowak's expired one, fed in as the LMS
plugin's events would be."""

import uuid
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from collab_service.accounts.models import User
from collab_service.core.demo import demo_people, refuse_in_production
from collab_service.training.models import CertificatePolicy, EventType
from collab_service.training.services.policies import certificate_policy_save
from collab_service.training.services.records import training_event_record

DEMO_COURSE = "course-v1:SZPoN+RODO+2026"
DEMO_COURSE_NAME = "Ochrona danych osobowych w urzędzie"
EUSLUGI_COURSE = "course-v1:SZPoN+EUSL+2026"
EUSLUGI_COURSE_NAME = "E-usługi dla mieszkańców"
_IDS = uuid.UUID("5a1b2c3d-0000-4000-8000-000000000006")
_CERTIFICATE = {"mode": "verified", "grade": "0.9", "status": "downloadable", "download_url": ""}


class Command(BaseCommand):
    help = "Load demo training records and a certificate validity rule (safe to run again)."

    def handle(self, *args, **options) -> None:
        refuse_in_production()
        people = demo_people("anna.nowak", "jan.kowalski")
        now = timezone.now()
        two_years_ago = now - relativedelta(months=24)
        with transaction.atomic():
            if not CertificatePolicy.objects.filter(course_id=DEMO_COURSE).exists():
                certificate_policy_save(
                    course_id=DEMO_COURSE,
                    course_name=DEMO_COURSE_NAME,
                    validity_months=24,
                    remind_days_before=30,
                    notify_institution_admins=True,
                )
            jan, anna = people["jan.kowalski"], people["anna.nowak"]
            # Jan: the certificate ends in 12 days (inside the 30-day reminder window).
            self._course(jan, DEMO_COURSE, DEMO_COURSE_NAME, two_years_ago + timedelta(days=12))
            self._course(jan, EUSLUGI_COURSE, EUSLUGI_COURSE_NAME, now - timedelta(days=5))
            # Anna: the certificate ended 15 days ago; she has started the other course.
            self._course(anna, DEMO_COURSE, DEMO_COURSE_NAME, two_years_ago - timedelta(days=15))
            self._event(
                anna,
                EUSLUGI_COURSE,
                EUSLUGI_COURSE_NAME,
                EventType.ENROLLMENT_CREATED,
                now - timedelta(days=10),
            )
        self.stdout.write(self.style.SUCCESS("Demo training loaded."))

    def _course(self, user: User, course_id: str, name: str, certified: datetime) -> None:
        """Enrolled a month before the certificate, passed the day before it."""
        self._event(user, course_id, name, EventType.ENROLLMENT_CREATED, certified - timedelta(30))
        self._event(
            user, course_id, name, EventType.PASSING_STATUS_UPDATED, certified - timedelta(1)
        )
        self._event(user, course_id, name, EventType.CERTIFICATE_CREATED, certified)

    def _event(self, user: User, course_id: str, name: str, kind: str, when: datetime) -> None:
        payload: dict = {"course_name": name}
        if kind == EventType.ENROLLMENT_CREATED:
            payload["enrollment_mode"] = "verified"
        if kind == EventType.PASSING_STATUS_UPDATED:
            payload["is_passing"] = True
        if kind == EventType.CERTIFICATE_CREATED:
            payload["certificate"] = _CERTIFICATE
        training_event_record(
            user=user,
            # The same id on every run: a second run is a replay and changes nothing.
            event_id=uuid.uuid5(_IDS, f"{user.username}/{course_id}/{kind}"),
            event_type=kind,
            occurred_at=when,
            course_id=course_id,
            payload=payload,
        )
