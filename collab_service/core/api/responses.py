"""Schema pieces every app's endpoints share."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.request import Request


class ApiErrorSerializer(serializers.Serializer):
    """The JSON of every error answer (see core.api.errors)."""

    message = serializers.CharField()
    code = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


def errors(*statuses: int) -> dict[int, OpenApiResponse]:
    return {status: OpenApiResponse(ApiErrorSerializer) for status in statuses}


class FileDownloadMixin:
    """For views that answer a file: any Accept header gets the file, errors stay JSON."""

    def perform_content_negotiation(self, request: Request, force: bool = False):
        return super().perform_content_negotiation(request, force=True)
