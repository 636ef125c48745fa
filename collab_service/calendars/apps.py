from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "collab_service.calendars"
    label = "calendars"
    verbose_name = _("Calendars")

    def ready(self) -> None:
        from collab_service.calendars import signals

        signals.connect()
