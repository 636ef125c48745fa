"""The one settings module of the service, read from environment variables.

With no variables set it runs embedded: SQLite, local-memory cache, Celery tasks run in-process
and e-mail written to files under the data directory. ``COLLAB_MODE=production`` switches on
the secure defaults and requires the secrets an operator must set (see docs/operators.md).
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from collab_service.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent

COLLAB_MODE = env_str("COLLAB_MODE", "embedded")
if COLLAB_MODE not in {"embedded", "production"}:
    raise ImproperlyConfigured("COLLAB_MODE must be 'embedded' or 'production'")
PRODUCTION = COLLAB_MODE == "production"

DATA_DIR = Path(env_str("COLLAB_DATA_DIR", str(Path.cwd() / "var"))).resolve()

SECRET_KEY = env_str("COLLAB_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("COLLAB_SECRET_KEY is required in production mode")
    SECRET_KEY = "embedded-mode-only-not-secret"  # noqa: S105 - never used in production mode
DEBUG = env_bool("COLLAB_DEBUG", default=False)
ALLOWED_HOSTS = env_list(
    "COLLAB_ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("COLLAB_ALLOWED_HOSTS is required in production mode")
CSRF_TRUSTED_ORIGINS = env_list("COLLAB_CSRF_TRUSTED_ORIGINS")
PUBLIC_URL = env_str("COLLAB_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
# Behind a proxy that serves plain http (a local Tutor without HTTPS), cookies cannot be Secure.
SECURE_COOKIES = env_bool("COLLAB_SECURE_COOKIES", default=PRODUCTION)

INSTALLED_APPS = [
    "collab_service.core",  # first: its templates refine the admin's
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "collab_service.accounts",
    "collab_service.institutions",
    "collab_service.notifications",
    "collab_service.appointments",
    "collab_service.meetings",
    "collab_service.tasks",
    "collab_service.calendars",
    "collab_service.courses",
    "collab_service.training",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CORS for the few public endpoints browsers on LMS pages call (docs/courses.md).
    "collab_service.courses.middleware.LmsCorsMiddleware",
    "collab_service.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "collab_service.core.middleware.LanguageMiddleware",
    "collab_service.core.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "collab_service.urls"
WSGI_APPLICATION = "collab_service.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "institutions:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'collab.sqlite3'}"),
        conn_max_age=env_int("COLLAB_DB_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.mysql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"charset": "utf8mb4", "init_command": "SET sql_mode='STRICT_TRANS_TABLES'"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "collab_service.core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "collab",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

CELERY_TASK_ALWAYS_EAGER = env_bool("COLLAB_CELERY_EAGER", default=not PRODUCTION)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The worker keeps the LOGGING below (its secret filter) instead of replacing the root handlers.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_DEFAULT_QUEUE = "collab"
CELERY_BEAT_SCHEDULE = {
    "appointments-holds-expire": {
        "task": "collab_service.appointments.tasks.holds_expire",
        "schedule": 60,
    },
    "appointments-waiting-list": {
        "task": "collab_service.appointments.tasks.waiting_list_offers",
        "schedule": 60,
    },
    "appointments-reminders": {
        "task": "collab_service.appointments.tasks.reminders",
        "schedule": 300,
    },
    "appointments-anonymise": {
        "task": "collab_service.appointments.tasks.anonymise",
        "schedule": 24 * 3600,
    },
    "calendars-pull-due": {
        "task": "collab_service.calendars.tasks.pulls_due",
        "schedule": 60,
    },
    "calendars-push-due": {
        "task": "collab_service.calendars.tasks.pushes_due",
        "schedule": 60,
    },
    "notifications-outbox-flush": {
        "task": "collab_service.notifications.tasks.outbox_flush",
        "schedule": env_int("COLLAB_OUTBOX_FLUSH_SECONDS", 60),
    },
    "tasks-notifications": {
        "task": "collab_service.tasks.tasks.notifications_send",
        "schedule": 60,
    },
    "tasks-reminders": {
        "task": "collab_service.tasks.tasks.reminders_send",
        "schedule": 60,
    },
    "institutions-imports-resume": {
        "task": "collab_service.institutions.tasks.people_imports_resume",
        "schedule": 300,
    },
}
# Task e-mails wait this long so that several changes reach a person as one e-mail.
TASKS_NOTIFY_BATCH_SECONDS = env_int("COLLAB_TASKS_NOTIFY_BATCH_SECONDS", 300)

SMTP_HOST = env_str("SMTP_HOST")
if SMTP_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = SMTP_HOST
    EMAIL_PORT = env_int("SMTP_PORT", 587)
    EMAIL_HOST_USER = env_str("SMTP_USER")
    EMAIL_HOST_PASSWORD = env_str("SMTP_PASSWORD")
    EMAIL_USE_TLS = env_bool("SMTP_USE_TLS", default=EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("SMTP_USE_SSL", default=EMAIL_PORT == 465)
    EMAIL_TIMEOUT = env_int("SMTP_TIMEOUT", 20)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = env_str("COLLAB_FROM_EMAIL", "SZPoN <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OUTBOX_MAX_ATTEMPTS = env_int("COLLAB_OUTBOX_MAX_ATTEMPTS", 20)

LMS_URL = env_str("COLLAB_LMS_URL").rstrip("/")
LMS_JWT = {
    "issuer": env_str("COLLAB_LMS_JWT_ISSUER", f"{LMS_URL}/oauth2" if LMS_URL else ""),
    "audience": env_str("COLLAB_LMS_JWT_AUDIENCE", "openedx"),
    "public_jwks": env_str("COLLAB_LMS_JWT_PUBLIC_JWKS"),
    "algorithms": env_list("COLLAB_LMS_JWT_ALGORITHMS", ["RS512", "RS256"]),
    "leeway_seconds": env_int("COLLAB_LMS_JWT_LEEWAY_SECONDS", 30),
}
# "Sign in with your Open edX account": the LMS as OAuth2 provider, offered when the client and
# the LMS JWT keys are configured. Browsers go to LMS_URL; the code is exchanged at "url", the
# LMS as this service reaches it (inside Tutor, http://lms:8000).
LMS_OAUTH = {
    "client_id": env_str("COLLAB_LMS_OAUTH_CLIENT_ID"),
    "client_secret": env_str("COLLAB_LMS_OAUTH_CLIENT_SECRET"),
    "url": env_str("COLLAB_LMS_OAUTH_URL", LMS_URL).rstrip("/"),
    "timeout_seconds": 10.0,
}

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "collab_language"
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env_str("COLLAB_TIME_ZONE", "Europe/Warsaw")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Images collect static files at build time, outside the data volume mounted at run time.
STATIC_ROOT = Path(env_str("COLLAB_STATIC_ROOT", str(DATA_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = DATA_DIR / "media"
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("COLLAB_UPLOAD_MAX_BYTES", 2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SIGN_IN_MAX_FAILURES = env_int("COLLAB_SIGN_IN_MAX_FAILURES", 10)
SIGN_IN_LOCKOUT_SECONDS = env_int("COLLAB_SIGN_IN_LOCKOUT_SECONDS", 900)
# django-axes counts failed sign-ins (the sign-in page and the admin's) per username and client
# address in the database, so every web process sees the same count (accounts.lockout).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = "collab_service.accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = "collab_service.accounts.lockout.cool_off"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "collab_service.accounts.lockout.username"
AXES_CLIENT_IP_CALLABLE = "collab_service.core.client_ip.client_address"
AXES_LOCKOUT_CALLABLE = "collab_service.accounts.lockout.locked_out_response"
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False  # no start-up banner in every command; failures are still logged

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "collab_service.accounts.authentication.LmsJwtAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "collab_service.core.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "collab_service.core.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["collab_service.core.api.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SZPoN collaboration service API",
    "DESCRIPTION": "The SZPoN collaboration service: institutions, units and people.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Own names: the LMS's "sessionid" and "csrftoken" are sent to its subdomains (Tutor sets their
# domain), and the browser's older cookie of the same name would shadow the service's.
SESSION_COOKIE_NAME = "collab_sessionid"
CSRF_COOKIE_NAME = "collab_csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_SSL_REDIRECT = env_bool("COLLAB_SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = env_int("COLLAB_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
BEHIND_PROXY = env_bool("COLLAB_BEHIND_PROXY", default=PRODUCTION)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Who the visitor is (lockouts, rate limits): X-Forwarded-For is believed only for hops added by
# trusted proxies, at most PROXY_COUNT of them, nearest first (core.client_ip).
PROXY_COUNT = env_int("COLLAB_PROXY_COUNT", 1 if BEHIND_PROXY else 0)
TRUSTED_PROXIES = env_list(
    "COLLAB_TRUSTED_PROXIES",
    ["127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "::1/128", "fc00::/7"],
)
CONTENT_SECURITY_POLICY = env_str(
    "COLLAB_CSP",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'",
)

# Every line passes RedactSecrets: tokens in links and OAuth codes never reach the logs.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "collab_service.core.log_redaction.RedactSecrets"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact"],
        },
    },
    "loggers": {
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env_str("COLLAB_LOG_LEVEL", "INFO")},
}

BOOKING_HOLD_MINUTES = env_int("COLLAB_BOOKING_HOLD_MINUTES", 15)
BOOKING_WAITLIST_OFFER_MINUTES = env_int("COLLAB_BOOKING_WAITLIST_OFFER_MINUTES", 240)
BOOKING_REMINDER_MINUTES = [
    int(minutes) for minutes in env_list("COLLAB_BOOKING_REMINDER_MINUTES", ["1440", "60"])
]
BOOKING_RETENTION_DAYS = env_int("COLLAB_BOOKING_RETENTION_DAYS", 90)
BOOKING_LIMIT_PER_CLIENT_HOUR = env_int("COLLAB_BOOKING_LIMIT_PER_CLIENT_HOUR", 20)
BOOKING_LIMIT_PER_EMAIL_DAY = env_int("COLLAB_BOOKING_LIMIT_PER_EMAIL_DAY", 5)
BOOKING_LIMIT_LOOKUPS_PER_CLIENT_HOUR = env_int("COLLAB_BOOKING_LIMIT_LOOKUPS_PER_CLIENT_HOUR", 30)
BOOKING_LIMIT_LOOKUPS_PER_CODE_HOUR = env_int("COLLAB_BOOKING_LIMIT_LOOKUPS_PER_CODE_HOUR", 10)
BOOKING_FORM_MIN_SECONDS = env_int("COLLAB_BOOKING_FORM_MIN_SECONDS", 3)
BOOKING_VIDEO_PROVIDER = env_str(
    "COLLAB_BOOKING_VIDEO_PROVIDER", "collab_service.meetings.booking_video.BookingMeetings"
)

# Video meetings on Jitsi (docs/operators.md, "Video meetings"). The embedded default points at a
# docker-jitsi-meet started on this machine with JWT_APP_ID=szpon and the secret below.
JITSI_BACKENDS = {
    "self-hosted": "collab_service.meetings.video.self_hosted.VideoBackend",
    "jaas": "collab_service.meetings.video.jaas.VideoBackend",
}
_jitsi_provider = env_str("COLLAB_JITSI_PROVIDER", "self-hosted")
if _jitsi_provider not in JITSI_BACKENDS:
    raise ImproperlyConfigured("COLLAB_JITSI_PROVIDER must be 'self-hosted' or 'jaas'")
_jitsi_secret = env_str("COLLAB_JITSI_APP_SECRET")
if not _jitsi_secret and _jitsi_provider == "self-hosted":
    if PRODUCTION:
        raise ImproperlyConfigured("COLLAB_JITSI_APP_SECRET is required in production mode")
    _jitsi_secret = "embedded-mode-only-jitsi-app-secret-not-secret"  # noqa: S105 - never used in production mode
JITSI = {
    "backend": JITSI_BACKENDS[_jitsi_provider],
    "url": env_str("COLLAB_JITSI_URL", "https://localhost:8443"),
    "app_id": env_str("COLLAB_JITSI_APP_ID", "szpon"),
    "app_secret": _jitsi_secret,
    "audience": env_str("COLLAB_JITSI_AUDIENCE", "jitsi"),
    "subject": env_str("COLLAB_JITSI_SUBJECT", "meet.jitsi"),
    "jaas_app_id": env_str("COLLAB_JAAS_APP_ID"),
    "jaas_key_id": env_str("COLLAB_JAAS_KEY_ID"),
    "jaas_private_key": env_str("COLLAB_JAAS_PRIVATE_KEY"),
    "token_minutes": env_int("COLLAB_JITSI_TOKEN_MINUTES", 10),
}
MEETINGS_JOIN_EARLY_MINUTES = env_int("COLLAB_MEETINGS_JOIN_EARLY_MINUTES", 15)
MEETINGS_JOIN_LATE_MINUTES = env_int("COLLAB_MEETINGS_JOIN_LATE_MINUTES", 30)
MEETINGS_START_NOW_MINUTES = env_int("COLLAB_MEETINGS_START_NOW_MINUTES", 60)
MEETINGS_MODERATOR_FEATURES = env_list(
    "COLLAB_MEETINGS_MODERATOR_FEATURES", ["lobby", "moderation", "screen-sharing"]
)
MEETINGS_MEMBER_FEATURES = env_list("COLLAB_MEETINGS_MEMBER_FEATURES", ["screen-sharing"])
MEETINGS_MAX_PARTICIPANTS = env_int("COLLAB_MEETINGS_MAX_PARTICIPANTS", 200)
# Jitsi's server side: event sync posts attendance with this bearer token (empty: refused);
# the reservation API refuses rooms outside their schedule when switched on; mod_muc_size
# answers the live participant count.
JITSI_EVENT_SYNC_TOKEN = env_str("COLLAB_JITSI_EVENT_SYNC_TOKEN")
JITSI_RESERVATIONS = env_bool("COLLAB_JITSI_RESERVATIONS", default=False)
JITSI_ROOM_SIZE_URL = env_str("COLLAB_JITSI_ROOM_SIZE_URL").rstrip("/")
JITSI_XMPP_DOMAIN = env_str("COLLAB_JITSI_XMPP_DOMAIN", "meet.jitsi")
JITSI_HTTP_TIMEOUT_SECONDS = float(env_str("COLLAB_JITSI_HTTP_TIMEOUT_SECONDS", "1.0"))
JITSI_HTTP_RETRIES = env_int("COLLAB_JITSI_HTTP_RETRIES", 1)

# Officials' CalDAV calendars (docs/operators.md, "Calendars"). Passwords and tokens are encrypted
# with the first of CALDAV_SECRET_KEYS (Fernet keys; older ones still decrypt), else with a key
# derived from the secret key.
CALDAV_SECRET_KEYS = env_list("COLLAB_CALDAV_SECRET_KEYS")
CALDAV_PULL_MINUTES = env_int("COLLAB_CALDAV_PULL_MINUTES", 10)
CALDAV_PULL_DAYS = env_int("COLLAB_CALDAV_PULL_DAYS", 370)
CALDAV_FULL_RESYNC_HOURS = env_int("COLLAB_CALDAV_FULL_RESYNC_HOURS", 24)
CALDAV_TIMEOUT_SECONDS = env_int("COLLAB_CALDAV_TIMEOUT_SECONDS", 15)
CALDAV_BLOCK_PRIVATE_ADDRESSES = env_bool(
    "COLLAB_CALDAV_BLOCK_PRIVATE_ADDRESSES", default=PRODUCTION
)

# Open edX courses (docs/courses.md): course meetings, consultations and learner bookings.
# A course's meetings belong to the institution whose "Open edX organisations" list its org,
# else to the institution named here (slug). Browsers on these origins may call the public
# course endpoints and the public booking endpoints (CORS); pages from COLLAB_FRAME_ANCESTORS
# (LMS, its Learning MFE, Studio) may frame the course join page.
LMS_DEFAULT_INSTITUTION = env_str("COLLAB_LMS_DEFAULT_INSTITUTION")
LMS_ORIGINS = [
    origin.rstrip("/") for origin in env_list("COLLAB_LMS_ORIGINS", [LMS_URL] if LMS_URL else [])
]
FRAME_ANCESTORS = [origin.rstrip("/") for origin in env_list("COLLAB_FRAME_ANCESTORS", LMS_ORIGINS)]
COURSES_JOIN_LINK_MINUTES = env_int("COLLAB_COURSES_JOIN_LINK_MINUTES", 30)
COURSES_PUBLIC_READS_PER_CLIENT_HOUR = env_int("COLLAB_COURSES_PUBLIC_READS_PER_CLIENT_HOUR", 600)
COURSES_GUEST_JOINS_PER_CLIENT_HOUR = env_int("COLLAB_COURSES_GUEST_JOINS_PER_CLIENT_HOUR", 30)
# Training records and certificate validity (docs/training.md): how often beat looks for
# certificates whose expiry reminder is due. Course links in reminders use LMS_URL.
TRAINING_REMINDER_SECONDS = env_int("COLLAB_TRAINING_REMINDER_SECONDS", 3600)
CELERY_BEAT_SCHEDULE["training-certificate-reminders"] = {
    "task": "collab_service.training.tasks.certificate_reminders_send",
    "schedule": TRAINING_REMINDER_SECONDS,
}
