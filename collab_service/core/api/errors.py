"""One JSON shape for every API error: ``{"message": ..., "code": ..., "errors": {...}}``."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from collab_service.core.errors import DomainError


def _first_message(detail: object) -> str:
    if isinstance(detail, dict):
        for key, value in detail.items():
            message = _first_message(value)
            return message if key in {"detail", "non_field_errors"} else f"{key}: {message}"
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    return str(detail)


def _api_error(message: str, status_code: int, code: str) -> exceptions.APIException:
    error = exceptions.APIException(message, code=code)
    error.status_code = status_code
    return error


def exception_handler(exc: Exception, context: dict) -> Response | None:
    # A 400 rule keeps the validation shape (``errors``) and its own code when it names one.
    domain_code = exc.code if isinstance(exc, DomainError) else ""
    if isinstance(exc, DomainError) and exc.status_code != 400:
        exc = _api_error(str(exc), exc.status_code, exc.code)
    elif isinstance(exc, DomainError):
        exc = exceptions.ValidationError({"non_field_errors": [str(exc)]})
    elif isinstance(exc, IntegrityError):
        message = _("This conflicts with a change saved at the same moment; please try again.")
        exc = _api_error(message, status.HTTP_409_CONFLICT, "conflict")
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    body: dict[str, object] = {"message": _first_message(detail)}
    if isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        body["code"] = codes if isinstance(codes, str) else domain_code or "invalid"
    if isinstance(detail, dict) and "detail" not in detail:
        body["errors"] = detail
    elif isinstance(detail, list):
        body["errors"] = {"non_field_errors": detail}
    response.data = body
    return response
