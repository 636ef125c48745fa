"""Throughput of the service's main read paths, as ratios to a bare Django view measured alongside.

Builds a PostgreSQL database with 1,000 institutions (5 units and 20 people each), serves it with
gunicorn (2 sync workers) on 127.0.0.1 and loads each endpoint with wrk for a bounded time.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.infra import jwt_keys, servers  # noqa: E402 - after the path is set

INSTITUTIONS, UNITS_EACH, PEOPLE_EACH = 1000, 5, 20
DB_NAME = "szpon_bench"


def _env(database_url: str, redis_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "collab_service.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "COLLAB_DB_CONN_MAX_AGE": "60",
        "COLLAB_LMS_JWT_ISSUER": jwt_keys.ISSUER,
        "COLLAB_LMS_JWT_PUBLIC_JWKS": jwt_keys.public_jwks(),
        "COLLAB_LOG_LEVEL": "WARNING",
    }


def _populate() -> tuple[str, int]:
    """Fill the database once; return an institution slug and the LMS id of one of its people."""
    from django.contrib.auth.hashers import make_password

    from collab_service.accounts.models import User
    from collab_service.institutions.models import Institution, Membership, Unit

    Institution.objects.bulk_create(
        Institution(name=f"Urząd Gminy {i:04d}", slug=f"ug-{i:04d}", city="Miasto")
        for i in range(INSTITUTIONS)
    )
    institutions = list(Institution.objects.all())
    Unit.objects.bulk_create(
        Unit(institution=inst, name=f"Wydział {u}", slug=f"w{u}")
        for inst in institutions
        for u in range(UNITS_EACH)
    )
    password = make_password("bench")
    User.objects.bulk_create(
        User(
            username=f"u{inst.id}-{p}",
            password=password,
            full_name=f"Osoba {p}",
            email=f"u{inst.id}-{p}@example.gov.pl",
            lms_user_id=inst.id * 1000 + p,
        )
        for inst in institutions
        for p in range(PEOPLE_EACH)
    )
    users = {user.username: user for user in User.objects.all()}
    units: dict[int, list] = {}
    for unit in Unit.objects.all():
        units.setdefault(unit.institution_id, []).append(unit)
    Membership.objects.bulk_create(
        Membership(
            user=users[f"u{inst.id}-{p}"], institution=inst, unit=units[inst.id][p % UNITS_EACH]
        )
        for inst in institutions
        for p in range(PEOPLE_EACH)
    )
    first = institutions[0]
    return first.slug, first.id * 1000 + 1


def _wrk(url: str, seconds: int, headers: dict[str, str]) -> tuple[float, str]:
    args = ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+(\S+)", out).group(1)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        raise SystemExit(f"{url}: {non_2xx.group(1)} error responses\n{out}")
    return rps, p99


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")

    pg_host, pg_port = servers.postgres()
    redis_host, redis_port = servers.redis() or (None, None)
    if redis_host is None:
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
            f"DROP DATABASE IF EXISTS {DB_NAME}",
            "-c",
            f"CREATE DATABASE {DB_NAME}",
        ],
        check=True,
    )
    env = _env(
        f"postgres://postgres@{pg_host}:{pg_port}/{DB_NAME}", f"redis://{redis_host}:{redis_port}/8"
    )
    os.environ.update(env)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    started = time.monotonic()
    slug, lms_user_id = _populate()
    print(
        f"data: {INSTITUTIONS} institutions, {INSTITUTIONS * UNITS_EACH} units, "
        f"{INSTITUTIONS * PEOPLE_EACH} people ({time.monotonic() - started:.1f} s)"
    )

    port = servers.free_port()
    gunicorn = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "collab_service.wsgi",
            "-w",
            "2",
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
        base = f"http://127.0.0.1:{port}"
        token = jwt_keys.lms_token(user_id=lms_user_id, exp=int(time.time()) + 3600)
        auth = {"Authorization": f"JWT {token}"}
        cases = [
            ("floor: bare Django JSON (/health/live)", "/health/live", {}),
            ("readiness (DB + Redis round trip)", "/health/ready", {}),
            ("public directory API, page 10 of 1,000", "/api/v1/public/institutions/?page=10", {}),
            ("public institution page (HTML)", f"/institutions/{slug}/", {}),
            ("/api/v1/me/ with LMS JWT (RS512 verify)", "/api/v1/me/", auth),
            ("colleagues list, scoped to own institution", "/api/v1/memberships/", auth),
        ]
        _wrk(base + "/health/live", 1, {})  # warm up both workers
        floor = None
        print(f"{'endpoint':48} {'req/s':>8} {'ratio':>6} {'p99':>9}")
        for title, path, headers in cases:
            rps, p99 = _wrk(base + path, args.seconds, headers)
            floor = floor or rps
            print(f"{title:48} {rps:8.0f} {rps / floor:6.2f} {p99:>9}")
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=20)
        servers.stop_all()
    print(json.dumps({"workers": 2, "wrk": "-t2 -c32", "seconds": args.seconds}))


if __name__ == "__main__":
    main()
