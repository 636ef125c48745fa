"""The rendered environment, loaded by the service's real settings module in a child process."""

import json
import subprocess
import sys

from tests.infra import jwt_keys
from tests.tutor_config.project import REPO, TutorProject, new_project

_PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "production": settings.PRODUCTION,
    "database": {k: settings.DATABASES["default"][k] for k in ("ENGINE", "NAME", "USER", "HOST")},
    "cache": settings.CACHES["default"]["LOCATION"],
    "broker": settings.CELERY_BROKER_URL,
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "email_backend": settings.EMAIL_BACKEND,
    "email": [getattr(settings, "EMAIL_HOST", None), getattr(settings, "EMAIL_PORT", None)],
    "email_path": getattr(settings, "EMAIL_FILE_PATH", None),
    "jitsi": settings.JITSI,
    "lms_origins": settings.LMS_ORIGINS,
    "frame_ancestors": settings.FRAME_ANCESTORS,
    "secure_cookies": settings.SESSION_COOKIE_SECURE,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "oauth_url": settings.LMS_OAUTH["url"],
    "issuer": settings.LMS_JWT["issuer"],
}))
"""


def service_settings(project: TutorProject) -> dict:
    environ = {
        **project.service_environ(),
        "DJANGO_SETTINGS_MODULE": "collab_service.settings",
    }
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + _PRINT_SETTINGS],
        env=environ,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_service_runs_in_production_mode_on_tutors_mysql_and_redis(default_project):
    values = service_settings(default_project)
    config = default_project.config()
    assert values["production"] is True
    assert values["eager"] is False
    assert values["database"] == {
        "ENGINE": "django.db.backends.mysql",
        "NAME": "szpon",
        "USER": "szpon",
        "HOST": "mysql",
    }
    assert config["SZPON_MYSQL_PASSWORD"] in default_project.env_file()["DATABASE_URL"]
    assert values["cache"] == "redis://redis:6379/3"
    assert values["broker"] == "redis://redis:6379/4"
    assert values["oauth_url"] == "http://lms:8000"
    assert values["issuer"] == "http://local.openedx.io/oauth2"
    # Plain http locally: cookies cannot be Secure; Caddy, not the service, redirects to https.
    assert values["secure_cookies"] is False
    assert values["ssl_redirect"] is False


def test_mail_goes_through_tutors_smtp_settings(default_project):
    values = service_settings(default_project)
    assert values["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["email"] == ["smtp", 8025]


def test_local_mail_mode_keeps_every_email_as_a_file(tmp_path):
    project = new_project(tmp_path, SZPON_MAIL_MODE="local")
    values = service_settings(project)
    assert values["email_backend"] == "django.core.mail.backends.filebased.EmailBackend"
    assert values["email_path"] == "/app/data/mail"
    assert "SMTP_HOST" not in project.env_file()


def test_an_external_smtp_relay_with_tls(tmp_path):
    project = new_project(
        tmp_path,
        SZPON_SMTP_HOST="poczta.urzad.example.gov.pl",
        SZPON_SMTP_PORT=587,
        SZPON_SMTP_USERNAME="szpon",
        SZPON_SMTP_PASSWORD="tajne-haslo",
        SZPON_SMTP_USE_TLS=True,
    )
    assert service_settings(project)["email"] == ["poczta.urzad.example.gov.pl", 587]
    env = project.env_file()
    assert (env["SMTP_USER"], env["SMTP_PASSWORD"], env["SMTP_USE_TLS"]) == (
        "szpon",
        "tajne-haslo",
        "true",
    )


def test_https_origins_and_the_jitsi_stack_reach_the_service(jitsi_project):
    values = service_settings(jitsi_project)
    assert values["secure_cookies"] is True
    assert values["lms_origins"] == [
        "https://kursy.urzad.example.gov.pl",
        "https://studio.kursy.urzad.example.gov.pl",
    ]
    assert values["frame_ancestors"] == values["lms_origins"]
    assert values["jitsi"]["url"] == "https://meet.kursy.urzad.example.gov.pl"
    assert values["jitsi"]["backend"].endswith("self_hosted.VideoBackend")


def test_jaas_reads_its_key_from_a_mounted_file(tmp_path):
    pem = jwt_keys.private_pem("jaas")
    project = new_project(
        tmp_path,
        SZPON_JITSI_PROVIDER="jaas",
        SZPON_JAAS_APP_ID="vpaas-magic-cookie-1234",
        SZPON_JAAS_KEY_ID="vpaas-magic-cookie-1234/abcd",
        SZPON_JAAS_PRIVATE_KEY=pem,
    )
    env = project.env_file()
    assert env["COLLAB_JAAS_PRIVATE_KEY"] == "/app/secrets/jaas-private-key.pem"
    rendered_key = project.env("plugins", "szpon", "apps", "jaas-private-key.pem").read_text()
    assert rendered_key.strip() == pem.strip()
    web = project.yaml("local", "docker-compose.yml")["services"]["collab"]
    assert (
        "../plugins/szpon/apps/jaas-private-key.pem:/app/secrets/jaas-private-key.pem:ro"
        in web["volumes"]
    )
    deployment = project.manifests("deployments")[("Deployment", "collab")]
    volumes = deployment["spec"]["template"]["spec"]["volumes"]
    assert {"name": "jaas-key", "configMap": {"name": "szpon-jaas-key"}} in volumes


def test_the_learning_mfe_may_frame_the_join_page_when_the_mfe_plugin_is_on(tmp_path):
    """The MFE frames the LMS's unit, which frames the service's page: CSP frame-ancestors
    checks every ancestor, so the MFE's origin must be listed too."""
    # The mfe plugin (on by default in Tutor) defines MFE_HOST; here it is set by hand.
    project = new_project(tmp_path, MFE_HOST="apps.local.openedx.io")
    values = service_settings(project)
    assert values["frame_ancestors"] == [
        "http://local.openedx.io",
        "http://studio.local.openedx.io",
        "http://apps.local.openedx.io",
    ]
    assert values["lms_origins"] == values["frame_ancestors"]
