"""What the database alone can do: single-row inserts per second and a plain indexed SELECT."""

import statistics
import time

from django.db import connection

ROWS = 2000


def measure() -> list[dict]:
    results = []
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_baseline")
        cursor.execute("CREATE TABLE bench_baseline (id integer PRIMARY KEY, code varchar(32), payload text)")
        cursor.execute("CREATE INDEX bench_baseline_code ON bench_baseline (code)")
        latencies = []
        started = time.perf_counter()
        for i in range(ROWS):  # one transaction per row, as each intake is
            t = time.perf_counter()
            with connection.cursor() as c:
                c.execute("BEGIN")
                c.execute("INSERT INTO bench_baseline (id, code, payload) VALUES (%s, %s, %s)",
                          [i, f"C-{i:06d}", "厨房水龙头一直滴水" * 4])
                c.execute("COMMIT")
            latencies.append(time.perf_counter() - t)
        elapsed = time.perf_counter() - started
        results.append(_row("db: single-row insert + commit", latencies, elapsed))
        latencies = []
        started = time.perf_counter()
        for i in range(ROWS):
            t = time.perf_counter()
            cursor.execute("SELECT id, payload FROM bench_baseline WHERE code = %s", [f"C-{(i * 7919) % ROWS:06d}"])
            cursor.fetchall()
            latencies.append(time.perf_counter() - t)
        elapsed = time.perf_counter() - started
        results.append(_row("db: indexed SELECT", latencies, elapsed))
        cursor.execute("DROP TABLE bench_baseline")
    return results


def _row(name: str, latencies: list[float], elapsed: float) -> dict:
    q = statistics.quantiles(latencies, n=100)
    return {"scenario": name, "n": len(latencies), "rps": len(latencies) / elapsed,
            "p50_ms": q[49] * 1000, "p95_ms": q[94] * 1000, "p99_ms": q[98] * 1000, "worker_mib": None}
