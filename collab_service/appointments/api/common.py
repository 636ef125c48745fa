"""Pieces shared by the citizens' and the officials' booking endpoints."""

from zoneinfo import ZoneInfo

from django.utils import timezone

from collab_service.appointments.models import Booking, BusyInterval
from collab_service.core.api.responses import ApiErrorSerializer, FileDownloadMixin, errors

__all__ = ["ApiErrorSerializer", "FileDownloadMixin", "InstitutionTimeMixin", "errors"]


class InstitutionTimeMixin:
    """Times are written in the zone of the booking's (or block's agenda's) institution."""

    def to_representation(self, instance: Booking | BusyInterval) -> dict:
        institution = (
            instance.agenda.institution
            if isinstance(instance, BusyInterval)
            else instance.institution
        )
        with timezone.override(ZoneInfo(institution.time_zone)):
            return super().to_representation(instance)
