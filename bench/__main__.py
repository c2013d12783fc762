"""``make bench``: Guanjia measured at the scale of a large property company.

    python -m bench                 # full size on PostgreSQL (1,000,000 orders; up to ~30 min)
    python -m bench --quick         # a small size that finishes in a few minutes
    python -m bench --only intake_c8,tracking --database sqlite

Generates (or reuses) the data in a throw-away database, starts gunicorn with 2 workers on
127.0.0.1, drives each HTTP scenario with locust (bounded in requests and time), measures the
in-process ones (SLA sweep, triage), and prints one table; the same figures go to
bench/results/*.json.
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

# name, locust scenario, concurrency, max requests, extra environment
HTTP_SCENARIOS = [
    ("intake_c1", "intake", 1, 300, {}),
    ("intake_c8", "intake", 8, 3000, {}),
    ("intake_c32", "intake", 32, 3000, {}),
    ("intake_photo_c8", "intake", 8, 600, {"GJ_PHOTO": "1"}),
    ("queue", "queue", 8, 2000, {}),
    ("board", "board", 8, 1000, {}),
    ("order_page", "order_page", 8, 2000, {}),
    ("tracking", "tracking", 8, 3000, {}),
    ("household", "household", 8, 3000, {}),
    ("dashboard", "dashboard", 2, 100, {}),
    ("dashboard_live", "dashboard_live", 2, 60, {}),
    ("review", "review", 2, 100, {}),
]
INPROCESS = ["sla_sweep", "triage"]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def _database_url(args: argparse.Namespace, size_name: str) -> str:
    if args.database == "sqlite":
        return f"sqlite:///{ROOT / 'var' / f'bench-{size_name}.sqlite3'}"
    name = f"guanjia_bench_{size_name}"
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if args.fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def _setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


def _run_locust(name: str, scenario: str, users: int, max_requests: int, extra: dict[str, str],
                env: dict[str, str], fixtures: Path, seconds: int) -> dict:
    from bench.server import URL

    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "stats"
        run_env = dict(env, GJ_SCENARIO=scenario, GJ_MAX_REQUESTS=str(max_requests),
                       GJ_BENCH_FIXTURES=str(fixtures), **extra)
        RESULTS.mkdir(parents=True, exist_ok=True)
        with open(RESULTS / f"locust-{name}.log", "w", encoding="utf-8") as output:
            subprocess.run(
                [str(Path(sys.executable).parent / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"),
                 "--headless", "-u", str(users), "-r", str(users), "--run-time", f"{seconds}s", "--host", URL,
                 "--csv", str(prefix), "--only-summary", "--loglevel", "ERROR", "--stop-timeout", "10"],
                cwd=ROOT, env=run_env, check=False, stdout=output, stderr=subprocess.STDOUT)
        stats = Path(f"{prefix}_stats.csv")
        if not stats.exists():
            return {"scenario": name, "n": 0, "error": f"locust failed: see bench/results/locust-{name}.log"}
        with stats.open(encoding="utf-8") as handle:
            rows = [r for r in csv.DictReader(handle) if r["Name"] not in ("Aggregated", "login")]
    if not rows:
        return {"scenario": name, "n": 0, "error": "no requests made"}
    row = max(rows, key=lambda r: int(r["Request Count"]))
    failures = int(row["Failure Count"])
    return {"scenario": f"{name} (c={users})", "n": int(row["Request Count"]), "failures": failures,
            "rps": float(row["Requests/s"]), "p50_ms": float(row["50%"]), "p95_ms": float(row["95%"]),
            "p99_ms": float(row["99%"])}


def _table(results: list[dict]) -> str:
    head = f"{'scenario':<44} {'N':>7} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'worker MiB':>10}"
    lines = [head, "-" * len(head)]
    def fmt(r: dict, key: str, spec: str) -> str:
        value = r.get(key)
        return format(value, spec) if isinstance(value, int | float) else "-"

    for r in results:
        note = f"  ({r['failures']} failed)" if r.get("failures") else (f"  {r['error']}" if r.get("error") else "")
        lines.append(f"{r['scenario'][:44]:<44} {fmt(r, 'n', '>7')} {fmt(r, 'rps', '>9.1f')} "
                     f"{fmt(r, 'p50_ms', '>8.1f')} {fmt(r, 'p95_ms', '>8.1f')} {fmt(r, 'p99_ms', '>8.1f')} "
                     f"{fmt(r, 'worker_mib', '>10.0f')}{note}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small data and short runs (a few minutes)")
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--only", default="", help="comma-separated scenario names (see --list)")
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    parser.add_argument("--fresh", action="store_true", help="drop and regenerate the benchmark database")
    parser.add_argument("--seconds", type=int, default=0, help="time bound per HTTP scenario")
    args = parser.parse_args(argv)
    names = [s[0] for s in HTTP_SCENARIOS] + INPROCESS + ["baseline"]
    if args.list:
        print("\n".join(names))
        return 0
    only = {n for n in args.only.split(",") if n}
    if unknown := only - set(names):
        parser.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")

    size_name = "quick" if args.quick else "full"
    seconds = args.seconds or (5 if args.quick else 30)
    var_dir = ROOT / "var" / "bench"
    from bench.server import CeleryWorker, Server, environment

    env = environment(_database_url(args, size_name), var_dir)
    # One media folder per database, emptied with it: the photo-intake scenario's uploads would
    # otherwise pile up run after run (the generator redraws its small sample pool in a second).
    media = var_dir / f"media-{size_name}-{args.database}"
    if args.fresh:
        shutil.rmtree(media, ignore_errors=True)
    env["MEDIA_ROOT"] = str(media)
    _setup_django(env)
    from bench import dataset

    size = dataset.QUICK if args.quick else dataset.FULL
    from django.core.management import call_command

    log(f"size {size.name} on {args.database}: migrating")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    timings = dataset.build(size, log)
    # Production's hourly housekeeping summarises closed months for the dashboard's trends; a
    # freshly generated database has not had that hour yet.
    started = time.perf_counter()
    call_command("summarise_report_months", verbosity=0)
    # As after the generator's load: the summaries' statistics now, not when autovacuum gets there
    # (on some machines, this one included, it is off).
    from django.apps import apps

    from guanjia.core.bulk import statistics_refresh

    statistics_refresh(list(apps.get_app_config("reports").get_models()))
    timings["month_summaries_s"] = time.perf_counter() - started
    log(f"closed months summarised in {timings['month_summaries_s']:.1f} s")
    fixtures_path = RESULTS / f"fixtures-{size.name}-{args.database}.json"
    dataset.fixtures(fixtures_path)
    from django.db import connections

    connections.close_all()

    results: list[dict] = []
    if not only or "baseline" in only:
        from bench import baseline

        results += baseline.measure()
    http = [s for s in HTTP_SCENARIOS if not only or s[0] in only]
    with CeleryWorker(env) if http else nullcontext() as worker:
        for name, scenario, users, max_requests, extra in http:
            log(f"{name}: {users} users, at most {max_requests} requests or {seconds} s")
            with Server(env) as server:
                result = _run_locust(name, scenario, users, max_requests, extra, env, fixtures_path, seconds)
                result["worker_mib"] = server.worker_peak_mib()
            results.append(result)
            if worker is not None and (waited := worker.drain()) > 1.5:
                log(f"{name}: the Celery worker took {waited:.1f} s more to send the queued messages")
    from bench import inprocess

    for name in INPROCESS:
        if not only or name in only:
            results.append(getattr(inprocess, name)(log))

    table = _table(results)
    print("\n" + table + "\n")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{time.strftime('%Y%m%d-%H%M%S')}-{size.name}-{args.database}.json"
    out.write_text(json.dumps({"size": size.__dict__, "database": args.database, "generation": timings,
                               "results": results}, ensure_ascii=False, indent=2))
    log(f"results written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
