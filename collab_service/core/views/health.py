"""Liveness (the process answers) and readiness (its database and Redis answer)."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _database_ok() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "not ready"
        return f"{type(exc).__name__}"
    return None


def _redis_ok() -> str | None:
    if not settings.REDIS_URL:
        return None
    try:
        cache.set("health:ready", "1", timeout=5)
        if cache.get("health:ready") != "1":
            return "read-back mismatch"
    except Exception as exc:  # connection refused, timeout, auth
        return f"{type(exc).__name__}"
    return None


@require_GET
@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database_ok(), "redis": _redis_ok()}
    if not settings.REDIS_URL:
        checks.pop("redis")
    failed = {name: error for name, error in checks.items() if error}
    body = {
        "status": "unavailable" if failed else "ok",
        "checks": {name: (error or "ok") for name, error in checks.items()},
    }
    return JsonResponse(body, status=503 if failed else 200)
