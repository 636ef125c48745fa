"""Pieces shared by the citizens' and the officials' booking endpoints."""

from zoneinfo import ZoneInfo

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.request import Request

from collab_service.appointments.models import Booking, BusyInterval


class ApiErrorSerializer(serializers.Serializer):
    """The JSON of every error answer (see core.api.errors)."""

    message = serializers.CharField()
    code = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


def errors(*statuses: int) -> dict[int, OpenApiResponse]:
    return {status: OpenApiResponse(ApiErrorSerializer) for status in statuses}


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


class FileDownloadMixin:
    """For views that answer a file: any Accept header gets the file, errors stay JSON."""

    def perform_content_negotiation(self, request: Request, force: bool = False):
        return super().perform_content_negotiation(request, force=True)
