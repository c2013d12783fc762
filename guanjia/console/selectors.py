"""Reads behind the console screens, composed from the engine's scoped selectors.

The work-order engine (``guanjia.tickets.selectors``) decides who sees what; this module only
adds what a screen shows beside it: each order's nearest running deadline, annotated in the
same query so a page of fifty orders costs the same handful of queries as a page of five.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Min, Q, QuerySet, Value, When

from guanjia.accounts.choices import ROLES_SEEING_PHONES, SUPERVISING_ROLES
from guanjia.accounts.scoping import community_ids_with_roles
from guanjia.sla.choices import ClockState
from guanjia.sla.models import Clock
from guanjia.sla.selectors import clocks_for_order
from guanjia.tickets import selectors as tickets
from guanjia.tickets.choices import EventType, Status
from guanjia.tickets.models import GroupCase, WorkOrder

# Clocks that still count down or are already late: the ones a queue shows.
_LIVE = Q(clocks__state__in=[ClockState.RUNNING, ClockState.BREACHED])
BOARD_SECTION_SIZE = 10
HISTORY_SIZE = 10
QUEUES = ("mine", "assigned", "department", "community")
BOARD_SECTIONS = ("late", "due_soon", "escalated", "follow_ups", "for_review")


def with_deadlines(orders: QuerySet[WorkOrder]) -> QuerySet[WorkOrder]:
    return orders.annotate(deadline_at=Min("clocks__due_at", filter=_LIVE),
                           deadline_warn_at=Min("clocks__warn_at", filter=_LIVE))


def orders_queue(*, user: Any, queue: str, filters: tickets.QueueFilters) -> QuerySet[WorkOrder]:
    return with_deadlines(tickets.workorder_queue(user=user, queue=queue, filters=filters))


def board(*, user: Any, community: int | None = None) -> tuple[dict[str, list[WorkOrder]], list[GroupCase]]:
    """The supervisor's board: one short list per concern, one query each, plus the group cases."""
    sections = tickets.supervisor_board(user=user, community=community)
    lists = {}
    for name in BOARD_SECTIONS:
        qs = sections[name].select_related("community", "room", "owner", "assignee")
        # The SLA selectors already annotate and order by the deadline; the others by age.
        lists[name] = list(with_deadlines(qs)[:BOARD_SECTION_SIZE])
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


def order_page(*, user: Any, uuid: Any) -> OrderPage:
    """One order with its timeline (staff see every event), clocks and the household's orders."""
    order = tickets.workorder_detail(user=user, uuid=uuid)
    open_orders: list[WorkOrder] = []
    recent: list[WorkOrder] = []
    if order.room_id:
        household = tickets.household_orders(user=user, room=order.room)
        open_orders = [o for o in household["open"][:HISTORY_SIZE + 1] if o.pk != order.pk][:HISTORY_SIZE]
        recent = [o for o in household["recent"][:HISTORY_SIZE + 1] if o.pk != order.pk][:HISTORY_SIZE]
    handed = [e for e in order.visible_events if e.type == EventType.HANDED_OVER]
    return OrderPage(order=order, clocks=list(clocks_for_order(user=user, order=order)),
                     open_orders=open_orders, recent_orders=recent,
                     promise=handed[-1].data if handed else None,
                     show_phone=order.community_id in community_ids_with_roles(user=user,
                                                                               roles=ROLES_SEEING_PHONES))


def technician_jobs(*, user: Any) -> list[WorkOrder]:
    """What a technician carries: open orders dispatched to them, urgent first, then by deadline."""
    urgent_first = Case(When(urgency="urgent", then=Value(0)), default=Value(1), output_field=IntegerField())
    orders = tickets.workorder_queue(user=user, queue="assigned", filters=tickets.QueueFilters())
    return list(with_deadlines(orders.exclude(status=Status.RESOLVED)
                               .select_related("room__unit__building"))
                .order_by(urgent_first, "deadline_at", "created_at"))
