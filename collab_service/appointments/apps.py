from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "collab_service.appointments"
    label = "appointments"
    verbose_name = _("Appointments")

    def ready(self) -> None:
        from collab_service.appointments import signals

        signals.connect()
