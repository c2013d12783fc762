"""Household search latency at scale: p50/p95 per query form, on the database DATABASE_URL names.

    DATABASE_URL=sqlite:///var/bench-household.sqlite3 .venv/bin/python bench/household_search.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/guanjia_bench_hh .venv/bin/python bench/household_search.py

Builds (or reuses) the demo company at ``--rooms`` / ``--communities`` (100,000 rooms over 100
communities by default), then times ``households_search`` — scoping, the lookups and loading
the occupants with their phones, i.e. everything but HTTP — for a few hundred queries of each
form, as two users: the front-desk agent (one community, ~1,000 rooms) and the company
administrator (every community, all 100,000 rooms). Not a test: it prints figures.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guanjia.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-household.sqlite3'}")


def _setup(args: argparse.Namespace) -> None:
    import django
    from django.core.management import call_command

    (ROOT / "var").mkdir(exist_ok=True)
    django.setup()
    call_command("migrate", verbosity=0, skip_checks=True)
    from guanjia.properties.demo import demo_build, demo_reset
    from guanjia.properties.models import Room

    if Room.objects.count() != args.rooms:
        demo_reset()
        started = time.perf_counter()
        result = demo_build(rooms=args.rooms, communities=args.communities, seed=args.seed)
        print(f"built {result.counts} in {time.perf_counter() - started:.1f} s")


def _queries(community_id: int, per_form: int, rng: random.Random) -> dict[str, list[str]]:
    """Real values from the register, in the forms a caller uses."""
    from guanjia.properties.models import Occupancy, Vehicle
    from guanjia.properties.selectors import current_occupancy_q

    stays = list(Occupancy.objects.filter(current_occupancy_q(), room__community_id=community_id)
                 .select_related("person", "room__unit__building").prefetch_related("person__phones"))
    rng.shuffle(stays)
    sample = stays[:per_form]
    plates = list(Vehicle.objects.filter(community_id=community_id).values_list("plate", flat=True))
    return {
        "code 3-2-1502": [s.room.code for s in sample],
        "code 3栋2单元1502室": [f"{s.room.unit.building.number}栋{s.room.unit.number}单元{s.room.number}室"
                              for s in sample],
        "code 3-1502 (no unit)": [f"{s.room.unit.building.number}-{s.room.number}" for s in sample],
        "name (full)": [s.person.name for s in sample],
        "name (given, contains)": [s.person.name[1:] for s in sample if len(s.person.name) >= 3][:per_form],
        "phone last 4": [s.person.phones.all()[0].number[-4:] for s in sample],
        "phone full": [s.person.phones.all()[0].number for s in sample],
        "plate": [rng.choice(plates) for _ in range(per_form)] if plates else [],
    }


def _time(username: str, queries: dict[str, list[str]]) -> list[tuple[str, int, float, float, float, float, float]]:
    from django.contrib.auth import get_user_model

    from guanjia.properties.selectors import households_search

    user_model = get_user_model()
    rows = []
    for form, values in queries.items():
        timings, cpu, found = [], [], 0
        for value in values:
            user = user_model.objects.get(username=username)  # fresh per "request": scoping is timed too
            started, started_cpu = time.perf_counter(), time.process_time()
            hits = households_search(user=user, q=value, limit=10)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            found += bool(hits)
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        rows.append((form, len(timings), statistics.median(timings), p95, timings[-1], statistics.median(cpu),
                     found / len(timings)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rooms", type=int, default=100_000)
    parser.add_argument("--communities", type=int, default=100)
    parser.add_argument("--queries", type=int, default=300, help="queries per form and user")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    _setup(args)
    from django.db import connection

    from guanjia.properties.models import Community

    community = Community.objects.get(company__code="demo", code="CH")
    queries = _queries(community.pk, args.queries, random.Random(5))
    for username in ("agent", "agent"):  # the first pass warms caches; only the second is reported
        _time(username, {k: v[:20] for k, v in queries.items()})
    print(f"\n{connection.vendor}, {args.rooms:,} rooms in {args.communities} communities, "
          f"{args.queries} queries per form; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
          "(wall-clock figures grow with the load; 'cpu' is this process's own time)")
    for username, scope in (("agent", f"agent (one community, {community.rooms.count():,} rooms)"),
                            ("admin", f"admin (all {args.communities} communities)")):
        print(f"\n{scope}\n{'form':<24} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p50':>8} "
              f"{'found':>6}")
        for form, n, p50, p95, worst, cpu, found in _time(username, queries):
            print(f"{form:<24} {n:>4} {p50:>8.2f} {p95:>8.2f} {worst:>8.2f} {cpu:>8.2f} {found:>6.0%}")


if __name__ == "__main__":
    main()
