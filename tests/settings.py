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

# --- The Open edX plugin apps, loaded the way the LMS loads them ------------------------------
# The LMS adds every `lms.djangoapp` entry point to INSTALLED_APPS, applies their plugin settings
# (common, then the settings type of the running environment), mounts their URLs next to its
# own and connects their signal receivers in the platform's plugins app. Here the service plays
# the LMS's Django project: its URLs and the plugin's are served by the same live server.
from edx_django_utils.plugins import add_plugins, get_plugin_apps  # noqa: E402

from edx_plugins.szpon.compat import ProjectType, SettingsType  # noqa: E402

INSTALLED_APPS = [
    *INSTALLED_APPS,  # noqa: F405
    *get_plugin_apps(ProjectType.LMS),
    "tests.edx_plugins.platform.PluginsConfig",
]
ROOT_URLCONF = "tests.urls"
# What the LMS already has: another block's settings and an operator's value for one of ours.
XBLOCK_SETTINGS = {"some_other_block": {"KEY": "kept"}, "szpon_meeting": {"OPERATOR_KEY": "kept"}}
add_plugins(__name__, ProjectType.LMS, SettingsType.COMMON)
add_plugins(__name__, ProjectType.LMS, SettingsType.TEST)
# Signed with the test key that LMS_JWT above trusts; URL is set per test to the live server.
SZPON_SERVICE.update(  # noqa: F405
    {
        "JWT_PRIVATE_KEY": jwt_keys.private_pem("lms"),
        "JWT_ISSUER": jwt_keys.ISSUER,
        "JWT_KID": jwt_keys.KID,
    }
)
