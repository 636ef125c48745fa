"""Shared pieces of the benchmarks: a database, a gunicorn on loopback, and wrk runs."""

import os
import re
import shutil
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.infra import jwt_keys, servers  # noqa: E402 - after the path is set


def require_wrk() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")


def fresh_database(name: str, extra_env: dict[str, str] | None = None) -> dict[str, str]:
    """Create an empty PostgreSQL database, point Django at it and migrate; returns the env."""
    pg_host, pg_port = servers.postgres()
    redis = servers.redis()
    if redis is None:
        raise SystemExit("Redis is needed")
    subprocess.run(
        [
            "psql",
            "-h",
            pg_host,
            "-p",
            str(pg_port),
            "-U",
            "postgres",
            "-q",
            "-c",
            f"DROP DATABASE IF EXISTS {name}",
            "-c",
            f"CREATE DATABASE {name}",
        ],
        check=True,
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("BENCH_SETTINGS", "bench.settings"),
        "DATABASE_URL": f"postgres://postgres@{pg_host}:{pg_port}/{name}",
        "REDIS_URL": f"redis://{redis[0]}:{redis[1]}/8",
        "COLLAB_DB_CONN_MAX_AGE": "60",
        "COLLAB_LMS_JWT_ISSUER": jwt_keys.ISSUER,
        "COLLAB_LMS_JWT_PUBLIC_JWKS": jwt_keys.public_jwks(),
        "COLLAB_LOG_LEVEL": "WARNING",
        **(extra_env or {}),
    }
    os.environ.update(env)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return env


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2):
    port = servers.free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "collab_service.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        servers._wait(lambda: servers.port_open("127.0.0.1", port), "gunicorn")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)
        servers.stop_all()


def wrk(
    url: str,
    seconds: int,
    headers: dict[str, str] | None = None,
    script: Path | None = None,
    allow_errors: bool = False,
) -> dict:
    """Requests/s and latency percentiles of one wrk run (2 threads, 32 connections)."""
    args = ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency"]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    if script:
        args += ["-s", str(script)]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors and not allow_errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses\n{out}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1),
        "p99": re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }
