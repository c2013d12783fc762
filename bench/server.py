"""A real server for the load client: gunicorn with 2 workers on 127.0.0.1, production settings."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
URL = f"http://127.0.0.1:{PORT}"


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
    env.pop("REDIS_URL", None)  # notifications run inline, as in the embedded setup
    return env


class Server:
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
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None
