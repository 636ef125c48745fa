"""Settings for the suite: the service's own settings on real servers chosen by SZPON_TEST_DB."""

import os
import uuid

from collab_service.settings import *  # noqa: F403
from tests.infra import jwt_keys, servers

TEST_DB = os.environ.get("SZPON_TEST_DB", "postgresql")
DATABASES = {"default": servers.database_settings(TEST_DB)}

_redis = servers.redis()
REDIS_URL = f"redis://{_redis[0]}:{_redis[1]}/9" if _redis else ""
RUN_ID = uuid.uuid4().hex[:8]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "collab_service.core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"szpon-test-{RUN_ID}",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_DEFAULT_QUEUE = f"collab-test-{RUN_ID}"

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
COLLAB_PUBLIC_URL = PUBLIC_URL = "http://testserver"

LMS_JWT = {
    "issuer": jwt_keys.ISSUER,
    "audience": jwt_keys.AUDIENCE,
    "public_jwks": jwt_keys.public_jwks(),
    "algorithms": ["RS512", "RS256"],
    "leeway_seconds": 0,
}

STATIC_ROOT = servers.scratch_dir("static")

# Humans take seconds to fill the booking form; the browser tests take about one.
BOOKING_FORM_MIN_SECONDS = 0
