import pytest
from django.conf import settings as django_settings

from tests.infra.servers import free_port, require

pytestmark = pytest.mark.django_db


def test_liveness(client):
    response = client.get("/health/live")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_checks_database_and_redis(client):
    require(bool(django_settings.REDIS_URL), "Redis")

    response = client.get("/health/ready")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}


def test_readiness_is_503_when_redis_is_down(client, settings):
    url = f"redis://127.0.0.1:{free_port()}/0"
    settings.REDIS_URL = url
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    }

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["checks"]["redis"] == "ConnectionError"


def test_health_is_not_cached(client):
    assert "no-cache" in client.get("/health/ready")["Cache-Control"]
