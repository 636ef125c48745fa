"""Case types, officials' hours and busy time, and citizens' bookings."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from collab_service.institutions.models import Institution, Unit


class Location(models.Model):
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name"), max_length=200)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=16, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    room = models.CharField(_("room"), max_length=100, blank=True)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name


class CaseType(models.Model):
    """A matter citizens can book a visit for, with the rules of its slots."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIDEO = "video", _("Video call")
        CHOICE = "choice", _("In person or video call")

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="case_types"
    )
    slug = models.SlugField(max_length=80)
    name_pl = models.CharField(_("name (Polish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_pl = models.TextField(_("description (Polish)"), blank=True, max_length=5000)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=5000)
    what_to_bring_pl = models.TextField(_("what to bring (Polish)"), blank=True, max_length=2000)
    what_to_bring_en = models.TextField(_("what to bring (English)"), blank=True, max_length=2000)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration in minutes"),
        default=15,
        validators=[MinValueValidator(5), MaxValueValidator(480)],
    )
    buffer_before_minutes = models.PositiveSmallIntegerField(_("buffer before"), default=0)
    buffer_after_minutes = models.PositiveSmallIntegerField(_("buffer after"), default=0)
    min_notice_minutes = models.PositiveIntegerField(_("minimum notice in minutes"), default=120)
    horizon_days = models.PositiveSmallIntegerField(
        _("bookable days ahead"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
    )
    capacity = models.PositiveSmallIntegerField(
        _("people per slot"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    locations = models.ManyToManyField(Location, blank=True, verbose_name=_("locations"))
    units = models.ManyToManyField(Unit, blank=True, verbose_name=_("units that handle it"))
    officials = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="case_types",
        verbose_name=_("officials who handle it"),
    )
    form_fields = models.JSONField(_("questions for the citizen"), default=list, blank=True)
    is_active = models.BooleanField(_("bookable"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("case type")
        verbose_name_plural = _("case types")
        constraints = [
            models.UniqueConstraint(fields=["institution", "slug"], name="case_type_slug_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_pl


class Agenda(models.Model):
    """One official's bookable calendar: the row booking transactions lock, and the version
    that availability caches are keyed by (bumped on every change that affects it)."""

    official = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda"
    )
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="agendas")
    version = models.PositiveBigIntegerField(default=1)

    def __str__(self) -> str:
        return str(self.official)


class WorkingHours(models.Model):
    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="working_hours")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, null=True, blank=True)
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), validators=[MaxValueValidator(6)], help_text=_("0 is Monday.")
    )
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("working hours")
        verbose_name_plural = _("working hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="working_hours_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agenda} {self.weekday} {self.start_time}-{self.end_time}"


class AvailabilityException(models.Model):
    """Leave of one official, a closure of the whole institution, or extra hours."""

    class Kind(models.TextChoices):
        LEAVE = "leave", _("Leave")
        CLOSURE = "closure", _("Closure")
        EXTRA = "extra", _("Extra hours")

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE)
    agenda = models.ForeignKey(
        Agenda, on_delete=models.CASCADE, null=True, blank=True, related_name="exceptions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, null=True, blank=True)
    start = models.DateTimeField()
    end = models.DateTimeField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="exception_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start:%Y-%m-%d %H:%M}"


class BusyInterval(models.Model):
    """Time an official is not free: synced from their calendar, or blocked by hand."""

    class Source(models.TextChoices):
        BLOCKED = "blocked", _("Blocked by the official")
        CALENDAR = "calendar", _("From the official's calendar")

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="busy")
    start = models.DateTimeField()
    end = models.DateTimeField()
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.BLOCKED)
    external_uid = models.CharField(max_length=255, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["agenda", "start"], name="busy_agenda_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="busy_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agenda} {self.start:%Y-%m-%d %H:%M}"


class Booking(models.Model):
    """A citizen's visit or video call. Active bookings hold a seat of their (agenda, start);
    the unique seat is the database's guarantee against double booking."""

    class Status(models.TextChoices):
        HELD = "held", _("Waiting for e-mail confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        CHECKED_IN = "checked_in", _("Checked in")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("Did not come")
        EXPIRED = "expired", _("Not confirmed in time")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="bookings")
    case_type = models.ForeignKey(CaseType, on_delete=models.PROTECT, related_name="bookings")
    agenda = models.ForeignKey(Agenda, on_delete=models.PROTECT, related_name="bookings")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, null=True, blank=True)
    mode = models.CharField(max_length=10, choices=CaseType.Mode.choices)
    start = models.DateTimeField()
    end = models.DateTimeField()
    block_start = models.DateTimeField(help_text="start less the buffer before")
    block_end = models.DateTimeField(help_text="end plus the buffer after")
    seat = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.HELD)
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    reference_code = models.CharField(max_length=12, unique=True)
    # NULL, not "", for "no key": NULLs never collide in the unique constraint below.
    idempotency_key = models.CharField(max_length=100, null=True, blank=True)  # noqa: DJ001
    citizen_name = models.CharField(max_length=200)
    citizen_email = models.EmailField(blank=True, help_text="empty for a phone or walk-in booking")
    citizen_phone = models.CharField(max_length=40, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=5, default="pl")
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=500, blank=True)
    rescheduled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    official_note = models.TextField(blank=True, max_length=2000)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    ACTIVE = (Status.HELD, Status.CONFIRMED, Status.CHECKED_IN, Status.DONE)

    class Meta:
        indexes = [
            models.Index(fields=["agenda", "block_start"], name="booking_agenda_block"),
            models.Index(fields=["status", "hold_expires_at"], name="booking_status_hold"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda", "start", "seat"], name="booking_one_per_seat"
            ),
            models.UniqueConstraint(
                fields=["institution", "idempotency_key"], name="booking_idempotency_key"
            ),
            models.CheckConstraint(
                condition=models.Q(seat__isnull=True) | models.Q(seat__gte=1),
                name="booking_seat_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.reference_code


class WaitingListEntry(models.Model):
    """A citizen waiting for a free time of a case type within their dates.

    When a time frees up, the first in line is offered it: a booking is held for them and they
    confirm it from the offer e-mail, or the offer lapses and the next in line gets one.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        OFFERED = "offered", _("Offered a time")
        BOOKED = "booked", _("Booked")
        LAPSED = "lapsed", _("Offer not taken")
        ENDED = "ended", _("Dates passed without a free time")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    case_type = models.ForeignKey(CaseType, on_delete=models.PROTECT, related_name="waiting")
    first_day = models.DateField()
    last_day = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    citizen_name = models.CharField(max_length=200)
    citizen_email = models.EmailField()
    citizen_phone = models.CharField(max_length=40, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=5, default="pl")
    created_at = models.DateTimeField(default=timezone.now)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer = models.OneToOneField(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="waiting_entry"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    OPEN = (Status.WAITING, Status.OFFERED)

    class Meta:
        indexes = [
            models.Index(fields=["status", "case_type", "created_at"], name="waiting_in_line"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")),
                name="waiting_last_after_first",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_type} {self.first_day}–{self.last_day}"
