import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(value)s is not a known IANA time zone."), params={"value": value}
        )


def validate_holiday_country(value: str) -> None:
    """A two-letter country code whose public holidays the holidays package knows."""
    import holidays

    if len(value) != 2 or value not in holidays.list_supported_countries():
        raise ValidationError(
            _("%(value)s is not a two-letter country code with known public holidays (e.g. PL)."),
            params={"value": value},
            code="unknown_country",
        )


validate_lms_orgs = RegexValidator(
    r"^\s*[A-Za-z0-9_.~-]+(\s*,\s*[A-Za-z0-9_.~-]+)*\s*$",
    _("Give organisation codes separated by commas, e.g. UMWarszawa, MC."),
)


class Institution(models.Model):
    """A public body (urząd, ministry, municipality) that owns everything its people create."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality office")
        COUNTY = "county", _("County office")
        VOIVODESHIP = "voivodeship", _("Voivodeship office")
        MINISTRY = "ministry", _("Ministry")
        AGENCY = "agency", _("Government agency")
        OTHER = "other", _("Other public body")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=16, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Warsaw", validators=[validate_time_zone]
    )
    country = models.CharField(
        _("country for public holidays"),
        max_length=2,
        default="PL",
        help_text=_("ISO 3166 two-letter code."),
        validators=[validate_holiday_country],
    )
    is_active = models.BooleanField(_("active"), default=True)
    lms_orgs = models.CharField(
        _("Open edX organisations"),
        max_length=500,
        blank=True,
        validators=[validate_lms_orgs],
        help_text=_(
            "Comma-separated organisation codes of Open edX courses (the Org in "
            "course-v1:Org+Course+Run) whose meetings and consultations belong to this institution."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return self.name

    @property
    def lms_org_codes(self) -> list[str]:
        return [code.strip() for code in self.lms_orgs.split(",") if code.strip()]

    def clean(self) -> None:
        """Refuse Open edX organisations another active institution lists: the courses of
        such an organisation would belong to neither (see courses.services.institutions)."""
        codes = {code.lower(): code for code in self.lms_org_codes}
        if not codes or not self.is_active:
            return
        others = Institution.objects.filter(is_active=True).exclude(pk=self.pk).exclude(lms_orgs="")
        taken = [
            f"{codes[code.lower()]} ({other.name})"
            for other in others.order_by("name", "pk")
            for code in other.lms_org_codes
            if code.lower() in codes
        ]
        if taken:
            message = _(
                "Another institution already lists these Open edX organisations: %(taken)s."
            )
            raise ValidationError(
                {
                    "lms_orgs": ValidationError(
                        message, code="lms_org_taken", params={"taken": ", ".join(taken)}
                    )
                }
            )


class Unit(models.Model):
    """A department (wydział) or smaller team inside one institution."""

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="units", verbose_name=_("institution")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    location = models.CharField(_("room or address"), max_length=200, blank=True)
    is_public = models.BooleanField(
        _("shown to citizens"),
        default=True,
        help_text=_("Public units appear on the institution's page for citizens."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "slug"], name="unit_slug_per_institution"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id and self.parent.institution_id != self.institution_id:
            raise ValidationError({"parent": _("The parent unit belongs to another institution.")})


class Membership(models.Model):
    """A person's place in an institution: in a unit as official or manager, or as its admin."""

    class Role(models.TextChoices):
        OFFICIAL = "official", _("Official")
        UNIT_MANAGER = "unit_manager", _("Unit manager")
        INSTITUTION_ADMIN = "institution_admin", _("Institution admin")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("institution"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("unit"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OFFICIAL)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "institution", "unit"], name="membership_once_per_unit"
            ),
            models.CheckConstraint(
                condition=models.Q(role="institution_admin") | models.Q(unit__isnull=False),
                name="membership_unit_required_below_admin",
            ),
        ]
        indexes = [models.Index(fields=["user", "institution"], name="membership_user_inst")]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()} ({self.unit or self.institution})"

    def clean(self) -> None:
        """A place in a unit of another institution would lend that institution's sight."""
        if self.unit_id and self.institution_id and self.unit.institution_id != self.institution_id:
            raise ValidationError({"unit": _("The unit belongs to another institution.")})


class Invitation(models.Model):
    """A place in an institution offered to an e-mail address. Nobody joins an institution
    without saying yes: the place is made only when the address's owner accepts."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("invitation", "Waiting for an answer")
        ACCEPTED = "accepted", pgettext_lazy("invitation", "Accepted")
        DECLINED = "declined", pgettext_lazy("invitation", "Declined")
        REVOKED = "revoked", pgettext_lazy("invitation", "Withdrawn")

    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("institution"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("unit"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254)
    full_name = models.CharField(_("full name"), max_length=255, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # Changes with every sending and answer: links of earlier sendings stop working.
    key = models.CharField(max_length=32)
    sent_at = models.DateTimeField(_("sent"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [
            models.Index(fields=["institution", "status"], name="invitation_inst_status"),
            models.Index(fields=["email", "status"], name="invitation_email_status"),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.unit or self.institution} ({self.get_status_display()})"


class PeopleImport(models.Model):
    """One uploaded CSV of officials, checked at upload and imported row by row in the
    background; ``processed`` rows are committed together with their outcome, so an import
    that stops resumes where it stopped and never invites anyone twice."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("import", "Waiting to start")
        RUNNING = "running", pgettext_lazy("import", "Importing")
        DONE = "done", pgettext_lazy("import", "Finished")

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="people_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file_name = models.CharField(max_length=255, blank=True)
    language = models.CharField(max_length=8, default="pl")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # The rows that passed the checks: line, email, full_name, unit (id), role, job_title.
    rows = models.JSONField(default=list)
    # [line, column, message] of every row refused, at upload or while importing.
    errors = models.JSONField(default=list)
    processed = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    invited = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # Moves with every committed chunk: an unfinished import that stands still is queued again.
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import of officials")
        verbose_name_plural = _("imports of officials")

    def __str__(self) -> str:
        return f"{self.institution} {self.created_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def rows_with_errors(self) -> int:
        return len({line for line, _column, _message in self.errors})
