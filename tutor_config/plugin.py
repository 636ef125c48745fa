"""The Tutor plugin ``szpon``: the Open edX side, the collaboration service and optional Jitsi.

Settings are prefixed ``SZPON_`` (docs/deploy.md lists them all). Patches live one per file in
``patches/``, named after the patch; templates under ``templates/szpon`` are rendered to
``env/plugins/szpon``.
"""

from __future__ import annotations

import re
import shlex
import typing as t
from importlib import metadata, resources
from urllib.parse import quote

from tutor.exceptions import TutorError
from tutor.hooks.catalog import Filters

PLUGIN_ROOT = resources.files("tutor_config")

config: dict[str, dict[str, t.Any]] = {
    "defaults": {
        "VERSION": metadata.version("szpon"),
        # PEP 508 tail after "szpon[extra]": a version pin, or " @ git+https://…@tag" for a fork.
        "PACKAGE_SOURCE": "=={{ SZPON_VERSION }}",
        "DOCKER_IMAGE": "{{ DOCKER_REGISTRY }}szpon/collab:{{ SZPON_VERSION }}",
        "HOST": "collab.{{ LMS_HOST }}",
        "PORT": 8000,
        # `tutor dev`: where the host publishes the service (there is no Caddy in front).
        "DEV_PORT": 8300,
        "GUNICORN_WORKERS": 4,
        "WORKER_CONCURRENCY": 4,
        "MYSQL_DATABASE": "szpon",
        "MYSQL_USERNAME": "szpon",
        "CACHE_REDIS_DB": 3,
        "CELERY_REDIS_DB": 4,
        "OAUTH2_CLIENT_ID": "szpon-sso",
        "SERVICE_USER": "szpon",
        "DEFAULT_INSTITUTION": "",
        "TIME_ZONE": "Europe/Warsaw",
        "FROM_EMAIL": "{{ CONTACT_EMAIL }}",
        # "smtp" sends through the SMTP settings below; "local" keeps every e-mail as a file.
        "MAIL_MODE": "smtp",
        "SMTP_HOST": "{{ SMTP_HOST }}",
        "SMTP_PORT": "{{ SMTP_PORT }}",
        "SMTP_USERNAME": "{{ SMTP_USERNAME }}",
        "SMTP_PASSWORD": "{{ SMTP_PASSWORD }}",
        "SMTP_USE_TLS": "{{ SMTP_USE_TLS }}",
        "SMTP_USE_SSL": "{{ SMTP_USE_SSL }}",
        "ANONYMOUS_COURSEWARE": False,
        "WEB_REPLICAS": 1,
        "WORKER_REPLICAS": 1,
        "ENABLE_HPA": False,
        "HPA_MIN_REPLICAS": 2,
        "HPA_MAX_REPLICAS": 10,
        "HPA_CPU_PERCENT": 70,
        "WEB_CPU_REQUEST": "250m",
        "WEB_MEMORY_REQUEST": "256Mi",
        # Video: "self-hosted" (a Jitsi this plugin runs, or one of yours) or "jaas" (8x8).
        "JITSI_PROVIDER": "self-hosted",
        "RUN_JITSI": False,
        "JITSI_HOST": "meet.{{ LMS_HOST }}",
        # Browsers give camera and microphone to https pages only.
        "JITSI_URL": "https://{{ SZPON_JITSI_HOST }}",
        "JITSI_APP_ID": "szpon",
        "JITSI_AUDIENCE": "jitsi",
        "JITSI_XMPP_DOMAIN": "meet.jitsi",
        "JITSI_RESERVATIONS": False,
        "JITSI_VERSION": "stable-11146-2",
        "JITSI_IMAGE_REPOSITORY": "ghcr.io/jitsi",
        # The bridges' public address(es); empty: each node's own IP (k8s) or STUN's guess.
        "JVB_ADVERTISE_IPS": "",
        "JVB_UDP_PORT": 10000,
        "JVB_REPLICAS": 1,
        "JAAS_APP_ID": "",
        "JAAS_KEY_ID": "",
        "JAAS_PRIVATE_KEY": "",
        # Further service variables (docs/operators.md), e.g. COLLAB_CALDAV_SECRET_KEYS.
        "EXTRA_ENV": {},
    },
    "unique": {
        "SECRET_KEY": "{{ 50|random_string }}",
        "MYSQL_PASSWORD": "{{ 24|random_string }}",
        "OAUTH2_SECRET": "{{ 40|random_string }}",
        "JITSI_APP_SECRET": "{{ 48|random_string }}",
        "JITSI_EVENT_SYNC_TOKEN": "{{ 40|random_string }}",
        "JICOFO_AUTH_PASSWORD": "{{ 24|random_string }}",
        "JVB_AUTH_PASSWORD": "{{ 24|random_string }}",
    },
    "overrides": {},
}

# Images: the service is built from templates/szpon/build/collab.
Filters.IMAGES_BUILD.add_item(
    ("collab", ("plugins", "szpon", "build", "collab"), "{{ SZPON_DOCKER_IMAGE }}", ())
)
Filters.IMAGES_PULL.add_item(("collab", "{{ SZPON_DOCKER_IMAGE }}"))
Filters.IMAGES_PUSH.add_item(("collab", "{{ SZPON_DOCKER_IMAGE }}"))

# Init tasks, in this order: the database, the service's tables, then the LMS application.
for service in ("mysql", "collab", "lms"):
    task = PLUGIN_ROOT / "templates" / "szpon" / "tasks" / service / "init"
    Filters.CLI_DO_INIT_TASKS.add_item((service, task.read_text(encoding="utf-8")))

Filters.ENV_TEMPLATE_ROOTS.add_item(str(PLUGIN_ROOT / "templates"))
Filters.ENV_TEMPLATE_TARGETS.add_items([("szpon/build", "plugins"), ("szpon/apps", "plugins")])

for patch in sorted((PLUGIN_ROOT / "patches").iterdir(), key=lambda path: path.name):
    if patch.is_file():
        Filters.ENV_PATCHES.add_item((patch.name, patch.read_text(encoding="utf-8")))

Filters.CONFIG_DEFAULTS.add_items(
    [(f"SZPON_{key}", value) for key, value in config["defaults"].items()]
)
Filters.CONFIG_UNIQUE.add_items(
    [(f"SZPON_{key}", value) for key, value in config["unique"].items()]
)
Filters.CONFIG_OVERRIDES.add_items(list(config["overrides"].items()))


def _env_value(value: t.Any) -> str:
    """One value of an env file read by both docker compose and kustomize.

    Compose expands ``$``, drops `` #…`` and strips quotes that kustomize keeps, and neither reads
    a line break: such values are refused at render time rather than reaching the service changed.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if any(char in text for char in "\n\r$#'\"") or text != text.strip():
        # The value is not echoed: it may be a password.
        raise TutorError(
            "A SZPoN setting holds a character the service's environment file cannot carry "
            "(a line break, $, #, a quote or spaces at either end). Check the values set for "
            "SZPON_* and for the SMTP, MySQL and Redis settings (see docs/deploy.md)."
        )
    return text


def _url_part(value: t.Any) -> str:
    """A user name or password inside a database or Redis address, percent-encoded."""
    return _env_value(quote(str(value), safe=""))


def _env_lines(lines: str, extra: dict[str, t.Any]) -> str:
    """The plugin's ``NAME=value`` lines with the operator's extra variables set over them.

    Each name appears once: kustomize refuses an env file that repeats one.
    """
    overridden = {_env_value(name) for name in extra}
    kept = [line for line in lines.splitlines() if line.partition("=")[0] not in overridden]
    added = [f"{_env_value(name)}={_env_value(value)}" for name, value in extra.items()]
    return "\n".join(kept + added) + "\n"


def _sql_name(value: t.Any) -> str:
    """A database or user name for the MySQL init task: letters, digits and ``_`` only."""
    text = str(value)
    if not re.fullmatch(r"[A-Za-z0-9_]{1,64}", text):
        raise TutorError(
            f"SZPON_MYSQL_DATABASE and SZPON_MYSQL_USERNAME take letters, digits and _ only: "
            f"{text!r}"
        )
    return text


def _sql_string(value: t.Any) -> str:
    """The inside of a single-quoted MySQL string literal (a password)."""
    return str(value).replace("\\", "\\\\").replace("'", "''")


def _pem_value(value: t.Any) -> str:
    """A PEM key for a mounted file; ``--set`` turns its line breaks into spaces."""
    text = str(value or "").strip()
    if text and "\n" not in text:
        raise TutorError(
            "SZPON_JAAS_PRIVATE_KEY has lost its line breaks (as `tutor config save --set` "
            "does). Put it in config.yml as a YAML block (`|`), see docs/deploy.md."
        )
    return text


Filters.ENV_TEMPLATE_FILTERS.add_items(
    [
        ("szpon_env", _env_value),
        ("szpon_env_lines", _env_lines),
        ("szpon_url", _url_part),
        ("szpon_sql_name", _sql_name),
        ("szpon_sql_string", _sql_string),
        ("szpon_shell", shlex.quote),
        ("szpon_pem", _pem_value),
    ]
)


@Filters.APP_PUBLIC_HOSTS.add()
def _public_hosts(hosts: list[str], context_name: t.Literal["local", "dev"]) -> list[str]:
    if context_name == "dev":
        return [*hosts, "{{ SZPON_HOST }}:{{ SZPON_DEV_PORT }}"]
    return [*hosts, "{{ SZPON_HOST }}"]
