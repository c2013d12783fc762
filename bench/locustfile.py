"""The load client: one locust user class per scenario, chosen by GJ_SCENARIO.

Every user stops the run once GJ_MAX_REQUESTS requests have been made, so each scenario is
bounded in requests as well as in time (--run-time). Traffic goes to 127.0.0.1 only.
"""

import io
import json
import os
import random
from itertools import count

from locust import HttpUser, between, events, task  # noqa: F401 - between kept for tuning

FIXTURES = json.loads(open(os.environ["GJ_BENCH_FIXTURES"], encoding="utf-8").read())  # noqa: SIM115
SCENARIO = os.environ["GJ_SCENARIO"]
MAX_REQUESTS = int(os.environ.get("GJ_MAX_REQUESTS", "2000"))
_made = count()
_JPEG = None


def _photo() -> bytes:
    global _JPEG
    if _JPEG is None:
        from PIL import Image

        buffer = io.BytesIO()
        Image.new("RGB", (1280, 960), (180, 120, 90)).save(buffer, "JPEG", quality=85)
        _JPEG = buffer.getvalue()
    return _JPEG


class Base(HttpUser):
    abstract = True

    def tick(self) -> None:
        if next(_made) >= MAX_REQUESTS:
            self.environment.runner.quit()

    def staff_login(self, username: str) -> None:
        self.client.get("/login/", name="login")
        token = self.client.cookies.get("csrftoken", "")
        self.client.post("/login/", data={"username": username, "password": FIXTURES["password"],
                                          "csrfmiddlewaretoken": token},
                         headers={"Referer": self.host + "/login/"}, name="login")


class Intake(Base):
    """A resident files a request through the API (with a photo when GJ_PHOTO=1)."""

    def on_start(self) -> None:
        self.me = random.choice(FIXTURES["residents"])
        self.headers = {"Authorization": f"Token {self.me['token']}"}
        self.photo = os.environ.get("GJ_PHOTO") == "1"

    @task
    def file(self) -> None:
        body = {"room": self.me["room"], "description": "厨房水龙头一直滴水,麻烦师傅来看看",
                "preferred_visit": "明天上午"}
        if self.photo:
            self.client.post("/api/v1/resident/requests/", data=body, headers=self.headers, name="intake+photo",
                             files={"photos": ("tap.jpg", _photo(), "image/jpeg")})
        else:
            self.client.post("/api/v1/resident/requests/", json=body, headers=self.headers, name="intake")
        self.tick()


class Queue(Base):
    """The staff queue: the desk agent's whole community, narrowed by filters and a keyword.

    The agent's own "mine" tab would be nearly empty in generated data, so the scenario reads the
    community tab (every order of the agent's project), which is the one that grows with history.
    """

    def on_start(self) -> None:
        self.staff_login("agent")

    @task(3)
    def filtered(self) -> None:
        status = random.choice(["", "dispatched", "closed", "new"])
        self.client.get(f"/orders/?queue=community&status={status}&category=facility&page={random.randint(1, 5)}",
                        name="queue")
        self.tick()

    @task(1)
    def keyword(self) -> None:
        self.client.get(f"/orders/?queue=community&q={random.choice(['漏水', '电梯', '噪音', '快递'])}",
                        name="queue?q")
        self.tick()


class Board(Base):
    def on_start(self) -> None:
        self.staff_login("supervisor")

    @task
    def board(self) -> None:
        self.client.get("/board/", name="board")
        self.tick()


class OrderPage(Base):
    def on_start(self) -> None:
        self.staff_login("admin")

    @task
    def order(self) -> None:
        self.client.get(f"/orders/{random.choice(FIXTURES['orders'])}/", name="order page")
        self.tick()


class Tracking(Base):
    """The owner's tracking page behind the QR code: anonymous."""

    @task
    def track(self) -> None:
        self.client.get(f"/t/{random.choice(FIXTURES['tracking'])}", name="tracking")
        self.tick()


class Household(Base):
    """Household search while the phone rings: room code, name or the last 4 phone digits."""

    def on_start(self) -> None:
        self.staff_login("admin")

    @task
    def search(self) -> None:
        code, name, last4 = random.choice(FIXTURES["rooms"])
        q = random.choice([code, code.replace("-", "栋", 1), name, last4 or code])
        self.client.get("/api/v1/households/search", params={"q": q}, name="household search")
        self.tick()


def _last_month() -> str:
    """Last month in the server's time zone (Asia/Shanghai): the month a manager reviews."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    first = datetime.now(ZoneInfo("Asia/Shanghai")).date().replace(day=1)
    return (first - timedelta(days=1)).strftime("%Y-%m")


class Dashboard(Base):
    """The company-wide KPI dashboard over last month (a closed month: read from the summary)."""

    def on_start(self) -> None:
        self.staff_login("admin")

    @task
    def dashboard(self) -> None:
        self.client.get(f"/reports/?month={_last_month()}", name="dashboard")
        self.tick()


class DashboardLive(Base):
    """The company-wide KPI dashboard over the current month: its orders are counted live."""

    def on_start(self) -> None:
        self.staff_login("admin")

    @task
    def dashboard(self) -> None:
        from datetime import datetime
        from zoneinfo import ZoneInfo

        month = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m")
        self.client.get(f"/reports/?month={month}", name="dashboard (this month)")
        self.tick()


class Review(Base):
    """The monthly review of one community: generated (every figure computed), then shown."""

    def on_start(self) -> None:
        self.staff_login("admin")

    @task
    def review(self) -> None:
        token = self.client.cookies.get("csrftoken", "")
        self.client.post("/reports/reviews/generate/", name="monthly review",
                         data={"community": FIXTURES["community"], "month": _last_month(),
                               "csrfmiddlewaretoken": token},
                         headers={"Referer": self.host + "/reports/reviews/"})
        self.tick()


_CLASSES = {"intake": Intake, "queue": Queue, "board": Board, "order_page": OrderPage, "tracking": Tracking,
            "household": Household, "dashboard": Dashboard,
            "dashboard_live": DashboardLive, "review": Review}
for _name, _cls in _CLASSES.items():
    if _name != SCENARIO:
        _cls.abstract = True
del _name, _cls  # a module-level alias would count as a second user class
