"""The settings module read from environment variables, embedded and production."""

import json
import os
import subprocess
import sys

import pytest

_DUMP = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'engine': s.DATABASES['default']['ENGINE'],"
    "'db_options': s.DATABASES['default'].get('OPTIONS', {}),"
    "'cache': s.CACHES['default']['BACKEND'], 'eager': s.CELERY_TASK_ALWAYS_EAGER,"
    "'broker': s.CELERY_BROKER_URL, 'mail': s.EMAIL_BACKEND, 'hsts': s.SECURE_HSTS_SECONDS,"
    "'secure_cookies': s.SESSION_COOKIE_SECURE and s.CSRF_COOKIE_SECURE,"
    "'ssl_redirect': s.SECURE_SSL_REDIRECT, 'hosts': s.ALLOWED_HOSTS,"
    "'csp': s.CONTENT_SECURITY_POLICY,"
    "'proxy': bool(getattr(s, 'SECURE_PROXY_SSL_HEADER', None)), 'debug': s.DEBUG}))"
)


def _settings(tmp_path, **env: str):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("COLLAB_", "SMTP_"))}
    clean.pop("DATABASE_URL", None)
    clean.pop("REDIS_URL", None)
    clean.pop("CELERY_BROKER_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {_DUMP}"],
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "collab_service.settings",
            "COLLAB_DATA_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )
    return result


def test_embedded_defaults_need_no_configuration(tmp_path):
    result = _settings(tmp_path)

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["cache"].endswith("LocMemCache")
    assert values["eager"] is True
    assert values["mail"].endswith("filebased.EmailBackend")
    assert values["hsts"] == 0
    assert values["debug"] is False
    assert "default-src 'self'" in values["csp"]


PRODUCTION = {
    "COLLAB_MODE": "production",
    "COLLAB_SECRET_KEY": "x" * 50,
    "COLLAB_ALLOWED_HOSTS": "collab.example.gov.pl",
    "DATABASE_URL": "mysql://collab:pw@mysql:3306/collab",
    "REDIS_URL": "redis://redis:6379/3",
    "SMTP_HOST": "smtp.example.gov.pl",
    "COLLAB_JITSI_APP_SECRET": "j" * 40,
}


def test_production_settings_are_secure_and_use_the_servers(tmp_path):
    result = _settings(tmp_path, **PRODUCTION)

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.mysql"
    assert values["db_options"]["charset"] == "utf8mb4"
    assert values["cache"].endswith("RedisCache")
    assert values["eager"] is False
    assert values["broker"] == "redis://redis:6379/3"
    assert values["mail"].endswith("smtp.EmailBackend")
    assert values["hsts"] == 31_536_000
    assert values["secure_cookies"] is True
    assert values["ssl_redirect"] is True
    assert values["proxy"] is True
    assert values["hosts"] == ["collab.example.gov.pl"]


def test_postgresql_url_is_understood(tmp_path):
    result = _settings(tmp_path, **{**PRODUCTION, "DATABASE_URL": "postgres://u:p@db:5432/collab"})

    assert json.loads(result.stdout)["engine"] == "django.db.backends.postgresql"


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("COLLAB_SECRET_KEY", "COLLAB_SECRET_KEY is required"),
        ("COLLAB_ALLOWED_HOSTS", "COLLAB_ALLOWED_HOSTS is required"),
        ("COLLAB_JITSI_APP_SECRET", "COLLAB_JITSI_APP_SECRET is required"),
    ],
)
def test_production_refuses_to_start_without_secrets(tmp_path, missing, message):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}

    result = _settings(tmp_path, **env)

    assert result.returncode != 0
    assert message in result.stderr


def test_bad_boolean_is_a_clear_configuration_error(tmp_path):
    result = _settings(tmp_path, COLLAB_DEBUG="perhaps")

    assert result.returncode != 0
    assert "COLLAB_DEBUG must be a boolean" in result.stderr
