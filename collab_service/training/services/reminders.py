"""E-mails before a certificate expires, once per certificate and expiry date, via the outbox."""

from datetime import datetime
from urllib.parse import quote

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from collab_service.accounts.models import User
from collab_service.institutions.models import Institution, Membership
from collab_service.institutions.selectors import foreign_course_orgs
from collab_service.notifications.services import email_enqueue
from collab_service.tasks.services.notifications import email_preference
from collab_service.training.models import CertificateReminder, TrainingRecord

BATCH = 1000


def course_link(record: TrainingRecord) -> str:
    """The rule's course address, else the course's about page in the LMS ('' without an LMS)."""
    if record.policy is not None and record.policy.course_url:
        return record.policy.course_url
    if not settings.LMS_URL:
        return ""
    return f"{settings.LMS_URL}/courses/{quote(record.course_id, safe=':+')}/about"


def reminder_language(user: User) -> str:
    """The language the person chose for the service's e-mails, else the default (Polish)."""
    chosen = email_preference(user).language
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _due(now: datetime) -> QuerySet[TrainingRecord]:
    reminded = CertificateReminder.objects.filter(
        record=OuterRef("pk"), expires_at=OuterRef("expires_at")
    )
    return TrainingRecord.objects.filter(
        certificate_issued_at__isnull=False,
        certificate_revoked_at__isnull=True,
        remind_at__lte=now,
        expires_at__gt=now,
    ).exclude(Exists(reminded))


def certificate_reminders_send_due(*, now: datetime | None = None) -> int:
    """Remind the holders of certificates that enter their reminder window; returns how many.

    A certificate already expired when its rule or record appears gets no reminder: its page
    shows it as expired instead.
    """
    now = now or timezone.now()
    sent = 0
    for record_id in list(_due(now).values_list("pk", flat=True)[:BATCH]):
        with transaction.atomic():
            sent += _remind(record_id=record_id, now=now)
    return sent


def _remind(*, record_id: int, now: datetime) -> int:
    record = _due(now).select_for_update().filter(pk=record_id).first()
    if record is None:
        return 0
    official = record.user
    admins = []
    if record.policy is not None and record.policy.notify_institution_admins:
        admins = _admins_of(official, record)
    to_official = official.is_active and bool(official.email)
    recipients = [official.email] if to_official else []
    recipients += [admin.email for admin, _institution in admins]
    try:
        # The unique marker first: a racing run waits for it here and then sends nothing.
        with transaction.atomic():
            CertificateReminder.objects.create(
                record=record, expires_at=record.expires_at, recipients=recipients
            )
    except IntegrityError:
        return 0
    if to_official:
        _send_official(record, official)
    for admin, institution in admins:
        _send_admin(record, admin, institution)
    return 1


def _admins_of(official: User, record: TrainingRecord) -> list[tuple[User, Institution]]:
    """Each active admin of the official's institutions that see the record (not those whose
    course belongs to another institution), once, with an institution they share."""
    institutions = [
        institution
        for institution in Institution.objects.filter(memberships__user=official).distinct()
        if record.course_org not in foreign_course_orgs(institution)
    ]
    memberships = (
        Membership.objects.filter(
            institution__in=institutions,
            role=Membership.Role.INSTITUTION_ADMIN,
            user__is_active=True,
        )
        .exclude(user=official)
        .exclude(user__email="")
        .select_related("user", "institution")
        .order_by("user_id", "institution__name")
    )
    seen: dict[int, tuple[User, Institution]] = {}
    for membership in memberships:
        seen.setdefault(membership.user_id, (membership.user, membership.institution))
    return list(seen.values())


def _key(record: TrainingRecord, recipient: User) -> str:
    return f"training-expiry-{record.pk}-{int(record.expires_at.timestamp())}-{recipient.pk}"


def _context(record: TrainingRecord, recipient: User) -> dict:
    return {
        "recipient": recipient,
        "course": record.display_course,
        "issued": timezone.localtime(record.certificate_issued_at),
        "expires": timezone.localtime(record.expires_at),
        "course_link": course_link(record),
    }


def _send_official(record: TrainingRecord, official: User) -> None:
    with translation.override(reminder_language(official)):
        context = _context(record, official)
        subject = _("SZPoN: your certificate for %(course)s expires on %(date)s") % {
            "course": context["course"],
            "date": context["expires"].date().isoformat(),
        }
        context["my_training"] = settings.PUBLIC_URL + reverse("training:mine")
        body = render_to_string("training/email/expiry_reminder.txt", context)
    email_enqueue(
        idempotency_key=_key(record, official), to=[official.email], subject=subject, body_text=body
    )


def _send_admin(record: TrainingRecord, admin: User, institution: Institution) -> None:
    with translation.override(reminder_language(admin)):
        context = _context(record, admin)
        subject = _("SZPoN: the certificate of %(name)s for %(course)s expires on %(date)s") % {
            "name": record.user.display_name,
            "course": context["course"],
            "date": context["expires"].date().isoformat(),
        }
        context["person"] = record.user
        context["institution"] = institution
        context["detail_link"] = settings.PUBLIC_URL + reverse(
            "training:person", args=[institution.slug, record.user_id]
        )
        body = render_to_string("training/email/expiry_reminder_admin.txt", context)
    email_enqueue(
        idempotency_key=_key(record, admin), to=[admin.email], subject=subject, body_text=body
    )
