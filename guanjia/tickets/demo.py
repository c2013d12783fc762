"""A service desk's history, synthesised: work orders with their events, clocks and ratings.

``demo_orders_build`` writes months of realistic history for the demo communities (``load_demo``)
and, with bigger numbers, the benchmark's million orders. Real intake goes through
``tickets.services``; this generator writes rows in bulk instead (a million orders through the
services would take hours), so it sets by hand what the services would have set: numbers
unique per community and day, the per-day counters, the event log, the SLA clocks (met, late or
running), ratings, and the flags the reports read.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from guanjia.accounts.choices import Role
from guanjia.accounts.models import StaffRole
from guanjia.core.bulk import allocate_ids, bulk_insert
from guanjia.core.taxonomy import Category, Channel, Kind, Urgency, default_department
from guanjia.properties.models import Community, Occupancy, Room
from guanjia.sla.choices import ClockState, ClockType
from guanjia.sla.models import Clock

from . import demo_texts as texts
from .choices import EventType, RatingLevel, RatingSource, Status, Visibility
from .models import Rating, WorkOrder, WorkOrderCounter, WorkOrderEvent

Row = dict[str, Any]


class _Rec(dict):
    """A row as a dict that reads and writes like a model instance, to keep the story readable."""

    def __getattr__(self, name: str) -> Any:
        return self.get(name)

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value

BATCH_ORDERS = 2000  # orders per round of INSERTs: bounded memory, few round trips

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


_CUMULATIVE: dict[int, tuple[list[str], list[int]]] = {}


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    # Cumulative weights computed once per table: this runs millions of times for the benchmark.
    table = _CUMULATIVE.get(id(weighted))
    if table is None:
        values, running, total = [], [], 0
        for value, weight in weighted:
            total += weight
            values.append(str(value))
            running.append(total)
        table = _CUMULATIVE[id(weighted)] = (values, running)
    return rng.choices(table[0], cum_weights=table[1])[0]


@dataclass
class _Desk:
    """Who works in one community and which households live there, loaded once."""

    community: Community
    households: list[tuple[int, int | None, str, str]]  # room id, person id, name, phone
    agents: list[int]
    technicians: list[int]
    supervisor: int | None
    assets: list[str] = field(default_factory=list)


def _desk_for(community: Community) -> _Desk:
    households: dict[int, tuple[int, int | None, str, str]] = {}
    stays = (Occupancy.objects.filter(room__community=community, moved_out__isnull=True)
             .order_by("room_id", "-is_primary_contact", "pk")
             .values_list("room_id", "person_id", "person__name", "person__phones__number"))
    for room_id, person_id, name, phone in stays.iterator(chunk_size=5000):
        households.setdefault(room_id, (room_id, person_id, name, phone or ""))
    if not households:
        households = {pk: (pk, None, "", "") for pk in Room.objects.filter(community=community)
                      .values_list("pk", flat=True)}
    roles = StaffRole.objects.filter(community=community).values_list("role", "user_id")
    by_role: dict[str, list[int]] = defaultdict(list)
    for role, user_id in roles:
        by_role[role].append(user_id)
    if not by_role:  # a benchmark community without its own staff borrows the company's
        for role, user_id in StaffRole.objects.filter(company_id=community.company_id).values_list("role", "user_id"):
            by_role[role].append(user_id)
    agents = by_role[Role.CS_AGENT] or by_role[Role.CS_SUPERVISOR] or [None]
    buildings = sorted({code.split("-")[0] for code in Room.objects.filter(community=community)
                        .values_list("code", flat=True)[:400]}) or ["1"]
    assets = [template.format(b=b) for b in buildings[:12] for template in texts.ASSETS]
    return _Desk(community, list(households.values()), agents, by_role[Role.TECHNICIAN] or agents,
                 (by_role[Role.CS_SUPERVISOR] or [None])[0], assets)


@dataclass
class _Plan:
    """One order being written: its row, events, clocks and rating (plain dicts for bulk_insert)."""

    order: Row
    events: list[Row]
    clocks: list[Row]
    rating: Row | None


def _when(rng: random.Random, start: datetime, span: timedelta) -> datetime:
    day = start + timedelta(days=rng.randrange(max(1, span.days)))
    hour = rng.choices(range(24), weights=HOUR_WEIGHTS)[0]
    local = timezone.localtime(day).replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))
    return local


def _final_status(rng: random.Random, age: timedelta, kind: str) -> str:
    if rng.random() < 0.03:
        return Status.CANCELLED
    if rng.random() < 0.01:
        return Status.MERGED
    if age > timedelta(days=4) or (kind in (Kind.INQUIRY, Kind.PRAISE) and age > timedelta(hours=3)):
        return Status.CLOSED if rng.random() < 0.97 else Status.RESOLVED
    return str(rng.choice([Status.NEW, Status.ACKNOWLEDGED, Status.DISPATCHED, Status.ACCEPTED, Status.ON_SITE,
                           Status.ON_HOLD, Status.RESOLVED, Status.CLOSED]))


_PROGRESS = [Status.NEW, Status.ACKNOWLEDGED, Status.DISPATCHED, Status.ACCEPTED, Status.EN_ROUTE,
             Status.ON_SITE, Status.RESOLVED, Status.CLOSED]


def _reached(status: str, step: str) -> bool:
    if status in (Status.CANCELLED, Status.MERGED):
        return step in (Status.NEW, Status.ACKNOWLEDGED)
    if status == Status.ON_HOLD:
        status = Status.ACCEPTED
    return _PROGRESS.index(step) <= _PROGRESS.index(status)


def _clock(kind: str, start: datetime, span: timedelta, done: datetime | None, now: datetime) -> Row:
    due = start + span
    if done is not None:
        state, met, breached = ClockState.MET, done, due if done > due else None
    elif now > due:
        state, met, breached = ClockState.BREACHED, None, due
    else:
        state, met, breached = ClockState.RUNNING, None, None
    return _Rec(type=kind, state=state, started_at=start, due_at=due,
                warn_at=due - min(span * 0.2, timedelta(hours=1)), duration=span, met_at=met,
                breached_at=breached, escalation_level=1 if breached and not met else 0,
                created_at=start, updated_at=done or start)


class _Writer:
    """Plans one order at a time; the caller flushes them in batches."""

    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng, self.now = rng, now
        self.sequence: dict[tuple[int, str], int] = defaultdict(int)

    def plan(self, desk: _Desk, created: datetime) -> _Plan:
        rng, now = self.rng, self.now
        kind = _pick(rng, KINDS)
        category = _pick(rng, CATEGORY_FOR_KIND[kind])
        urgent_share = 0.12 if kind == Kind.REPAIR and category == Category.FACILITY else 0.01
        urgency = (Urgency.URGENT if rng.random() < urgent_share
                   else Urgency.COMPLEX if kind == Kind.COMPLAINT and rng.random() < 0.12 else Urgency.NORMAL)
        room_id, person_id, name, phone = rng.choice(desk.households)
        local = timezone.localtime(created)
        day = local.strftime("%Y%m%d")
        self.sequence[(desk.community.pk, day)] += 1
        status = _final_status(rng, now - created, kind)
        agent, tech = rng.choice(desk.agents), rng.choice(desk.technicians)
        description, asset = texts.describe(rng, kind=kind, category=category, urgency=urgency, assets=desk.assets)
        order = _Rec(
            community_id=desk.community.pk, number=f"{desk.community.code}-{day}-{self.sequence[(desk.community.pk, day)]:04d}",
            channel=_pick(rng, CHANNELS), room_id=room_id, person_id=person_id, contact_name=name,
            contact_phone=phone, description=description, kind=kind, category=category, urgency=urgency,
            department=default_department(kind=kind, category=category), status=status, created_by_id=agent,
            owner_id=agent, asset_key=asset, created_at=created, updated_at=created,
        )
        return self._history(order, agent=agent, tech=tech)

    def _history(self, order: WorkOrder, *, agent: int | None, tech: int | None) -> _Plan:
        rng, now, status = self.rng, self.now, order.status
        urgent = order.urgency == Urgency.URGENT
        t = order.created_at
        events = [_Rec(type=EventType.CREATED, at=t, actor_id=agent,
                                 visibility=Visibility.RESIDENT)]

        def step(minutes: float) -> datetime:
            nonlocal t
            t = min(t + timedelta(minutes=max(1.0, rng.expovariate(1 / minutes))), now)
            return t

        ack_done = step(6 if urgent else 12) if _reached(status, Status.ACKNOWLEDGED) else None
        if ack_done:
            order.acknowledged_at = ack_done
            order.classification_confirmed_at = ack_done
            events.append(_Rec(type=EventType.ACKNOWLEDGED, at=ack_done, actor_id=agent,
                                         visibility=Visibility.RESIDENT))
            events.append(_Rec(type=EventType.CLASSIFIED, at=ack_done, actor_id=agent,
                                         data={"kind": order.kind, "category": order.category,
                                               "urgency": order.urgency}))
        field_work = order.kind in (Kind.REPAIR, Kind.COMPLAINT, Kind.SERVICE)
        on_site = None
        if field_work and _reached(status, Status.DISPATCHED):
            order.assignee_id = tech
            events.append(_Rec(type=EventType.DISPATCHED, at=step(5), actor_id=agent,
                                         data={"department": order.department}, visibility=Visibility.RESIDENT))
            if _reached(status, Status.ACCEPTED):
                events.append(_Rec(type=EventType.ACCEPTED, at=step(4), actor_id=tech))
            if _reached(status, Status.ON_SITE):
                events.append(_Rec(type=EventType.SET_OUT, at=step(3), actor_id=tech,
                                             visibility=Visibility.RESIDENT))
                on_site = step(8 if urgent else 90)
                order.on_site_at = on_site
                events.append(_Rec(type=EventType.ARRIVED, at=on_site, actor_id=tech,
                                             visibility=Visibility.RESIDENT))
                events.append(_Rec(type=EventType.NOTE, at=step(40), actor_id=tech,
                                             note=rng.choice(texts.NOTES), visibility=Visibility.RESIDENT))
        if status == Status.ON_HOLD:
            events.append(_Rec(type=EventType.PAUSED, at=step(30), actor_id=tech or agent,
                                         note="等待业主约定上门时间", visibility=Visibility.RESIDENT))
        resolved = None
        if _reached(status, Status.RESOLVED):
            resolved = step(120 if field_work else 20)
            order.resolved_at = resolved
            events.append(_Rec(type=EventType.RESOLVED, at=resolved,
                                         actor_id=tech if field_work else agent, visibility=Visibility.RESIDENT))
        rating = None
        if status == Status.CLOSED:
            closed = step(60 * 20)
            level = _pick(rng, RATINGS)
            rating = _Rec(level=level, source=rng.choice(list(RatingSource.values)),
                            rated_by_id=agent, at=closed, comment=rng.choice(texts.RATING_COMMENTS[level]))
            events.append(_Rec(type=EventType.CALLBACK, at=closed, actor_id=agent,
                                         data={"level": level}))
            events.append(_Rec(type=EventType.CLOSED, at=closed, actor_id=agent,
                                         visibility=Visibility.RESIDENT))
            order.closed_at = closed
            order.for_review = level == RatingLevel.DISSATISFIED
        if status in (Status.CANCELLED, Status.MERGED):
            events.append(_Rec(type=EventType.CANCELLED if status == Status.CANCELLED
                                         else EventType.MERGED, at=step(30), actor_id=agent,
                                         note="业主表示问题已自行解决" if status == Status.CANCELLED else ""))
            order.cancel_reason = "业主表示问题已自行解决" if status == Status.CANCELLED else ""
        order.updated_at = t
        return _Plan(order, events, self._clocks(order, ack_done, on_site, resolved), rating)

    def _clocks(self, order: WorkOrder, ack: datetime | None, on_site: datetime | None,
                resolved: datetime | None) -> list[Clock]:
        now, start = self.now, order.created_at
        finished = order.status in (Status.CANCELLED, Status.MERGED)
        clocks = [_clock(ClockType.ACKNOWLEDGE, start, timedelta(minutes=15), ack, now)]
        if order.urgency == Urgency.URGENT:
            span = timedelta(minutes=5 if order.category == Category.ORDER else 15)
            clocks.append(_clock(ClockType.ON_SITE, start, span, on_site, now))
        if order.kind == Kind.COMPLAINT:
            clocks.append(_clock(ClockType.CLOSE, start, timedelta(hours=48), resolved, now))
        if resolved is not None:
            clocks.append(_clock(ClockType.CALLBACK, resolved, timedelta(hours=48), order.closed_at, now))
        if finished:
            for clock in clocks:
                if clock.state != ClockState.MET:
                    clock.state, clock.cancelled_at, clock.breached_at = ClockState.CANCELLED, order.updated_at, None
                    clock.escalation_level = 0
        late = [c for c in clocks if c.state == ClockState.BREACHED]
        order.escalation_level = max((c.escalation_level for c in late), default=0)
        return clocks


@transaction.atomic
def demo_orders_build(*, communities: list[Community], orders_per_community: int, months: int = 6,
                      seed: int = 2026, now: datetime | None = None) -> int:
    """Write ``orders_per_community`` orders over the last ``months`` months for each community."""
    now = now or timezone.now()
    rng = random.Random(seed)
    writer = _Writer(rng, now)
    # Continue each day's numbering where earlier history (or real intake) left it.
    for community_id, day, last in WorkOrderCounter.objects.filter(
            community__in=communities).values_list("community_id", "day", "last"):
        writer.sequence[(community_id, day.strftime("%Y%m%d"))] = last
    start = now - timedelta(days=30 * months)
    total = 0
    for community in communities:
        desk = _desk_for(community)
        moments = sorted(_when(rng, start, now - start) for _ in range(orders_per_community))
        moments = [m for m in moments if m <= now]
        for offset in range(0, len(moments), BATCH_ORDERS):
            _flush([writer.plan(desk, created) for created in moments[offset:offset + BATCH_ORDERS]])
        total += len(moments)
    _write_counters(writer.sequence)
    _mark_patterns(communities)
    return total


def _flush(plans: list[_Plan]) -> None:
    for plan, order_id in zip(plans, allocate_ids(WorkOrder, len(plans)), strict=True):
        plan.order["id"] = order_id
        for row in (*plan.events, *plan.clocks, *([plan.rating] if plan.rating else [])):
            row["order_id"] = order_id
    children = [(WorkOrderEvent, [e for p in plans for e in p.events]),
                (Clock, [c for p in plans for c in p.clocks]),
                (Rating, [p.rating for p in plans if p.rating])]
    bulk_insert(WorkOrder, [p.order for p in plans])
    for model, rows in children:
        for row, pk in zip(rows, allocate_ids(model, len(rows)), strict=True):
            row["id"] = pk
        bulk_insert(model, rows)


def _write_counters(sequence: dict[tuple[int, str], int]) -> None:
    """Intake after the history continues the day's numbering instead of colliding with it."""
    rows = [WorkOrderCounter(community_id=community_id, day=date.fromisoformat(day), last=last)
            for (community_id, day), last in sequence.items()]
    WorkOrderCounter.objects.bulk_create(rows, batch_size=2000, update_conflicts=True,
                                         unique_fields=["community", "day"], update_fields=["last"])


def _mark_patterns(communities: list[Community]) -> None:
    """Flag repeat complaints and monthly hot spots as intake would have, in set-based UPDATEs."""
    from django.db.models import Count, Exists, OuterRef
    from django.db.models.functions import TruncMonth

    ids = [c.pk for c in communities]
    complaints = WorkOrder.objects.filter(community_id__in=ids, kind=Kind.COMPLAINT).exclude(room=None)
    earlier = WorkOrder.objects.filter(
        room_id=OuterRef("room_id"), category=OuterRef("category"), kind=Kind.COMPLAINT,
        created_at__lt=OuterRef("created_at"), created_at__gte=OuterRef("created_at") - timedelta(days=30))
    complaints.filter(Exists(earlier)).update(is_repeat=True)
    hot = (WorkOrder.objects.filter(community_id__in=ids).exclude(asset_key="")
           .annotate(month=TruncMonth("created_at")).values("community_id", "asset_key", "month")
           .annotate(n=Count("id")).filter(n__gte=3))
    for row in list(hot):
        month_end = (row["month"] + timedelta(days=32)).replace(day=1)
        WorkOrder.objects.filter(community_id=row["community_id"], asset_key=row["asset_key"],
                                 created_at__gte=row["month"], created_at__lt=month_end).update(is_hotspot=True)


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
    if agent is None or resident is None:
        return
    home = Occupancy.objects.filter(person_id=resident.person_id, room__community=community).first().room
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
