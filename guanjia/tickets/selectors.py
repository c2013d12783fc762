"""Every read of the work-order engine, scoped by the acting user.

Staff see the orders of the communities they work in; a resident only the orders of the
rooms they live in or own. Queues filter and order in the database on indexed columns: no
Python loop ever walks the orders (the desk must stay fast at a million orders).
"""

import datetime
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.db import connection
from django.db.models import BooleanField, Count, F, Func, Prefetch, Q, QuerySet, TextField, Value
from django.db.models.functions import Collate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guanjia.accounts.choices import Role
from guanjia.accounts.models import StaffRole
from guanjia.accounts.scoping import community_ids_for_user, rooms_for_resident
from guanjia.core.errors import NotFound
from guanjia.core.taxonomy import Department
from guanjia.properties.models import Room
from guanjia.properties.roomcodes import normalize_room_code

from .choices import FINISHED_STATUSES, OPEN_STATUSES, PlanStatus, Status, Visibility
from .models import GroupCase, Plan, WorkOrder, WorkOrderEvent
from .services.access import is_resident, is_staff
from .services.patterns import ticket_settings_for

if TYPE_CHECKING:  # django-stubs-ext is a development dependency, read by mypy only
    from django_stubs_ext import WithAnnotations

    class _Timeline(TypedDict):
        visible_events: list[WorkOrderEvent]
        visible_plans: list[Plan]

    # An order as ``workorder_detail`` loads it: its events and plans, those its reader may see.
    DetailedOrder = WithAnnotations[WorkOrder, _Timeline]

# Department → the role of the people dispatched for it (assignment suggestions).
FIELD_ROLE_FOR_DEPARTMENT: dict[str, Role] = {
    Department.ENGINEERING: Role.TECHNICIAN, Department.SECURITY: Role.SECURITY,
    Department.ENVIRONMENT: Role.ENVIRONMENT, Department.FINANCE: Role.FINANCE,
    Department.CUSTOMER_SERVICE: Role.CS_AGENT,
}
_LIST_RELATED = ("community", "room", "owner", "assignee")


def workorders_for_user(*, user: Any) -> QuerySet[WorkOrder]:
    """The orders ``user`` may see at all."""
    if is_staff(user):
        return WorkOrder.objects.filter(community_id__in=community_ids_for_user(user=user))
    if is_resident(user):
        return WorkOrder.objects.filter(room__in=rooms_for_resident(user=user))
    return WorkOrder.objects.none()


def workorder_get(*, user: Any, uuid: Any) -> WorkOrder:
    order = workorders_for_user(user=user).select_related(*_LIST_RELATED).filter(uuid=uuid).first()
    if order is None:
        raise NotFound(_("This work order does not exist or is not yours to see."), code="not_found")
    return order


def events_visible_to(*, user: Any, order: WorkOrder) -> QuerySet[WorkOrderEvent]:
    events = WorkOrderEvent.objects.filter(order=order).select_related("actor").prefetch_related("photos")
    if not is_staff(user):
        events = events.filter(visibility=Visibility.RESIDENT)
    return events.order_by("at", "id")


def workorder_detail(*, user: Any, uuid: Any) -> "DetailedOrder":
    """One order with its timeline, plans and ratings: a fixed number of queries whatever its length.

    A resident gets only the events shown to residents and only approved plans.
    """
    staff = is_staff(user)
    plans = Plan.objects.order_by("created_at", "id")
    if not staff:
        plans = plans.filter(status=PlanStatus.APPROVED)
    events = WorkOrderEvent.objects.select_related("actor").prefetch_related("photos").order_by("at", "id")
    if not staff:
        events = events.filter(visibility=Visibility.RESIDENT)
    # Scoped and loaded in one query (then one per prefetched list), not looked up and then loaded again.
    # The orders it was merged into or follows up are prefetched, not joined: two more joins of the
    # work-order table made PostgreSQL spend ~30 ms planning the query at a million orders (2 ms
    # without), and a prefetch of a foreign key that is empty, as it nearly always is, costs no query.
    order = (workorders_for_user(user=user).filter(uuid=uuid)
             .select_related(*_LIST_RELATED, "group_case")
             .prefetch_related(Prefetch("events", queryset=events, to_attr="visible_events"),
                               Prefetch("plans", queryset=plans, to_attr="visible_plans"), "ratings",
                               "merged_into", "follow_up_of")
             .first())
    if order is None:
        raise NotFound(_("This work order does not exist or is not yours to see."), code="not_found")
    return order


@dataclass(frozen=True)
class QueueFilters:
    community: int | None = None
    zone: int | None = None
    category: str = ""
    urgency: str = ""
    status: str = ""
    channel: str = ""
    kind: str = ""
    created_from: datetime.date | None = None
    created_to: datetime.date | None = None
    q: str = ""
    open_only: bool = False


def workorders_filter(queryset: QuerySet[WorkOrder], filters: QueueFilters) -> QuerySet[WorkOrder]:
    exact = {"community_id": filters.community, "room__unit__building__zone_id": filters.zone,
             "category": filters.category, "urgency": filters.urgency, "status": filters.status,
             "channel": filters.channel, "kind": filters.kind}
    queryset = queryset.filter(**{k: v for k, v in exact.items() if v})
    if filters.open_only:
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    if filters.created_from:
        queryset = queryset.filter(created_at__date__gte=filters.created_from)
    if filters.created_to:
        queryset = queryset.filter(created_at__date__lte=filters.created_to)
    if filters.q.strip():
        queryset = queryset.filter(_keyword(filters.q.strip()))
    return queryset


# CH-20261122-0007: a whole number is looked up exactly (the unique index), not scanned for.
_WHOLE_NUMBER = re.compile(r"^[A-Za-z0-9]{1,8}-\d{8}-\d{4,}$")


def _keyword(text: str) -> Q:
    """A whole order number or room code is an indexed lookup; words in Chinese are looked up in
    the bigram index on PostgreSQL; anything else is a substring search of the number, room code,
    contact name and description (a scan of the filtered rows)."""
    if _WHOLE_NUMBER.match(text):
        return Q(number=text.upper())
    code = normalize_room_code(text)
    if code:
        return Q(room__code=code)
    words = Q(contact_name__icontains=text) | Q(description__icontains=text)
    if _uses_bigram_index(text) and len(text) == 2:
        # A two-character word is its own bigram: the index alone is exact, and PostgreSQL's
        # estimate of it is right, so a common word walks the newest orders instead of fetching all.
        return Q(_in_bigram_index(text))
    if _uses_bigram_index(text):
        return Q(_in_bigram_index(text)) & words  # the pairs are there; is the word itself?
    return Q(number__istartswith=text) | Q(room__code__istartswith=text) | words


def _uses_bigram_index(text: str) -> bool:
    # Order numbers and room codes are ASCII, so text with a Chinese character can only match a
    # name or description. One character has no bigram: the index would return every row.
    return connection.vendor == "postgresql" and len(text) >= 2 and not text.isascii()


class _Bigrams(Func):
    function = "guanjia_bigrams"  # created by migration 0006, made cheaper by 0007, on PostgreSQL
    output_field = TextField()


class _NameAndDescription(Func):
    template = "(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = TextField()


class _HoldsAll(Func):
    template = "%(expressions)s"
    arg_joiner = " @> "
    output_field = BooleanField()


def _in_bigram_index(text: str) -> _HoldsAll:
    """Rows holding every adjacent character pair of ``text`` (migration 0007's GIN index).

    The left side must be written exactly as the index expression for PostgreSQL to use it, with
    the index's bytewise collation; the query's pairs come from the same SQL function, so
    lower-casing can never disagree with the index.
    """
    indexed = Collate(_Bigrams(_NameAndDescription(F("contact_name"), F("description"))), "C")
    return _HoldsAll(indexed, _Bigrams(Value(text)))


QUEUES = ("mine", "assigned", "department", "community", "for_review", "follow_ups", "escalated")


def workorder_queue(*, user: Any, queue: str = "mine", filters: QueueFilters | None = None) -> QuerySet[WorkOrder]:
    """A staff queue: what I own, what is dispatched to me, my department's, the whole community's,
    and the supervisor's lists (for review, dissatisfied follow-ups, escalated)."""
    base = workorders_for_user(user=user) if is_staff(user) else WorkOrder.objects.none()
    mine = {
        "mine": Q(owner=user, status__in=OPEN_STATUSES),
        "assigned": Q(assignee=user, status__in=OPEN_STATUSES),
        "department": Q(department=getattr(user, "department", "") or "-", status__in=OPEN_STATUSES),
        "community": Q(),
        "for_review": Q(for_review=True),
        "follow_ups": Q(follow_up_of__isnull=False, status__in=OPEN_STATUSES),
        "escalated": Q(escalation_level__gt=0, status__in=OPEN_STATUSES),
    }
    queryset = base.filter(mine.get(queue, mine["mine"]))
    queryset = workorders_filter(queryset, filters or QueueFilters())
    return queryset.select_related(*_LIST_RELATED).order_by("-created_at", "-id")


def workorders_for_resident(*, user: Any) -> QuerySet[WorkOrder]:
    """A resident's requests, their rooms only, newest first."""
    if not is_resident(user):
        return WorkOrder.objects.none()
    return (WorkOrder.objects.filter(room__in=rooms_for_resident(user=user))
            .select_related("community", "room").order_by("-created_at", "-id"))


def household_orders(*, user: Any, room: Room) -> dict[str, QuerySet[WorkOrder]]:
    """What the agent sees while taking a new call: the household's open and recent orders."""
    days = ticket_settings_for(community_id=room.community_id).recent_days
    base = workorders_for_user(user=user).filter(room=room).select_related("owner", "assignee")
    since = timezone.now() - datetime.timedelta(days=days)
    return {"open": base.filter(status__in=OPEN_STATUSES).order_by("-created_at"),
            "recent": base.filter(status__in=FINISHED_STATUSES | {Status.RESOLVED}, created_at__gte=since)
            .order_by("-created_at")}


def supervisor_board(*, user: Any, community: int | None = None, limit: int | None = None) -> dict[str, Any]:
    """The supervisor's board: due soon and late (from the SLA clocks), escalated, dissatisfied
    follow-ups, cases for the monthly review and open group cases.

    ``limit`` cuts the due-soon and late lists to their first orders in the database, where the
    clocks are grouped (a screen showing ten passes ten; the API's counts pass nothing). The
    community filter, and for the late list the open statuses, are applied there too, before
    the cut, so it never drops an order the board should show.
    """
    from guanjia.sla.selectors import orders_due_soon, orders_late

    scope = QueueFilters(community=community)
    in_scope = workorders_filter(WorkOrder.objects.all(), scope)
    board: dict[str, Any] = {
        "due_soon": orders_due_soon(user=user, among=in_scope, limit=limit),
        "late": orders_late(user=user, among=in_scope.filter(status__in=OPEN_STATUSES), limit=limit),
    }
    for name in ("escalated", "follow_ups", "for_review"):
        board[name] = workorder_queue(user=user, queue=name, filters=scope)
    board["group_cases"] = group_cases_for_user(user=user, community=community)
    return board


def group_cases_for_user(*, user: Any, community: int | None = None) -> QuerySet[GroupCase]:
    """Group cases with how many households and open orders each has."""
    cases = GroupCase.objects.filter(community_id__in=community_ids_for_user(user=user) if is_staff(user) else [])
    if community:
        cases = cases.filter(community_id=community)
    return cases.annotate(
        households=Count("work_orders__room", distinct=True),
        open_orders=Count("work_orders", filter=Q(work_orders__status__in=OPEN_STATUSES), distinct=True),
    ).order_by("-created_at")


def group_case_get(*, user: Any, uuid: Any) -> GroupCase:
    case = group_cases_for_user(user=user).filter(uuid=uuid).first()
    if case is None:
        raise NotFound(_("This group case does not exist."), code="not_found")
    return case


def plan_get(*, user: Any, uuid: Any) -> Plan:
    plan = Plan.objects.filter(uuid=uuid, order__in=workorders_for_user(user=user)).select_related("order").first()
    if plan is None or not is_staff(user):
        raise NotFound(_("This plan does not exist."), code="not_found")
    return plan


def assignment_suggestions(*, user: Any, order: WorkOrder, limit: int = 5) -> list[dict[str, Any]]:
    """Who to dispatch to: people of the right trade in the community, the zone's manager first,
    then matching skills, then the lightest current load (open orders assigned to them)."""
    if not is_staff(user) or order.community_id not in community_ids_for_user(user=user):
        return []
    roles = {FIELD_ROLE_FOR_DEPARTMENT.get(order.department, Role.CS_AGENT), Role.ZONE_MANAGER}
    zone_manager_id = (Room.objects.filter(pk=order.room_id).values_list("unit__building__zone__manager_id",
                                                                         flat=True).first()
                       if order.room_id else None)
    people = (StaffRole.objects.filter(community_id=order.community_id, role__in=roles, user__is_active=True)
              .values("user_id", "user__display_name", "user__username", "user__department", "user__skills", "role")
              .annotate(load=Count("user__assigned_work_orders",
                                   filter=Q(user__assigned_work_orders__status__in=OPEN_STATUSES))))
    wanted = {order.category, order.asset_key} - {""}
    ranked: dict[int, dict[str, Any]] = {}
    for row in people:  # one row per person and role: a handful of staff, never the orders
        if row["role"] == Role.ZONE_MANAGER and row["user_id"] != zone_manager_id:
            continue
        ranked[row["user_id"]] = {
            "user_id": row["user_id"], "name": row["user__display_name"] or row["user__username"],
            "role": row["role"], "load": row["load"], "zone_manager": row["user_id"] == zone_manager_id,
            "skill_match": bool(wanted & set(row["user__skills"] or [])),
            "department_match": row["user__department"] == order.department,
        }
    return sorted(ranked.values(), key=lambda p: (not p["zone_manager"], not p["department_match"],
                                                  not p["skill_match"], p["load"], p["user_id"]))[:limit]

