"""CORS for the few endpoints that anonymous browsers on LMS pages call directly.

Only the paths below answer cross-origin requests, only for the origins in ``LMS_ORIGINS``,
and never with credentials: these endpoints are public and take no cookies.
"""

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

CORS_PATHS = tuple(
    re.compile(pattern)
    for pattern in (
        r"^/api/v1/public/course-meetings/",
        r"^/api/v1/public/case-types/[0-9]{1,18}/availability/$",
        r"^/api/v1/public/institutions/[-a-zA-Z0-9_]+/case-types/$",
        r"^/api/v1/public/bookings/$",
    )
)
ALLOWED_METHODS = "GET, POST, OPTIONS"
ALLOWED_HEADERS = "Accept, Accept-Language, Content-Type, Idempotency-Key"
EXPOSED_HEADERS = "Content-Language, Retry-After"
PREFLIGHT_MAX_AGE = "600"


def cors_path(path: str) -> bool:
    return any(pattern.match(path) for pattern in CORS_PATHS)


class LmsCorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not cors_path(request.path_info):
            return self.get_response(request)
        origin = request.headers.get("Origin", "")
        allowed = bool(origin) and origin in settings.LMS_ORIGINS
        preflight = request.method == "OPTIONS" and "Access-Control-Request-Method" in (
            request.headers
        )
        if allowed and preflight:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
        else:
            response = self.get_response(request)
        if allowed:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        patch_vary_headers(response, ["Origin"])
        return response
