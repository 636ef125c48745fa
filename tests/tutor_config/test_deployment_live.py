"""The deployment run for real where no Docker engine is needed: the init tasks against MariaDB,
then the service image's own commands (collectstatic, gunicorn) with the rendered environment,
against MariaDB and Redis."""

import os
import random
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import jwt
import pytest

from tests.infra import jwt_keys, servers
from tests.infra.celery_worker import wait_for
from tests.tutor_config import dockerfile as docker
from tests.tutor_config.project import TutorProject, new_project

VENV_BIN = str(Path(sys.executable).parent)
SERVICE_HOST = "collab.urzad.example.gov.pl"


@pytest.fixture(scope="module")
def live_project(tmp_path_factory):
    servers.require(shutil.which("mysql") is not None, "the mysql client")
    mysql_host, mysql_port = servers.mariadb()
    redis = servers.redis()
    servers.require(redis is not None, "Redis")
    name = f"szpon_tutor_{uuid.uuid4().hex[:8]}"
    cache_db, broker_db = random.sample(range(10, 16), 2)
    project = new_project(
        tmp_path_factory.mktemp("tutor-live"),
        MYSQL_HOST=mysql_host,
        MYSQL_PORT=mysql_port,
        MYSQL_ROOT_PASSWORD="",
        REDIS_HOST=redis[0],
        REDIS_PORT=redis[1],
        SZPON_HOST=SERVICE_HOST,
        SZPON_MYSQL_DATABASE=name,
        SZPON_MYSQL_USERNAME=name,
        # Quotes, a backslash and shell syntax: the init task and DATABASE_URL must carry it as is.
        SZPON_MYSQL_PASSWORD="it's \"$(id)\\ a/b@c:d",
        # Databases the suite's own settings do not use; drawn per run so that two runs on one
        # Redis rarely share a broker queue.
        SZPON_CACHE_REDIS_DB=cache_db,
        SZPON_CELERY_REDIS_DB=broker_db,
    )
    yield project
    _mysql_root(project, f"DROP DATABASE IF EXISTS {name}; DROP USER IF EXISTS '{name}'@'%';")


def _mysql_root(project: TutorProject, sql: str) -> None:
    config = project.config()
    address = ["--host", config["MYSQL_HOST"], "--port", str(config["MYSQL_PORT"])]
    subprocess.run(
        ["mysql", "-u", "root", *address, "-e", sql],
        check=True,
        capture_output=True,
    )


def _service_environ(project: TutorProject, image_env: dict[str, str], tmp: Path) -> dict:
    """The container's environment: the image's ENV, then the env file, as compose merges them;
    the image's folders are moved under ``tmp``."""
    merged = project.service_environ(image_env)
    for key, value in merged.items():
        if value.startswith("/app/"):
            merged[key] = str(tmp / value.removeprefix("/app/"))
    merged["PATH"] = f"{VENV_BIN}:{os.environ['PATH']}"
    return merged


def _bash(script: str, environ: dict | None = None, cwd: Path | None = None) -> None:
    done = subprocess.run(
        ["bash", "-e", "-c", script], env=environ, cwd=cwd, capture_output=True, text=True
    )
    assert done.returncode == 0, f"{script}\n{done.stdout}\n{done.stderr}"


def test_init_tasks_then_the_image_commands_serve_the_service(live_project, tmp_path):
    tasks = live_project.init_tasks()
    assert list(tasks) == ["mysql", "collab", "lms"]
    # The database task runs twice without harm (every `launch` runs it again).
    _bash(tasks["mysql"])
    _bash(tasks["mysql"])

    dockerfile = live_project.env("plugins", "szpon", "build", "collab", "Dockerfile").read_text()
    environ = _service_environ(live_project, docker.env_values(dockerfile), tmp_path)
    assert environ["DATABASE_URL"].startswith(
        f"mysql://{live_project.config()['SZPON_MYSQL_USERNAME']}:"
    )
    _bash(tasks["collab"], environ, cwd=tmp_path)

    (collect,) = [c for c in docker.run_commands(dockerfile) if "collectstatic" in c]
    build_environ = {k: v for k, v in environ.items() if not k.startswith("COLLAB_")}
    build_environ["COLLAB_STATIC_ROOT"] = environ["COLLAB_STATIC_ROOT"]
    _bash(collect, build_environ, cwd=tmp_path)
    assert (Path(environ["COLLAB_STATIC_ROOT"]) / "staticfiles.json").is_file()

    command = docker.cmd(dockerfile)
    assert command[0] == "gunicorn"
    assert command[-1] == "collab_service.wsgi:application"
    assert "--bind=0.0.0.0:8000" in command
    port = servers.free_port()
    command[command.index("--bind=0.0.0.0:8000")] = f"--bind=127.0.0.1:{port}"
    assert environ["WEB_CONCURRENCY"] == "4"
    environ["WEB_CONCURRENCY"] = "2"
    gunicorn = subprocess.Popen(
        command, env=environ, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    secret = "eyJwIjoxfQ:1xaQYX:E9EkRst7pVRwCIoX"
    try:
        _wait_for_port(port, gunicorn)
        _check_running_service(live_project, f"http://127.0.0.1:{port}")
        httpx.get(
            f"http://127.0.0.1:{port}/visits/manage/{secret}/", headers={"Host": SERVICE_HOST}
        )
    finally:
        gunicorn.terminate()
        access, errors = gunicorn.communicate(timeout=30)
    assert b"Internal Server Error" not in errors
    # The access log keeps the line, without the link's token.
    assert b"/visits/manage/[redacted]/" in access
    assert secret.encode() not in access + errors

    _check_worker_runs_tasks(live_project, environ, tmp_path)


def _check_worker_runs_tasks(project: TutorProject, environ: dict, tmp: Path) -> None:
    """The compose command of collab-worker starts a worker that takes the service's tasks."""
    command = project.yaml("local", "docker-compose.yml")["services"]["collab-worker"]["command"]
    words = [w if w != "--concurrency=4" else "--concurrency=1" for w in command.split()]
    log = tmp / "worker.log"
    with log.open("wb") as output:
        worker = subprocess.Popen(words, env=environ, cwd=tmp, stdout=output, stderr=output)
    try:
        celery = ["celery", "--app=collab_service.celery_app"]
        sent = subprocess.run(
            [*celery, "call", "collab_service.notifications.tasks.outbox_flush", "--queue=collab"],
            env=environ,
            cwd=tmp,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        done = f"[{sent.stdout.strip()}] succeeded"
        wait_for(lambda: done in log.read_text(errors="replace") or worker.poll() is not None, 60)
        assert done in log.read_text(errors="replace"), log.read_text(errors="replace")
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def _wait_for_port(port: int, process: subprocess.Popen) -> None:
    wait_for(lambda: servers.port_open("127.0.0.1", port) or process.poll() is not None, 60)
    assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
    assert servers.port_open("127.0.0.1", port), "gunicorn did not start"


def _check_running_service(project: TutorProject, base: str) -> None:
    with httpx.Client(base_url=base, timeout=20) as client:
        # What the k8s probes and the LMS (server to server, host "collab") ask.
        ready = client.get("/health/ready", headers={"Host": "collab"})
        assert ready.status_code == 200, ready.text
        assert ready.json()["checks"] == {"database": "ok", "redis": "ok"}

        page = client.get("/accounts/login/", headers={"Host": SERVICE_HOST})
        assert page.status_code == 200
        assert 'href="/accounts/lms/login/' in page.text
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page.text).group(1)
        assert client.get(stylesheet, headers={"Host": SERVICE_HOST}).status_code == 200

        start = client.get("/accounts/lms/login/", headers={"Host": SERVICE_HOST})
        assert start.status_code == 302
        location = httpx.URL(start.headers["location"])
        assert str(location).startswith("http://local.openedx.io/oauth2/authorize?")
        assert location.params["client_id"] == "szpon-sso"
        assert location.params["redirect_uri"] == (f"http://{SERVICE_HOST}/accounts/lms/complete/")

        # A token the LMS signs with Tutor's JWT key is accepted: the key set was handed over.
        config = project.config()
        issuer = project.tutor("config", "printvalue", "JWT_COMMON_ISSUER").stdout.strip()
        now = int(time.time())
        token = jwt.encode(
            {
                "iss": issuer,
                "aud": "openedx",
                "iat": now,
                "exp": now + 120,
                "user_id": 7,
                "preferred_username": "urzednik7",
                "email": "urzednik7@urzad.example.gov.pl",
                "email_verified": True,
            },
            config["JWT_RSA_PRIVATE_KEY"],
            algorithm="RS512",
            headers={"kid": "openedx"},
        )
        api = client.get(
            "/api/v1/memberships/",
            headers={"Host": "collab", "Authorization": f"JWT {token}"},
        )
        assert api.status_code == 200, api.text
        forged = jwt.encode(
            {"iss": issuer, "aud": "openedx", "iat": now, "exp": now + 120, "user_id": 7},
            jwt_keys.private_pem("forger"),
            algorithm="RS512",
            headers={"kid": "openedx"},
        )
        refused = client.get(
            "/api/v1/memberships/",
            headers={"Host": "collab", "Authorization": f"JWT {forged}"},
        )
        assert refused.status_code == 401
