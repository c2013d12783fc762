"""Reports at scale: the monthly review of one community and the company-wide dashboard.

    .venv/bin/python bench/reports_bench.py                    # 1,000,000 orders on PostgreSQL
    .venv/bin/python bench/reports_bench.py --orders 100000    # smaller
    .venv/bin/python bench/reports_bench.py --reuse            # time again without regenerating
    GUANJIA_REPORTS_BENCH_DB=other_name .venv/bin/python bench/reports_bench.py   # another database

Generates, in the throw-away database ``guanjia_bench_reports``, a company of ``--communities``
communities and ``--orders`` work orders spread over ``--months`` months, each with its SLA
clocks (acknowledgement; close for complaints; on-site for urgent ones; callback once resolved)
and ratings for ~40% of the resolved orders — all with ``INSERT … SELECT generate_series`` so a
million rows take a minute, not an hour. Then it times, in-process (no HTTP), the figures the
pages show: ``monthly_review_figures`` (one community, the last full month) and
``dashboard_figures`` (every community, the last full month, with the 12-month trends).
Not a test: it prints figures (median and max of ``--repeat`` runs after one warm-up).
"""

import argparse
import os
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = os.environ.get("GUANJIA_REPORTS_BENCH_DB", "guanjia_bench_reports")
SHANGHAI = ZoneInfo("Asia/Shanghai")
SERVER = "postgresql://postgres@127.0.0.1:5432"
os.environ["DJANGO_SETTINGS_MODULE"] = "guanjia.settings.test"
os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"

ROOMS_PER_COMMUNITY = 2000
BUILDINGS_PER_COMMUNITY = 20


def log(message: str) -> None:
    print(f"[reports-bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def _create_database(fresh: bool) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}"')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone():
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def _register(communities: int) -> list[tuple[int, int, int]]:
    """Company → communities → zones → buildings → units → rooms; returns (community, first room, rooms)."""
    from guanjia.properties.models import Building, Community, Company, Room, Unit, Zone

    company = Company.objects.create(name="基准物业", code="bench")
    result = []
    for c in range(communities):
        community = Community.objects.create(company=company, name=f"基准小区{c + 1:03d}", code=f"B{c:03d}")
        zones = Zone.objects.bulk_create([Zone(community=community, name=f"{z + 1}区") for z in range(4)])
        buildings = Building.objects.bulk_create([
            Building(community=community, zone=zones[b % 4], number=str(b + 1), floors=25)
            for b in range(BUILDINGS_PER_COMMUNITY)])
        units = Unit.objects.bulk_create([Unit(building=b, number="1") for b in buildings])
        per_unit = ROOMS_PER_COMMUNITY // len(units)
        rooms = Room.objects.bulk_create([
            Room(community=community, unit=u, number=f"{n // 4 + 1}{n % 4 + 1:02d}", floor=n // 4 + 1,
                 code=f"{u.building.number}-1-{n // 4 + 1}{n % 4 + 1:02d}")
            for u in units for n in range(per_unit)], batch_size=5000)
        ids = [r.pk for r in rooms]
        result.append((community.pk, min(ids), len(ids)))
    return result


def _columns(model, expressions: dict[str, str]) -> tuple[list[str], list[str], list]:
    """Every concrete column of ``model``: ours as SQL, the rest as the model's own default."""
    from django.db import connection

    names, values, params = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        names.append(connection.ops.quote_name(field.column))
        if field.attname in expressions or field.name in expressions:
            values.append(expressions.get(field.attname, expressions.get(field.name)))
            continue
        default = field.get_default()
        if default is None and field.null:
            values.append("NULL")
        else:
            values.append("%s")
            params.append(field.get_db_prep_save(default, connection))
    return names, values, params


def _insert_select(model, expressions: dict[str, str], source: str, extra_params: list) -> int:
    from django.db import connection

    names, values, params = _columns(model, expressions)
    sql = f"INSERT INTO {model._meta.db_table} ({', '.join(names)}) SELECT {', '.join(values)} {source}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *extra_params])
        return cursor.rowcount


ORDER_SOURCE = """
FROM (
  SELECT i, s.r1, s.r2, s.r3, s.r4, s.r5,
         ((%s)::timestamptz + ((i - 1 + s.r0) / %s) * (%s)::interval) AS created,
         (%s::bigint[])[1 + (i %% %s)] AS community_id,
         (%s::bigint[])[1 + (i %% %s)] + floor(s.r5 * %s)::bigint AS room_id
  FROM generate_series(1, %s) AS i,
       LATERAL (SELECT random() AS r0, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
                       random() AS r5, i AS k) AS s
) AS g
"""


def _orders(n: int, months: int, register: list[tuple[int, int, int]], start: datetime) -> int:
    from guanjia.tickets.models import WorkOrder

    kinds = "(ARRAY['repair','repair','repair','complaint','complaint','inquiry','service','suggestion'])"
    cats = "(ARRAY['facility','facility','facility','environment','order','fee','service','renovation','neighbor','other'])"
    status = ("CASE WHEN r1 < 0.03 THEN 'cancelled' WHEN r1 < 0.05 THEN 'merged' WHEN r1 < 0.80 THEN 'closed' "
              "WHEN r1 < 0.90 THEN 'resolved' WHEN r1 < 0.95 THEN 'dispatched' ELSE 'new' END")
    ack = "CASE WHEN r1 < 0.95 THEN created + (r2 * r2 * 40) * interval '1 minute' END"
    resolved = "CASE WHEN r1 >= 0.05 AND r1 < 0.90 THEN created + (0.5 + r3 * r3 * 30) * interval '1 hour' END"
    expressions = {
        "uuid": "gen_random_uuid()", "tracking_token": "md5(i::text || random()::text)",
        "community_id": "community_id", "room_id": "CASE WHEN r4 < 0.8 THEN room_id END",
        "number": "'BN' || i", "channel": "(ARRAY['phone','phone','front_desk','portal','wechat_group',"
                                          "'hotline_12345','patrol'])[1 + floor(r4 * 7)::int]",
        "description": "'基准工单'", "kind": f"{kinds}[1 + floor(r3 * 8)::int]",
        "category": f"{cats}[1 + floor(r2 * 10)::int]",
        "urgency": "CASE WHEN r5 < 0.05 THEN 'urgent' WHEN r5 > 0.97 THEN 'complex' ELSE 'normal' END",
        "department": "(ARRAY['engineering','environment','security','finance','customer_service'])"
                      "[1 + floor(r2 * 5)::int]",
        "status": status, "acknowledged_at": ack, "resolved_at": resolved,
        "on_site_at": "CASE WHEN r5 < 0.05 AND r1 < 0.95 THEN created + (5 + r2 * 20) * interval '1 minute' END",
        "closed_at": f"CASE WHEN r1 >= 0.05 AND r1 < 0.80 THEN ({resolved}) + interval '20 hours' END",
        "is_repeat": "(r4 < 0.03)", "is_hotspot": "(r5 < 0.02)",
        "asset_key": "CASE WHEN r2 < 0.1 THEN (i %% 97)::text || '号电梯' ELSE '' END",
        "created_at": "created", "updated_at": "created",
    }
    firsts = [first for _, first, _ in register]
    ids = [community for community, _, _ in register]
    # Orders arrive in time order, as in production: ids, rows on disk and clocks follow the
    # calendar, so a month's orders sit together (random times would scatter them over the table).
    params = [start, n, f"{months * 30} days", ids, len(ids), firsts, len(ids), ROOMS_PER_COMMUNITY, n]
    return _insert_select(WorkOrder, expressions, ORDER_SOURCE, params)


def _clocks_and_ratings() -> dict[str, int]:
    from guanjia.sla.models import Clock
    from guanjia.tickets.models import Rating

    def clock(type_: str, start: str, minutes: str, done: str, where: str) -> int:
        due = f"({start}) + ({minutes}) * interval '1 minute'"
        met = f"CASE WHEN {done} IS NOT NULL THEN 'met' WHEN {due} < now() THEN 'breached' ELSE 'running' END"
        return _insert_select(Clock, {
            "order_id": "id", "type": f"'{type_}'", "state": met, "started_at": start, "due_at": due,
            "warn_at": due, "met_at": done, "created_at": start, "updated_at": start,
            "breached_at": f"CASE WHEN coalesce({done}, now()) > {due} THEN {due} END",
        }, f"FROM tickets_workorder WHERE status NOT IN ('cancelled', 'merged') AND {where}", [])

    counts = {
        "acknowledge": clock("acknowledge", "created_at", "15", "acknowledged_at", "TRUE"),
        "close": clock("close", "created_at", "2880", "resolved_at", "kind = 'complaint'"),
        "on_site": clock("on_site", "created_at", "15", "on_site_at", "urgency = 'urgent'"),
        "callback": clock("callback", "resolved_at", "2880",
                          "CASE WHEN closed_at IS NOT NULL THEN resolved_at + interval '20 hours' END",
                          "resolved_at IS NOT NULL"),
    }
    counts["ratings"] = _insert_select(Rating, {
        "order_id": "id", "level": "(ARRAY['very_satisfied','very_satisfied','satisfied','satisfied',"
                                   "'satisfied','average','dissatisfied'])[1 + floor(random() * 7)::int]",
        "source": "'callback'", "at": "resolved_at + interval '20 hours'",
    }, "FROM tickets_workorder WHERE resolved_at IS NOT NULL AND random() < 0.4", [])
    return counts


def generate(args: argparse.Namespace) -> None:
    from django.db import connection

    from guanjia.tickets.models import WorkOrder

    started = time.perf_counter()
    register = _register(args.communities)
    today = datetime.now(tz=SHANGHAI).date().replace(day=1)
    first = today - timedelta(days=args.months * 30)
    start = datetime(first.year, first.month, 1, tzinfo=SHANGHAI)
    log(f"register: {args.communities} communities × {ROOMS_PER_COMMUNITY} rooms")
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.42)")
    inserted = _orders(args.orders, args.months, register, start)
    log(f"orders: {inserted:,} in {time.perf_counter() - started:.0f} s")
    counts = _clocks_and_ratings()
    log(f"clocks and ratings: {counts} ({time.perf_counter() - started:.0f} s)")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"generated and analysed in {time.perf_counter() - started:.0f} s; "
        f"{WorkOrder.objects.count():,} orders")


def _time(label: str, fn, repeat: int) -> dict[str, float]:
    from django.db import connection, reset_queries

    fn()  # warm-up: caches, plans
    runs, queries = [], 0
    for _ in range(repeat):
        reset_queries()
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
        queries = len(connection.queries)
    result = {"median_s": statistics.median(runs), "max_s": max(runs), "queries": queries}
    log(f"{label}: median {result['median_s'] * 1000:.0f} ms, max {result['max_s'] * 1000:.0f} ms, "
        f"{queries} queries")
    return result


def _open_month(month, fn):
    """``fn()`` as on the last evening of ``month``: the month is then the open one, counted live
    (the generated orders end with the last full month, so the real open month is nearly empty)."""
    import time_machine

    from guanjia.reports.scope import month_end

    evening = datetime.combine(month_end(month), datetime.min.time(), tzinfo=SHANGHAI) + timedelta(hours=20)
    with time_machine.travel(evening, tick=True):
        return fn()


def measure(args: argparse.Namespace) -> dict[str, dict[str, float]]:
    from django.conf import settings
    from django.db.models import Count

    from guanjia.properties.models import Community
    from guanjia.reports.models import MonthFiguresRun
    from guanjia.reports.review import monthly_review_figures
    from guanjia.reports.scope import ReportScope, month_end
    from guanjia.reports.selectors import dashboard_figures
    from guanjia.reports.summaries import month_figures_due, month_figures_refresh
    from guanjia.tickets.models import WorkOrder

    settings.DEBUG = True  # count queries
    month = (datetime.now(tz=SHANGHAI).date().replace(day=1) - timedelta(days=1)).replace(day=1)
    busiest = (WorkOrder.objects.values("community_id").annotate(n=Count("pk")).order_by("-n").first())
    community = Community.objects.get(pk=busiest["community_id"])
    ids = tuple(Community.objects.values_list("pk", flat=True))
    scope = ReportScope(community_ids=ids, date_from=month, date_to=month_end(month))
    one = ReportScope(community_ids=(community.pk,), date_from=month, date_to=month_end(month),
                      community_id=community.pk)
    log(f"timing {month:%Y-%m}: review of {community.name}, dashboard over {len(ids)} communities")
    results = {}
    if not args.keep_summary:
        MonthFiguresRun.objects.all().delete()  # a --reuse run starts without the summary too
        results["dashboard_live_trends"] = _time("company-wide dashboard, trends counted live (no summary)",
                                                 lambda: dashboard_figures(scope=scope), 1)
    t0 = time.perf_counter()
    due = month_figures_due()
    for first in due:
        month_figures_refresh(month=first)
    log(f"summarised {len(due)} closed months in {time.perf_counter() - t0:.1f} s "
        f"({(time.perf_counter() - t0) / max(len(due), 1):.2f} s a month; hourly housekeeping does this)")
    return results | {
        "monthly_review": _time("monthly review (one community)",
                                lambda: monthly_review_figures(community=community, month=month), args.repeat),
        "dashboard": _time("company-wide dashboard (month; trends from the summary)",
                           lambda: dashboard_figures(scope=scope), args.repeat),
        "dashboard_one_community": _time("one community's dashboard (month; from the summary)",
                                         lambda: dashboard_figures(scope=one), args.repeat),
        "dashboard_open_month": _time("company-wide dashboard, the open month on its last evening (live)",
                                      lambda: _open_month(month, lambda: dashboard_figures(scope=scope)),
                                      args.repeat),
        "dashboard_open_month_one_community": _time(
            "one community's dashboard, the open month on its last evening (live)",
            lambda: _open_month(month, lambda: dashboard_figures(scope=one)), args.repeat),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--communities", type=int, default=20)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="keep the generated data if present")
    parser.add_argument("--keep-summary", action="store_true",
                        help="keep the summary of closed months (skip the cold run without it)")
    args = parser.parse_args()
    _create_database(fresh=not args.reuse)

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, skip_checks=True)
    from guanjia.tickets.models import WorkOrder

    if not (args.reuse and WorkOrder.objects.exists()):
        generate(args)
    measure(args)


if __name__ == "__main__":
    main()
