"""Reads behind the console screens, composed from the engine's scoped selectors.

The work-order engine (``guanjia.tickets.selectors``) decides who sees what; this module only
adds what a screen shows beside it: each order's nearest running deadline, fetched for a whole
page in one query, so a page of fifty orders costs the same handful of queries as a page of five.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db.models import Min, QuerySet

from guanjia.accounts.choices import ROLES_SEEING_PHONES, SUPERVISING_ROLES
from guanjia.accounts.scoping import community_ids_with_roles, roles_for_user
from guanjia.sla.choices import ClockState
from guanjia.sla.models import Clock
from guanjia.sla.selectors import clocks_for_order
from guanjia.tickets import selectors as tickets
from guanjia.tickets.choices import EventType, PlanStatus, Status
from guanjia.tickets.models import GroupCase, Plan, WorkOrder
from guanjia.tickets.services.access import PLAN_APPROVING_ROLES

BOARD_SECTION_SIZE = 10
HISTORY_SIZE = 10
QUEUES = ("mine", "assigned", "department", "community")
BOARD_SECTIONS = ("late", "due_soon", "escalated", "follow_ups", "for_review")


def attach_deadlines(orders: list[WorkOrder]) -> list[WorkOrder]:
    """Set each order's nearest live deadline, in one query for the whole page.

    Done after pagination, on the page's ids only: counting and slicing the queue stay plain
    indexed queries, and a million orders cost no more than fifty.
    """
    due = {row["order_id"]: row for row in Clock.objects.filter(
        order_id__in=[o.pk for o in orders], state__in=[ClockState.RUNNING, ClockState.BREACHED])
        .values("order_id").annotate(due=Min("due_at"), warn=Min("warn_at"))}
    for order in orders:
        row: Mapping[str, Any] = due.get(order.pk, {})
        order.deadline_at, order.deadline_warn_at = row.get("due"), row.get("warn")
    return orders


def orders_queue(*, user: Any, queue: str, filters: tickets.QueueFilters) -> QuerySet[WorkOrder]:
    return tickets.workorder_queue(user=user, queue=queue, filters=filters)


def board(*, user: Any, community: int | None = None) -> tuple[dict[str, list[WorkOrder]], list[GroupCase]]:
    """The supervisor's board: one short list per concern, one query each, the deadlines of every
    list in one more query, plus the group cases."""
    sections = tickets.supervisor_board(user=user, community=community, limit=BOARD_SECTION_SIZE)
    # A board line shows the order and its room only: joining the community and two users per row
    # made every list's query wider and slower to build for nothing shown.
    lists = {name: list(sections[name].select_related(None).select_related("room")[:BOARD_SECTION_SIZE])
             for name in BOARD_SECTIONS}
    attach_deadlines([order for orders in lists.values() for order in orders])
    return lists, list(sections["group_cases"][:BOARD_SECTION_SIZE])


def may_supervise(*, user: Any) -> bool:
    return bool(community_ids_with_roles(user=user, roles=SUPERVISING_ROLES))


@dataclass
class OrderPage:
    order: WorkOrder
    clocks: list[Clock]
    open_orders: list[WorkOrder]
    recent_orders: list[WorkOrder]
    show_phone: bool
    promise: dict[str, Any] | None = None
    supervises: bool = False  # the viewer supervises the order's community (confirms, field steps for others)


def order_page(*, user: Any, uuid: Any) -> OrderPage:
    """One order with its timeline (staff see every event), clocks and the household's orders."""
    order = tickets.workorder_detail(user=user, uuid=uuid)
    open_orders: list[WorkOrder] = []
    recent: list[WorkOrder] = []
    if order.room is not None:
        household = tickets.household_orders(user=user, room=order.room)
        open_orders = [o for o in household["open"][:HISTORY_SIZE + 1] if o.pk != order.pk][:HISTORY_SIZE]
        recent = [o for o in household["recent"][:HISTORY_SIZE + 1] if o.pk != order.pk][:HISTORY_SIZE]
    handed = [e for e in order.visible_events if e.type == EventType.HANDED_OVER]
    held = roles_for_user(user=user, community=order.community)  # one query answers both questions below
    return OrderPage(order=order, clocks=list(clocks_for_order(user=user, order=order)),
                     open_orders=open_orders, recent_orders=recent,
                     promise=handed[-1].data if handed else None,
                     show_phone=bool(held & ROLES_SEEING_PHONES), supervises=bool(held & SUPERVISING_ROLES))


def technician_jobs(*, user: Any) -> list[WorkOrder]:
    """What a technician carries: open orders dispatched to them, urgent first, then by deadline."""
    orders = tickets.workorder_queue(user=user, queue="assigned", filters=tickets.QueueFilters())
    # A technician carries a handful of open jobs, so ordering them here is cheap.
    jobs = attach_deadlines(list(orders.exclude(status=Status.RESOLVED).order_by("created_at")))
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(jobs, key=lambda o: (o.urgency != "urgent", o.deadline_at or far))


PLANS_PAGE_SIZE = 20


def plans_awaiting_decision(*, user: Any) -> QuerySet[Plan]:
    """Complex orders' plans waiting for this project manager, oldest first (the longest wait)."""
    communities = community_ids_with_roles(user=user, roles=PLAN_APPROVING_ROLES)
    return (Plan.objects.filter(status=PlanStatus.SUBMITTED, needs_approval=True,
                                order__community_id__in=communities)
            .select_related("order", "order__community", "order__room", "order__owner", "submitted_by")
            .order_by("created_at", "id"))


def plans_recently_decided(*, user: Any, limit: int = 10) -> list[Plan]:
    """What this approver decided last, so a mistaken click is seen at once."""
    return list(Plan.objects.filter(decided_by=user, needs_approval=True)
                .select_related("order").order_by("-decided_at", "-id")[:limit])
