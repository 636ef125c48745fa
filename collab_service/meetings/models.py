import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from collab_service.institutions.models import Institution, Unit


def new_room_name() -> str:
    """128 random bits, lower-case (Prosody compares room names lower-cased)."""
    return "szpon" + secrets.token_hex(16)


class Meeting(models.Model):
    """A video meeting on Jitsi: the service keeps its schedule, people, roles and attendance;
    Jitsi only holds the call while someone is in the room."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("institution"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("unit"),
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organised_meetings",
        verbose_name=_("organiser"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    room_name = models.CharField(max_length=64, unique=True, default=new_room_name, editable=False)
    lobby_enabled = models.BooleanField(_("lobby"), default=False)
    recording_allowed = models.BooleanField(_("recording allowed"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    sequence = models.PositiveIntegerField(default=0)
    # What the meeting was made for, when not by hand: "booking:<id>" for a video visit.
    source = models.CharField(max_length=100, null=True, blank=True, unique=True)
    language = models.CharField(max_length=5, default="pl")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    room_created_at = models.DateTimeField(null=True, blank=True)
    room_destroyed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["institution", "start"], name="meeting_inst_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="meeting_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    """Someone invited to a meeting: a colleague (``user``) or an external guest (e-mail only).

    ``id`` is what Jitsi knows them by: it goes into the room token as ``context.user.id`` and
    comes back in event-sync events, which is how attendance finds its person.
    """

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        CO_ORGANISER = "co_organiser", _("Co-organiser")
        MEMBER = "member", _("Participant")
        GUEST = "guest", _("Guest")

    MODERATOR_ROLES = (Role.ORGANISER, Role.CO_ORGANISER)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meeting_participations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    language = models.CharField(max_length=5, default="pl")
    invited_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    link_version = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["meeting", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], name="participant_user_once_per_meeting"
            ),
        ]
        indexes = [models.Index(fields=["meeting", "email"], name="participant_meeting_email")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_moderator(self) -> bool:
        """Organisers and co-organisers with an account; a guest never is, whatever the role."""
        return self.role in self.MODERATOR_ROLES and self.user_id is not None

    @property
    def is_guest(self) -> bool:
        return self.user_id is None


class AttendanceSession(models.Model):
    """One stay of one occupant in the meeting's room, as Jitsi's event sync reported it.

    (meeting, occupant_jid, joined_at) identifies the stay, so a replayed event changes nothing.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    occupant_jid = models.CharField(max_length=255)
    name = models.CharField(max_length=200, blank=True)
    joined_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)
    breakout_room = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "occupant_jid", "joined_at"], name="attendance_stay_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.joined_at:%Y-%m-%d %H:%M}"
