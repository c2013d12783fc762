"""A real server for the load client: gunicorn with 2 workers on 127.0.0.1, production settings.

As in production, messages are queued to Redis after commit and a Celery worker (one process,
competing for the same cores) sends them. ``GJ_BENCH_REDIS_URL`` names the Redis database
(default ``redis://127.0.0.1:6379/15``, kept apart from anything else on the machine); set it
empty to send them inline in the web worker instead, as the embedded setup does.
"""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
URL = f"http://127.0.0.1:{PORT}"
REDIS_URL = os.environ.get("GJ_BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")


def environment(database_url: str, var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "guanjia.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "guanjia-benchmark-only",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "GUANJIA_VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
    })
    if REDIS_URL:
        env["REDIS_URL"] = REDIS_URL
    else:
        env.pop("REDIS_URL", None)  # notifications run inline, as in the embedded setup
    return env


class CeleryWorker:
    """One Celery worker process for the whole run (no beat): it sends what the web workers queue.

    Started once rather than per scenario: its start and warm shutdown cost seconds each time,
    and it keeps running between scenarios as it would in production.
    """

    def __init__(self, env: dict[str, str]) -> None:
        self.env, self.process = env, None

    def __enter__(self) -> "CeleryWorker":
        if self.env.get("REDIS_URL"):
            _check_redis(self.env["REDIS_URL"])
            self.process = subprocess.Popen(
                [str(Path(sys.executable).parent / "celery"), "-A", "guanjia", "worker", "--concurrency", "1",
                 "--loglevel", "WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
                cwd=ROOT, env=self.env)
        return self

    def drain(self, timeout: float = 120.0) -> float:
        """Wait until the worker has taken every queued task, so the next scenario does not pay
        for the previous one's messages; returns the seconds waited."""
        if self.process is None:
            return 0.0
        import redis

        client = redis.Redis.from_url(self.env["REDIS_URL"])
        started = time.monotonic()
        if not client.llen("celery"):
            return 0.0
        while client.llen("celery") and time.monotonic() - started < timeout:
            time.sleep(0.2)
        time.sleep(1.0)  # the last task taken is still being worked on
        return time.monotonic() - started

    def __exit__(self, *exc: object) -> None:
        _stop(self.process)
        self.process = None


class Server:
    """gunicorn, started afresh for each scenario so each worker's peak memory is that scenario's."""

    def __init__(self, env: dict[str, str], workers: int = 2) -> None:
        self.env, self.workers, self.process = env, workers, None

    def __enter__(self) -> "Server":
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "guanjia.wsgi", "-w", str(self.workers),
             "-b", f"127.0.0.1:{PORT}", "--timeout", "120", "--log-level", "warning"],
            cwd=ROOT, env=self.env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{URL}/healthz", timeout=2) as response:  # noqa: S310 - loopback
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not come up on 127.0.0.1")

    def worker_peak_mib(self) -> float:
        """The largest peak resident set (VmHWM) among the workers, in MiB."""
        if self.process is None:
            return 0.0
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        peak = 0
        for pid in children.read_text().split() if children.exists() else []:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        return peak / 1024

    def __exit__(self, *exc: object) -> None:
        _stop(self.process)
        self.process = None


def _stop(process: subprocess.Popen | None) -> None:
    if process is not None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _check_redis(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        raise RuntimeError(f"Redis is not reachable at {url} ({exc}); start it, or set GJ_BENCH_REDIS_URL= "
                           "(empty) to send messages inline in the web worker") from exc
