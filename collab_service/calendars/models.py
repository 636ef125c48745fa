"""An official's link to an external CalDAV server, what we push there and what we pull back."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarConnection(models.Model):
    """One official's CalDAV account. The password or token is stored encrypted (see crypto.py)."""

    class AuthKind(models.TextChoices):
        PASSWORD = "password", _("User name and app password")
        BEARER = "bearer", _("Access token")

    class State(models.TextChoices):
        NEW = "new", _("Not tested yet")
        OK = "ok", _("Working")
        AUTH_FAILED = "auth_failed", _("The server refused the user name or password")
        FAILING = "failing", _("The server cannot be reached or answers with errors")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_connection"
    )
    server_url = models.URLField(_("CalDAV server address"), max_length=500)
    username = models.CharField(_("user name"), max_length=200, blank=True)
    auth_kind = models.CharField(
        _("sign-in method"), max_length=10, choices=AuthKind.choices, default=AuthKind.PASSWORD
    )
    secret_encrypted = models.TextField(blank=True)
    events_calendar_url = models.URLField(_("calendar for events"), max_length=500, blank=True)
    tasks_calendar_url = models.URLField(_("calendar for tasks"), max_length=500, blank=True)
    busy_calendar_urls = models.JSONField(
        _("calendars that make you busy"), default=list, blank=True
    )
    discovered_calendars = models.JSONField(
        default=list, blank=True, help_text="[{url, name, components}] found by the last test"
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.NEW)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_tested_at = models.DateTimeField(null=True, blank=True)
    test_requested_at = models.DateTimeField(null=True, blank=True)
    last_pull_at = models.DateTimeField(null=True, blank=True)
    last_push_at = models.DateTimeField(null=True, blank=True)
    next_pull_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar connection")
        verbose_name_plural = _("calendar connections")
        indexes = [models.Index(fields=["next_pull_at"], name="caldav_next_pull")]

    def __str__(self) -> str:
        return f"{self.user} → {self.server_url}"


class RemoteCalendar(models.Model):
    """Sync state of one pulled calendar: its RFC 6578 token, or none (windowed search)."""

    connection = models.ForeignKey(
        CalendarConnection, on_delete=models.CASCADE, related_name="remote_calendars"
    )
    url = models.URLField(max_length=500)
    sync_token = models.TextField(blank=True)
    supports_sync = models.BooleanField(default=True)
    last_full_sync_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["connection", "url"], name="remote_calendar_once")
        ]

    def __str__(self) -> str:
        return self.url


class ExternalEvent(models.Model):
    """A local copy of one object of a pulled calendar; busy time is expanded from it."""

    remote_calendar = models.ForeignKey(
        RemoteCalendar, on_delete=models.CASCADE, related_name="events"
    )
    href = models.CharField(max_length=500)
    etag = models.CharField(max_length=200, blank=True)
    uid = models.CharField(max_length=255, blank=True)
    ics = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["remote_calendar", "href"], name="external_event_href")
        ]

    def __str__(self) -> str:
        return self.href


class PushItem(models.Model):
    """The outbox of CalDAV pushes: one row per (official, object), written with the change.

    The worker renders the object's current state when it delivers, so many changes in a row
    collapse into one push; ``generation`` tells it whether a change came in while it was busy.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        DONE = "done", _("Sent")

    connection = models.ForeignKey(
        CalendarConnection, on_delete=models.CASCADE, related_name="push_items"
    )
    source = models.CharField(max_length=80, help_text="meeting:<id>, booking:<id> or task:<id>")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    generation = models.PositiveIntegerField(default=1)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    remote_href = models.CharField(max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["connection", "source"], name="push_item_once")
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="push_item_due"),
            models.Index(fields=["source"], name="push_item_source"),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.connection_id}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A secret address from which any calendar application can subscribe to an official's
    calendar. Making a new one revokes the old address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user}"
