"""Throughput of the service's main read paths, as ratios to a bare Django view measured alongside.

Builds a PostgreSQL database with 1,000 institutions (5 units and 20 people each), serves it with
gunicorn (2 sync workers) on 127.0.0.1 and loads each endpoint with wrk for a bounded time.
"""

import argparse
import json
import time

from bench.common import fresh_database, gunicorn, require_wrk, wrk
from tests.infra import jwt_keys

INSTITUTIONS, UNITS_EACH, PEOPLE_EACH = 1000, 5, 20
DB_NAME = "szpon_bench"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    require_wrk()
    env = fresh_database(DB_NAME)
    started = time.monotonic()
    slug, lms_user_id = _populate()
    print(
        f"data: {INSTITUTIONS} institutions, {INSTITUTIONS * UNITS_EACH} units, "
        f"{INSTITUTIONS * PEOPLE_EACH} people ({time.monotonic() - started:.1f} s)"
    )
    with gunicorn(env) as base:
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
        wrk(base + "/health/live", 1)  # warm up both workers
        floor = None
        print(f"{'endpoint':48} {'req/s':>8} {'ratio':>6} {'p99':>9}")
        for title, path, headers in cases:
            result = wrk(base + path, args.seconds, headers)
            floor = floor or result["rps"]
            print(
                f"{title:48} {result['rps']:8.0f} {result['rps'] / floor:6.2f} {result['p99']:>9}"
            )
    print(json.dumps({"workers": 2, "wrk": "-t2 -c32", "seconds": args.seconds}))


if __name__ == "__main__":
    main()
