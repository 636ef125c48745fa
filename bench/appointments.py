"""Availability and booking under load, as ratios to a bare DRF endpoint doing one indexed query.

Data: one institution, 50 officials, 20 case types (each handled by 10 officials), working hours
on weekdays for the 8-week horizon, 5,000 booked visits and 4 busy intervals a week per official.
gunicorn (2 sync workers) on 127.0.0.1; wrk for throughput, sequential requests after a cache
clear for cold latency. Targets: availability warm >= 50 % of the floor, p99 cold < 100 ms,
booking >= 25 % of the floor.
"""

import argparse
import json
import random
import statistics
import tempfile
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

from bench.common import fresh_database, gunicorn, require_wrk, wrk

OFFICIALS, CASE_TYPES, HANDLERS, BOOKINGS, WEEKS = 50, 20, 10, 5000, 8
DB_NAME = "szpon_bench_appointments"
NO_LIMITS = {
    "COLLAB_BOOKING_LIMIT_PER_CLIENT_HOUR": "100000000",
    "COLLAB_BOOKING_LIMIT_PER_EMAIL_DAY": "100000000",
}


def _populate(rng: random.Random) -> tuple[int, int, date]:
    """Build the data set; return the institution id, a case type id and the first weekday."""
    from django.utils import timezone

    from collab_service.accounts.models import User
    from collab_service.appointments.models import (
        Agenda,
        Booking,
        BusyInterval,
        CaseType,
        Location,
        WorkingHours,
    )
    from collab_service.institutions.models import Institution, Membership, Unit

    institution = Institution.objects.create(name="Urząd Bench", slug="urzad-bench")
    unit = Unit.objects.create(institution=institution, name="Wydział", slug="w")
    location = Location.objects.create(institution=institution, name="Sala")
    users = User.objects.bulk_create(
        User(username=f"o{n}", full_name=f"Urzędnik {n}") for n in range(OFFICIALS)
    )
    Membership.objects.bulk_create(
        Membership(user=u, institution=institution, unit=unit) for u in users
    )
    agendas = Agenda.objects.bulk_create(Agenda(official=u, institution=institution) for u in users)
    WorkingHours.objects.bulk_create(
        WorkingHours(
            agenda=a, location=location, weekday=d, start_time=clock(8), end_time=clock(16)
        )
        for a in agendas
        for d in range(5)
    )
    case_types = []
    for n in range(CASE_TYPES):
        case_type = CaseType.objects.create(
            institution=institution,
            slug=f"c{n}",
            name_pl=f"Sprawa {n}",
            duration_minutes=rng.choice([15, 20, 30]),
            min_notice_minutes=60,
            horizon_days=56,
        )
        case_type.officials.set(rng.sample(users, HANDLERS))
        case_types.append(case_type)
    today = timezone.localdate()
    first = today + timedelta(days=(7 - today.weekday()) % 7 or 7)  # next Monday
    tz = timezone.get_current_timezone()
    busy, bookings, taken = [], [], set()
    for agenda in agendas:
        for week in range(WEEKS):
            for _ in range(4):
                day = first + timedelta(weeks=week, days=rng.randrange(5))
                start = datetime.combine(day, clock(rng.randrange(8, 15)), tzinfo=tz)
                busy.append(
                    BusyInterval(agenda=agenda, start=start, end=start + timedelta(minutes=30))
                )
    while len(bookings) < BOOKINGS:
        agenda = rng.choice(agendas)
        day = first + timedelta(days=rng.randrange(WEEKS * 7))
        if day.weekday() > 4:
            continue
        start = datetime.combine(day, clock(8), tzinfo=tz) + timedelta(
            minutes=30 * rng.randrange(16)
        )
        if (agenda.pk, start) in taken:
            continue
        taken.add((agenda.pk, start))
        end = start + timedelta(minutes=30)
        bookings.append(
            Booking(
                institution=institution,
                case_type=rng.choice(case_types),
                agenda=agenda,
                mode="in_person",
                start=start,
                end=end,
                block_start=start,
                block_end=end,
                seat=1,
                status="confirmed",
                reference_code=f"B{len(bookings):07d}",
                citizen_name="X",
                citizen_email="x@example.org",
            )
        )
    BusyInterval.objects.bulk_create(busy)
    Booking.objects.bulk_create(bookings, batch_size=1000)
    return institution.pk, case_types[0].pk, first


def _cold_latencies(url: str, count: int) -> list[float]:
    from django.core.cache import cache

    latencies = []
    for _ in range(count):
        cache.clear()
        began = time.perf_counter()
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            response.read()
        latencies.append((time.perf_counter() - began) * 1000)
    return latencies


def _booking_script(case_type: int, starts: list[str]) -> Path:
    script = Path(tempfile.mkdtemp()) / "book.lua"
    choices = ", ".join(f'"{s}"' for s in starts)
    script.write_text(f"""
starts = {{{choices}}}
counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{{"case_type": {case_type}, "start": "%s", "name": "B",' ..
    ' "email": "b%d-%d@example.org", "consent": true}}',
    starts[math.random(#starts)], math.random(1000000), counter)
  return wrk.format("POST", "/api/v1/public/bookings/",
    {{["Content-Type"] = "application/json"}}, body)
end
""")
    return script


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    require_wrk()
    env = fresh_database(DB_NAME, NO_LIMITS)
    began = time.monotonic()
    institution_id, case_type_id, monday = _populate(random.Random(7))
    print(
        f"data: {OFFICIALS} officials, {CASE_TYPES} case types, {BOOKINGS} bookings "
        f"({time.monotonic() - began:.1f} s)"
    )
    week = f"start={monday + timedelta(days=7)}&end={monday + timedelta(days=13)}"
    availability = f"/api/v1/public/case-types/{case_type_id}/availability/?{week}"
    with gunicorn(env) as base:
        wrk(base + f"/bench/floor/{institution_id}/", 1)
        floor = wrk(base + f"/bench/floor/{institution_id}/", args.seconds)
        warm = wrk(base + availability, args.seconds)
        cold = _cold_latencies(base + availability, 50)
        slots = json.loads(urllib.request.urlopen(base + availability).read())  # noqa: S310
        starts = sorted({s["start"] for s in slots})[:20]
        booking = wrk(
            base + "/api/v1/public/bookings/",
            args.seconds,
            script=_booking_script(case_type_id, starts),
            allow_errors=True,
        )
    cold_sorted = sorted(cold)
    p99_cold = cold_sorted[min(len(cold_sorted) - 1, round(0.99 * len(cold_sorted)))]
    print(f"{'measure':44} {'req/s':>8} {'ratio':>6} {'p50':>9} {'p99':>9}")
    for title, result in (
        ("floor: DRF + one indexed query", floor),
        ("availability, 7 days, warm cache", warm),
        ("booking POST, 20 contended slots", booking),
    ):
        print(
            f"{title:44} {result['rps']:8.0f} {result['rps'] / floor['rps']:6.2f} "
            f"{result['p50']:>9} {result['p99']:>9}"
        )
    print(
        f"{'availability, 7 days, cold cache (sequential)':44} {'':>8} {'':>6} "
        f"{statistics.median(cold):7.1f}ms {p99_cold:7.1f}ms"
    )
    print(
        f"booking answers: {booking['non_2xx']} non-2xx (409 taken) of the run; "
        f"slots offered in the week: {len(slots)}"
    )
    print(
        json.dumps(
            {
                "targets": {
                    "availability_warm_ratio": ">= 0.5",
                    "cold_p99_ms": "< 100",
                    "booking_ratio": ">= 0.25",
                },
                "measured": {
                    "availability_warm_ratio": round(warm["rps"] / floor["rps"], 2),
                    "cold_p99_ms": round(p99_cold, 1),
                    "booking_ratio": round(booking["rps"] / floor["rps"], 2),
                },
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
            }
        )
    )


if __name__ == "__main__":
    main()
