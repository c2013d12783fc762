"""The benchmark's world: the demo generator at scale, plus accounts and tokens for the load client.

Full size (issue 8): 100 communities, 100,000 rooms, 1,000,000 work orders over 24 months.
``--quick``: 5 communities, 5,000 rooms, 20,000 orders.

The full size is about 15.6 million rows (9.5 events, 2.2 SLA clocks, 0.9 ratings and 0.8
photos an order, each photo with its link to an event; the photo rows share a few dozen sample
files). On PostgreSQL the history is written by one process per core, a community at a time,
with COPY, and the history tables' indexes and foreign keys are built once after the load;
generating it is minutes of work, not the benchmark.
"""

import json
import random
import time
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from rest_framework.authtoken.models import Token

from guanjia.accounts.choices import UserKind
from guanjia.accounts.services import resident_account_create
from guanjia.core.models import Photo
from guanjia.properties.choices import Relation
from guanjia.properties.demo import DEMO_PASSWORD, demo_build
from guanjia.properties.models import Occupancy
from guanjia.tickets.demo import demo_orders_build
from guanjia.tickets.models import WorkOrder

RESIDENTS = 40  # accounts filing requests in the intake scenario (each has their own households)


@dataclass(frozen=True)
class Size:
    name: str
    communities: int
    rooms: int
    orders: int
    months: int


FULL = Size("full", communities=100, rooms=100_000, orders=1_000_000, months=24)
QUICK = Size("quick", communities=5, rooms=5_000, orders=20_000, months=12)


def build(size: Size, log) -> dict[str, float]:
    """Generate the data unless it is already there; returns how long each part took."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    result = demo_build(rooms=size.rooms, communities=size.communities)
    timings["register_s"] = time.perf_counter() - started
    log(f"register: {result.counts} in {timings['register_s']:.1f} s")
    have = WorkOrder.objects.count()
    if have < size.orders * 0.9:
        started = time.perf_counter()
        per_community = (size.orders - have) // size.communities
        written = demo_orders_build(communities=result.communities, orders_per_community=per_community,
                                    months=size.months, seed=7)
        timings["orders_s"] = time.perf_counter() - started
        log(f"orders: {written:,} in {timings['orders_s']:.1f} s ({written / timings['orders_s']:,.0f}/s)")
        files = Photo.objects.values("image").distinct().count()
        log(f"photos: {Photo.objects.count():,} rows on {files} sample files (written with the orders)")
    return timings


def fixtures(path: Path) -> dict:
    """Logins, tokens and sample ids the load client needs, written to ``path`` as JSON."""
    rng = random.Random(11)
    user_model = get_user_model()
    residents = []
    stays = list(Occupancy.objects.filter(relation=Relation.OWNER, moved_out__isnull=True,
                                          person__account__isnull=True)
                 .select_related("person").order_by("pk")[:2000])
    existing = list(user_model.objects.filter(kind=UserKind.RESIDENT).order_by("pk")[:RESIDENTS])
    for user in existing:
        room_id = Occupancy.objects.filter(person_id=user.person_id).values_list("room_id", flat=True).first()
        residents.append({"token": Token.objects.get_or_create(user=user)[0].key, "room": room_id})
    password_hash = make_password(DEMO_PASSWORD)  # hashed once: the load client uses tokens, not passwords
    for stay in rng.sample(stays, max(0, min(len(stays), RESIDENTS - len(existing)))):
        phone = stay.person.phones.values_list("number", flat=True).first()
        if not phone or user_model.objects.filter(phone=phone).exists():
            continue
        user = resident_account_create(person=stay.person, phone=phone, password=DEMO_PASSWORD,
                                       password_hash=password_hash)
        residents.append({"token": Token.objects.get_or_create(user=user)[0].key, "room": stay.room_id})
    recent = WorkOrder.objects.order_by("-created_at")
    first = recent.values_list("community_id", flat=True).first()
    data = {
        "password": DEMO_PASSWORD,
        "residents": residents,
        "orders": [str(u) for u in recent.filter(community_id=first).values_list("uuid", flat=True)[:200]],
        "tracking": list(recent.values_list("tracking_token", flat=True)[:500]),
        "rooms": list(Occupancy.objects.order_by("?").values_list("room__code", "person__name",
                                                                  "person__phones__last4")[:300]),
        "community": first,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False))
    return data
