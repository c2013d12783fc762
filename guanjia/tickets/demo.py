"""A service desk's history, synthesised: work orders with their events, clocks and ratings.

``demo_orders_build`` writes months of realistic history for the demo communities (``load_demo``)
and, with bigger numbers, the benchmark's million orders. Real intake goes through
``tickets.services``; this generator writes rows in bulk instead (a million orders through the
services would take hours), so it sets by hand what the services would have set: numbers
unique per community and day, the per-day counters, the event log, the SLA clocks (met, late or
running), ratings, the repeat-complaint and hot-spot flags intake raises, and the photos residents
send with their reports and technicians take of their repairs (``demo_photos``: rows at scale,
sharing a few dozen real picture files).

Each community's history comes from its own random stream (the seed and the community's code),
so the same seed gives the same history however the work is split. A big load on PostgreSQL is
split over one process per core, one community at a time, with the history tables' secondary
indexes and foreign keys built once at the end (``core.bulk.indexes_deferred``).

Times are whole seconds since the epoch inside the generator: a ``datetime`` per event costs
more than everything else an event needs.
"""

import json
import multiprocessing
import os
import random
import secrets
import uuid
from bisect import bisect
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, connections, transaction
from django.db.models import Model
from django.utils import timezone

from guanjia.accounts.choices import Role
from guanjia.accounts.models import StaffRole
from guanjia.core.bulk import BulkTable, allocate_ids, epoch_seconds, indexes_deferred, statistics_refresh
from guanjia.core.models import Photo
from guanjia.core.taxonomy import Category, Channel, Kind, Urgency, default_department
from guanjia.properties.models import Community, Occupancy, Room
from guanjia.sla.choices import ClockState, ClockType
from guanjia.sla.models import Clock

from . import demo_texts as texts
from .choices import EventType, RatingLevel, RatingSource, Status, Visibility
from .demo_photos import PhotoLink, PhotoPlan, SamplePool, sample_pool_ready
from .models import Rating, WorkOrder, WorkOrderCounter, WorkOrderEvent
from .services.patterns import ticket_settings_for

MINUTE, HOUR, DAY = 60, 3600, 86400
# A load this big on PostgreSQL goes to worker processes with the indexes built afterwards;
# below it (the demo, the tests) one transaction in this process is quicker than the rebuild.
PARALLEL_FROM_ORDERS = 20_000

KINDS = [(Kind.REPAIR, 45), (Kind.COMPLAINT, 20), (Kind.INQUIRY, 15), (Kind.SERVICE, 12),
         (Kind.SUGGESTION, 5), (Kind.PRAISE, 3)]
CHANNELS = [(Channel.PHONE, 40), (Channel.PORTAL, 25), (Channel.FRONT_DESK, 12), (Channel.WECHAT_GROUP, 10),
            (Channel.PATROL, 6), (Channel.HOTLINE_12345, 5), (Channel.INTERNAL, 2)]
CATEGORY_FOR_KIND = {
    Kind.REPAIR: [(Category.FACILITY, 90), (Category.ENVIRONMENT, 6), (Category.ORDER, 4)],
    Kind.COMPLAINT: [(Category.ORDER, 28), (Category.ENVIRONMENT, 20), (Category.SERVICE, 15),
                     (Category.FACILITY, 14), (Category.NEIGHBOR, 10), (Category.RENOVATION, 8), (Category.FEE, 5)],
    Kind.INQUIRY: [(Category.FEE, 35), (Category.OTHER, 25), (Category.RENOVATION, 15), (Category.ORDER, 15),
                   (Category.FACILITY, 10)],
    Kind.SERVICE: [(Category.OTHER, 60), (Category.ORDER, 25), (Category.FACILITY, 15)],
    Kind.SUGGESTION: [(Category.ENVIRONMENT, 40), (Category.ORDER, 30), (Category.OTHER, 30)],
    Kind.PRAISE: [(Category.SERVICE, 70), (Category.FACILITY, 30)],
}
RATINGS = [(RatingLevel.VERY_SATISFIED, 46), (RatingLevel.SATISFIED, 40), (RatingLevel.AVERAGE, 9),
           (RatingLevel.DISSATISFIED, 5)]
# Calls come in office hours mostly, with an evening bump and a few at night.
HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 15, 12, 8, 10, 13, 14, 13, 11, 10, 9, 7, 5, 3, 2]


class _Weighted:
    """Draws from a weighted table with one ``random()`` and a bisect (``choices`` costs 3x more)."""

    def __init__(self, weighted: list[tuple[Any, int]]) -> None:
        # str() turns a choice into its plain value: cheaper to compare and to write.
        self.values = [str(value) if isinstance(value, str) else value for value, _weight in weighted]
        self.cumulative, total = [], 0
        for _value, weight in weighted:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def __call__(self, rng: random.Random) -> Any:
        return self.values[bisect(self.cumulative, rng.random() * self.total)]


_KIND = _Weighted(KINDS)
_CHANNEL = _Weighted(CHANNELS)
_CATEGORY = {str(kind): _Weighted(table) for kind, table in CATEGORY_FOR_KIND.items()}
_RATING = _Weighted(RATINGS)
_HOUR = _Weighted([(hour, weight) for hour, weight in enumerate(HOUR_WEIGHTS)])
_SOURCES = [str(s) for s in RatingSource.values]

# Plain strings: the generator compares and writes these millions of times.
S_NEW, S_ACK, S_DISPATCHED, S_ACCEPTED, S_EN_ROUTE, S_ON_SITE, S_ON_HOLD, S_RESOLVED, S_CLOSED, S_CANCELLED, \
    S_MERGED = (s.value for s in (Status.NEW, Status.ACKNOWLEDGED, Status.DISPATCHED, Status.ACCEPTED,
                                  Status.EN_ROUTE, Status.ON_SITE, Status.ON_HOLD, Status.RESOLVED, Status.CLOSED,
                                  Status.CANCELLED, Status.MERGED))
_OPEN_CHOICES = [S_NEW, S_ACK, S_DISPATCHED, S_ACCEPTED, S_ON_SITE, S_ON_HOLD, S_RESOLVED, S_CLOSED]
_PROGRESS = [S_NEW, S_ACK, S_DISPATCHED, S_ACCEPTED, S_EN_ROUTE, S_ON_SITE, S_RESOLVED, S_CLOSED]


def _reached_table() -> dict[str, frozenset[str]]:
    """For each final status, the steps of the progress an order in it went through."""
    table = {status: frozenset(_PROGRESS[:_PROGRESS.index(status) + 1]) for status in _PROGRESS}
    table[S_ON_HOLD] = table[S_ACCEPTED]
    table[S_CANCELLED] = table[S_MERGED] = frozenset({S_NEW, S_ACK})
    return table


_REACHED = _reached_table()
K_REPAIR, K_COMPLAINT, K_INQUIRY, K_SERVICE, K_PRAISE = (
    Kind.REPAIR.value, Kind.COMPLAINT.value, Kind.INQUIRY.value, Kind.SERVICE.value, Kind.PRAISE.value)
FIELD_WORK = frozenset({K_REPAIR, K_COMPLAINT, K_SERVICE})
U_URGENT, U_COMPLEX, U_NORMAL = Urgency.URGENT.value, Urgency.COMPLEX.value, Urgency.NORMAL.value
RESIDENT = Visibility.RESIDENT.value
INTERNAL = Visibility.INTERNAL.value
DISSATISFIED = RatingLevel.DISSATISFIED.value
E = {t.name: t.value for t in EventType}
C_MET, C_BREACHED, C_RUNNING, C_CANCELLED = (ClockState.MET.value, ClockState.BREACHED.value,
                                             ClockState.RUNNING.value, ClockState.CANCELLED.value)
CANCEL_NOTE = "业主表示问题已自行解决"
HOLD_NOTE = "等待业主约定上门时间"

ORDER_COLUMNS = [
    "id", "community_id", "number", "uuid", "tracking_token", "channel", "room_id", "person_id", "contact_name",
    "contact_phone", "description", "kind", "category", "urgency", "department", "status", "created_by_id",
    "owner_id", "assignee_id", "asset_key", "created_at", "updated_at", "acknowledged_at",
    "classification_confirmed_at", "classification_confirmed_by_id", "on_site_at", "resolved_at", "closed_at",
    "cancel_reason", "for_review", "escalation_level", "is_repeat", "is_hotspot",
]
COL = {name: index for index, name in enumerate(ORDER_COLUMNS)}
EVENT_COLUMNS = ["order_id", "type", "at", "actor_id", "note", "visibility", "data"]
CLOCK_COLUMNS = ["order_id", "type", "state", "started_at", "due_at", "warn_at", "duration", "met_at",
                 "breached_at", "cancelled_at", "escalation_level", "created_at", "updated_at"]
RATING_COLUMNS = ["order_id", "level", "comment", "source", "rated_by_id", "at"]
HISTORY_MODELS: list[type[Model]] = [WorkOrder, WorkOrderEvent, Clock, Rating, Photo, PhotoLink]


_JSON: dict[tuple[tuple[str, str], ...], str] = {}


def _json(*pairs: tuple[str, str]) -> str:
    """JSON text for an event's data, encoded once per distinct value."""
    text = _JSON.get(pairs)
    if text is None:
        text = _JSON[pairs] = json.dumps(dict(pairs), ensure_ascii=False)
    return text


_DEPARTMENTS: dict[tuple[str, str], str] = {}


def _department(kind: str, category: str) -> str:
    found = _DEPARTMENTS.get((kind, category))
    if found is None:
        found = _DEPARTMENTS[(kind, category)] = str(default_department(kind=kind, category=category))
    return found


@dataclass
class _Desk:
    """Who works in one community, which households live there, and its pattern settings."""

    community_id: int
    code: str
    households: list[tuple[int, int | None, str, str]]  # room id, person id, name, phone
    accounts: dict[int, int]  # person id: the resident's login, for the photos they send
    agents: list[int | None]
    technicians: list[int | None]
    assets: list[str]
    repeat_window: int  # seconds
    hotspot_window: int  # seconds
    hotspot_threshold: int


def _desk_for(community: Community) -> _Desk:
    households: dict[int, tuple[int, int | None, str, str]] = {}
    stays = (Occupancy.objects.filter(room__community=community, moved_out__isnull=True)
             .order_by("room_id", "-is_primary_contact", "pk")
             .values_list("room_id", "person_id", "person__name", "person__phones__number"))
    for room_id, person_id, name, phone in stays:  # a community's homes: a few thousand rows at most
        households.setdefault(room_id, (room_id, person_id, name, phone or ""))
    if not households:
        households = {pk: (pk, None, "", "") for pk in Room.objects.filter(community=community)
                      .values_list("pk", flat=True)}
    by_role: dict[str, list[int]] = defaultdict(list)
    for role, user_id in StaffRole.objects.filter(community=community).values_list("role", "user_id"):
        by_role[role].append(user_id)
    if not by_role:  # a benchmark community without its own staff borrows the company's
        for role, user_id in StaffRole.objects.filter(company_id=community.company_id).values_list("role", "user_id"):
            by_role[role].append(user_id)
    agents: list[int | None] = list(by_role[Role.CS_AGENT] or by_role[Role.CS_SUPERVISOR]) or [None]
    buildings = sorted({code.split("-")[0] for code in Room.objects.filter(community=community)
                        .values_list("code", flat=True)[:400]}) or ["1"]
    accounts = dict(get_user_model().objects.filter(person__occupancies__room__community=community)
                    .values_list("person_id", "pk"))
    config = ticket_settings_for(community_id=community.pk)
    return _Desk(community.pk, community.code, list(households.values()), accounts, agents,
                 list(by_role[Role.TECHNICIAN]) or agents,
                 [template.format(b=b) for b in buildings[:12] for template in texts.ASSETS],
                 repeat_window=config.repeat_window_days * DAY, hotspot_window=config.hotspot_window_days * DAY,
                 hotspot_threshold=config.hotspot_threshold)


_DAY_TEXT: dict[int, str] = {}
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _day_text(local_day: int) -> str:
    text = _DAY_TEXT.get(local_day)
    if text is None:
        text = _DAY_TEXT[local_day] = date.fromordinal(_EPOCH_ORDINAL + local_day).strftime("%Y%m%d")
    return text


class _History:
    """One community's orders, planned one at a time in the order they came in."""

    def __init__(self, rng: random.Random, desk: _Desk, *, now: int, offset: int,
                 sequence: dict[str, int], pool: SamplePool) -> None:
        self.rng, self.desk, self.now, self.offset, self.sequence = rng, desk, now, offset, sequence
        self.orders: list[list[Any]] = []
        self.events: list[tuple[Any, ...]] = []  # events with photos go to self.photos.events instead
        self.photos = PhotoPlan(rng, pool, community_id=desk.community_id, now=now, accounts=desk.accounts)
        self.clocks: list[tuple[Any, ...]] = []
        self.ratings: list[tuple[Any, ...]] = []

    def _final_status(self, age: int, kind: str) -> str:
        rng = self.rng
        if rng.random() < 0.03:
            return S_CANCELLED
        if rng.random() < 0.01:
            return S_MERGED
        if age > 4 * DAY or (kind in (K_INQUIRY, K_PRAISE) and age > 3 * HOUR):
            return S_CLOSED if rng.random() < 0.97 else S_RESOLVED
        return _OPEN_CHOICES[int(rng.random() * len(_OPEN_CHOICES))]

    def add(self, order_id: int, created: int) -> None:
        rng, desk = self.rng, self.desk
        kind = _KIND(rng)
        category = _CATEGORY[kind](rng)
        urgent_share = 0.12 if kind == K_REPAIR and category == Category.FACILITY else 0.01
        urgency = (U_URGENT if rng.random() < urgent_share
                   else U_COMPLEX if kind == K_COMPLAINT and rng.random() < 0.12 else U_NORMAL)
        room_id, person_id, name, phone = desk.households[int(rng.random() * len(desk.households))]
        day = _day_text((created + self.offset) // DAY)
        number = self.sequence[day] = self.sequence.get(day, 0) + 1
        status = self._final_status(self.now - created, kind)
        agent = desk.agents[int(rng.random() * len(desk.agents))]
        tech = desk.technicians[int(rng.random() * len(desk.technicians))]
        description, asset = texts.describe(rng, kind=kind, category=category, urgency=urgency, assets=desk.assets)
        channel = _CHANNEL(rng)
        # A request from the owner portal is filed by the resident's own account, as the intake does, and
        # is owned by nobody until an agent acknowledges it; the other channels are typed in by an agent.
        resident = desk.accounts.get(person_id) if channel == Channel.PORTAL and person_id is not None else None
        owner = None if resident and status == S_NEW else agent
        order = [order_id, desk.community_id, f"{desk.code}-{day}-{number:04d}", str(uuid.uuid4()),
                 secrets.token_urlsafe(16), channel, room_id, person_id, name, phone, description, kind,
                 category, urgency, _department(kind, category), status, resident or agent, owner, None, asset,
                 created, created, None, None, None, None, None, None, "", False, 0, False, False]
        self.orders.append(order)
        self._history(order, agent=agent, tech=tech, filed_by=resident or agent)

    def _history(self, order: list[Any], *, agent: int | None, tech: int | None, filed_by: int | None) -> None:
        rng, now, events = self.rng, self.now, self.events
        oid, status, kind = order[COL["id"]], order[COL["status"]], order[COL["kind"]]
        urgent = order[COL["urgency"]] == U_URGENT
        reached = _REACHED[status]
        t = order[COL["created_at"]]
        created = (oid, E["CREATED"], t, filed_by, "", RESIDENT, "{}")
        if not self.photos.report(created, channel=order[COL["channel"]], kind=kind, category=order[COL["category"]],
                                  person_id=order[COL["person_id"]]):
            events.append(created)

        def step(minutes: float) -> int:
            nonlocal t
            t = min(t + max(MINUTE, int(rng.expovariate(1 / minutes) * MINUTE)), now)
            return t

        ack = step(6 if urgent else 12) if S_ACK in reached else None
        if ack is not None:
            order[COL["acknowledged_at"]] = order[COL["classification_confirmed_at"]] = ack
            order[COL["classification_confirmed_by_id"]] = agent
            events.append((oid, E["ACKNOWLEDGED"], ack, agent, "", RESIDENT, "{}"))
            events.append((oid, E["CLASSIFIED"], ack, agent, "", INTERNAL, _json(
                ("kind", kind), ("category", order[COL["category"]]), ("urgency", order[COL["urgency"]]))))
        field_work = kind in FIELD_WORK
        on_site = None
        if field_work and S_DISPATCHED in reached:
            order[COL["assignee_id"]] = tech
            events.append((oid, E["DISPATCHED"], step(5), agent, "", RESIDENT,
                           _json(("department", order[COL["department"]]))))
            if S_ACCEPTED in reached:
                events.append((oid, E["ACCEPTED"], step(4), tech, "", INTERNAL, "{}"))
            if S_ON_SITE in reached:
                events.append((oid, E["SET_OUT"], step(3), tech, "", RESIDENT, "{}"))
                on_site = order[COL["on_site_at"]] = step(8 if urgent else 90)
                events.append((oid, E["ARRIVED"], on_site, tech, "", RESIDENT, "{}"))
                events.append((oid, E["NOTE"], step(40), tech, rng.choice(texts.NOTES), RESIDENT, "{}"))
        if status == S_ON_HOLD:
            events.append((oid, E["PAUSED"], step(30), tech or agent, HOLD_NOTE, RESIDENT, "{}"))
        resolved = None
        if S_RESOLVED in reached:
            resolved = order[COL["resolved_at"]] = step(120 if field_work else 20)
            done = (oid, E["RESOLVED"], resolved, tech if field_work else agent, "", RESIDENT, "{}")
            if kind != K_REPAIR or not self.photos.completion(done, category=order[COL["category"]]):
                events.append(done)
        if status == S_CLOSED:
            closed = order[COL["closed_at"]] = step(60 * 20)
            level = _RATING(rng)
            self.ratings.append((oid, level, rng.choice(texts.RATING_COMMENTS[level]),
                                 _SOURCES[int(rng.random() * len(_SOURCES))], agent, closed))
            events.append((oid, E["CALLBACK"], closed, agent, "", INTERNAL, _json(("level", level))))
            events.append((oid, E["CLOSED"], closed, agent, "", RESIDENT, "{}"))
            order[COL["for_review"]] = level == DISSATISFIED
        if status in (S_CANCELLED, S_MERGED):
            cancelled = status == S_CANCELLED
            events.append((oid, E["CANCELLED"] if cancelled else E["MERGED"], step(30), agent,
                           CANCEL_NOTE if cancelled else "", INTERNAL, "{}"))
            order[COL["cancel_reason"]] = CANCEL_NOTE if cancelled else ""
        order[COL["updated_at"]] = t
        self._clocks(order, ack, on_site, resolved)

    def _clocks(self, order: list[Any], ack: int | None, on_site: int | None, resolved: int | None) -> None:
        start, oid, now = order[COL["created_at"]], order[COL["id"]], self.now
        finished = order[COL["status"]] in (S_CANCELLED, S_MERGED)
        specs = [(ClockType.ACKNOWLEDGE.value, start, 15 * MINUTE, ack)]
        if order[COL["urgency"]] == U_URGENT:
            span = (5 if order[COL["category"]] == Category.ORDER else 15) * MINUTE
            specs.append((ClockType.ON_SITE.value, start, span, on_site))
        if order[COL["kind"]] == K_COMPLAINT:
            specs.append((ClockType.CLOSE.value, start, 48 * HOUR, resolved))
        if resolved is not None:
            specs.append((ClockType.CALLBACK.value, resolved, 48 * HOUR, order[COL["closed_at"]]))
        level = 0
        for clock_type, begin, span, done in specs:
            due = begin + span
            if done is not None:
                state, met, breached = C_MET, done, (due if done > due else None)
            elif now > due:
                state, met, breached = C_BREACHED, None, due
            else:
                state, met, breached = C_RUNNING, None, None
            escalation = 1 if breached is not None and met is None else 0
            cancelled = None
            if finished and state != C_MET:
                state, cancelled, breached, escalation = C_CANCELLED, order[COL["updated_at"]], None, 0
            level = max(level, escalation)
            self.clocks.append((oid, clock_type, state, begin, due, due - min(span // 5, HOUR), span, met, breached,
                                cancelled, escalation, begin, done or begin))
        order[COL["escalation_level"]] = level

    def flag_patterns(self) -> None:
        """Repeat complaints and hot spots, as intake flags them when each order comes in."""
        desk = self.desk
        last_complaint: dict[tuple[Any, Any], Any] = {}  # (room, category) → when
        recent: dict[str, deque[list[Any]]] = defaultdict(deque)
        for order in self.orders:  # in the order they came in
            if order[COL["status"]] == S_MERGED:  # intake leaves merged duplicates out of both counts
                continue
            created = order[COL["created_at"]]
            if order[COL["kind"]] == K_COMPLAINT and order[COL["room_id"]] is not None:
                key = (order[COL["room_id"]], order[COL["category"]])
                earlier = last_complaint.get(key)
                order[COL["is_repeat"]] = earlier is not None and created - earlier <= desk.repeat_window
                last_complaint[key] = created
            if order[COL["asset_key"]]:
                window = recent[order[COL["asset_key"]]]
                window.append(order)
                while window[0][COL["created_at"]] < created - desk.hotspot_window:
                    window.popleft()
                if len(window) >= desk.hotspot_threshold:  # the earlier ones are marked too
                    for same in window:
                        same[COL["is_hotspot"]] = True


@dataclass(frozen=True)
class _Task:
    """One community's share of the history: what a worker process needs (picklable)."""

    community_id: int
    orders: int
    start: int
    now: int
    offset: int
    seed: int
    pool: SamplePool


def _moments(rng: random.Random, task: _Task) -> list[int]:
    """When the calls came in: any day of the span, at an hour weighted like a real desk's."""
    first = (task.start + task.offset) // DAY
    days = max(1, (task.now - task.start) // DAY)
    moments = sorted((first + int(rng.random() * days)) * DAY + _HOUR(rng) * HOUR + int(rng.random() * HOUR)
                     - task.offset for _ in range(task.orders))
    return [m for m in moments if m <= task.now]


def _community_history(task: _Task) -> int:
    """Plan and write one community's history in one transaction; returns the orders written."""
    community = Community.objects.get(pk=task.community_id)
    rng = random.Random(f"{task.seed}:{community.code}")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # generated data: losing the last commit on a crash is fine
                cursor.execute("SET LOCAL synchronous_commit = off")
        # Continue each day's numbering where earlier history (or real intake) left it.
        sequence = {day.strftime("%Y%m%d"): last for day, last in
                    WorkOrderCounter.objects.filter(community=community).values_list("day", "last")}
        history = _History(rng, _desk_for(community), now=task.now, offset=task.offset, sequence=sequence,
                           pool=task.pool)
        moments = _moments(rng, task)
        for order_id, created in zip(allocate_ids(WorkOrder, len(moments)), moments, strict=True):
            history.add(order_id, created)
        history.flag_patterns()
        BulkTable(WorkOrder, ORDER_COLUMNS).write(history.orders)
        history.photos.write(event_columns=EVENT_COLUMNS)  # before the other events: see PhotoPlan
        BulkTable(WorkOrderEvent, EVENT_COLUMNS).write(history.events)
        BulkTable(Clock, CLOCK_COLUMNS).write(history.clocks)
        BulkTable(Rating, RATING_COLUMNS).write(history.ratings)
        WorkOrderCounter.objects.bulk_create(  # intake after the history continues the numbering
            [WorkOrderCounter(community_id=community.pk, day=date(int(d[:4]), int(d[4:6]), int(d[6:])), last=last)
             for d, last in sequence.items()],
            batch_size=2000, update_conflicts=True, unique_fields=["community", "day"], update_fields=["last"])
    return len(moments)


def demo_orders_build(*, communities: list[Community], orders_per_community: int, months: int = 6,
                      seed: int = 2026, now: datetime | None = None) -> int:
    """Write ``orders_per_community`` orders over the last ``months`` months for each community."""
    now = now or timezone.now()
    end = epoch_seconds(now)
    utc_offset = timezone.localtime(now).utcoffset()
    assert utc_offset is not None  # localtime() is always aware
    offset = int(utc_offset.total_seconds())  # Asia/Shanghai: no DST since 1991
    pool = sample_pool_ready()  # drawn once here, before any worker starts; the rows share its files
    tasks = [_Task(c.pk, orders_per_community, end - 30 * months * DAY, end, offset, seed, pool)
             for c in communities]
    if _worth_parallel(orders_per_community * len(communities)):
        with indexes_deferred(HISTORY_MODELS):
            connections.close_all()  # each worker opens its own connection; none may share the parent's
            workers = max(1, min(len(tasks), os.cpu_count() or 1))
            with multiprocessing.get_context("fork").Pool(workers, initializer=_own_connection) as processes:
                total = sum(processes.imap_unordered(_community_history, tasks))
    else:
        with transaction.atomic():
            total = sum(_community_history(task) for task in tasks)
    _analyze()
    return total


def _own_connection() -> None:
    """In a forked worker: drop (never close) any connection object inherited from the parent, so
    the worker opens its own; closing it would end the parent's session on the shared socket."""
    for alias in connections:
        connections[alias].connection = None


def _worth_parallel(orders: int) -> bool:
    """Processes and an index rebuild pay off for a big load into tables holding less than it,
    on PostgreSQL (SQLite has one writer), outside a transaction (workers could not see into it)."""
    return (connection.vendor == "postgresql" and not connection.in_atomic_block
            and orders >= PARALLEL_FROM_ORDERS and WorkOrder.objects.count() < orders)


def _analyze() -> None:
    """Fresh planner statistics: the queues and reports are planned against the new rows at once."""
    statistics_refresh((*HISTORY_MODELS, WorkOrderCounter))


DEMO_ORDERS_PER_COMMUNITY = 1500  # about six months of a mid-sized desk's requests


def demo_hook(result: Any) -> None:
    """``load_demo``: six months of history for each demo community that has none yet, then a few
    live cases made through the real services, so every screen has something to act on."""
    fresh = [c for c in result.communities if not WorkOrder.objects.filter(community=c).exists()]
    if fresh:
        demo_orders_build(communities=fresh, orders_per_community=DEMO_ORDERS_PER_COMMUNITY, months=6)
        if result.communities and result.communities[0] in fresh:
            demo_live_cases(community=result.communities[0])


def demo_live_cases(*, community: Community) -> None:
    """An urgent call just in, a portal request waiting for the resident's answer, and a complex
    complaint whose plan waits for the project manager — through the same services the desk uses."""
    from django.contrib.auth import get_user_model

    from guanjia.accounts.choices import UserKind

    from .services.intake import (
        IntakeRequest,
        workorder_acknowledge,
        workorder_request_info,
    )
    from .services.intake import (
        workorder_intake as intake,
    )
    from .services.plans import plan_submit

    users = get_user_model().objects
    agent = users.filter(roles__community=community, roles__role=Role.CS_AGENT).first()
    resident = users.filter(kind=UserKind.RESIDENT, person__occupancies__room__community=community).first()
    if agent is None or resident is None or resident.person_id is None:
        return
    occupancy = Occupancy.objects.filter(person_id=resident.person_id, room__community=community).first()
    if occupancy is None:
        return
    home = occupancy.room
    intake(actor=agent, request=IntakeRequest(
        channel=Channel.PHONE, community=community, location="5栋2单元电梯",
        description="5栋2单元电梯困人,里面有一位老人和一个小孩,按了警铃没人应", kind=Kind.REPAIR,
        category=Category.FACILITY, urgency=Urgency.URGENT, asset_key="5栋2单元电梯"))
    waiting = intake(actor=resident, request=IntakeRequest(
        channel=Channel.PORTAL, room=home, description="电梯又坏了", preferred_visit="工作日晚上"))
    workorder_acknowledge(order=waiting, actor=agent)
    workorder_request_info(order=waiting, actor=agent, questions=[
        "是哪一栋哪一个单元的电梯?", "现在有没有人被困在里面?", "从什么时候开始不能用的?"])
    complex_case = intake(actor=agent, request=IntakeRequest(
        channel=Channel.FRONT_DESK, community=community, room=home, kind=Kind.COMPLAINT,
        category=Category.FACILITY, urgency=Urgency.COMPLEX, asset_key="地下车库顶板",
        description="地下车库顶板渗水三年了,每逢下雨车位上方就滴水,多次报修都没有根治",
        expectation="彻底解决渗漏,并给出时间表"))
    workorder_acknowledge(order=complex_case, actor=agent)
    plan_submit(order=complex_case, actor=agent, cost=Decimal("48000"), schedule="两周内进场,施工10天",
                parties=["开发商", "防水施工单位"],
                solution="联系开发商启动保修,对车库顶板裂缝注浆堵漏并重做顶板防水层",
                resident_text="我们已联系开发商和防水单位,两周内进场维修车库顶板,施工约10天,期间会提前通知您挪车。")
