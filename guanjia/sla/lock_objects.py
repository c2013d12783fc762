"""Row locks of the SLA sweep, in one place.

The sweep never *waits* for a row lock held by someone else: it takes what is free with
``FOR UPDATE SKIP LOCKED`` and leaves the rest to the next run. Two sweepers therefore split
the due rows between them, and a sweeper can never deadlock with a desk that holds a work
order (tickets lock order → clocks; the sweep locks clocks → orders, but skips a busy order
instead of waiting for it). SQLite has no row locks; it lets one writer at a time.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from guanjia.tickets.models import GroupCase, WorkOrder

from .models import Clock


def lock_due_clocks(*, candidates: QuerySet[Clock], order_by: str, limit: int) -> list[tuple[int, int]]:
    """Lock up to ``limit`` free clocks among ``candidates``, soonest first: (clock id, order id).

    PostgreSQL re-checks ``candidates``' conditions on a row another transaction changed
    meanwhile, so a clock met a moment ago is not returned.
    """
    return list(candidates.select_for_update(skip_locked=True).order_by(order_by, "pk")
                .values_list("pk", "order_id")[:limit])


def lock_free_orders(*, ids: Iterable[int], candidates: QuerySet[WorkOrder] | None = None) -> set[int]:
    """Lock the work orders among ``ids`` that no desk is changing right now; return their ids."""
    orders = WorkOrder.objects.all() if candidates is None else candidates
    return set(orders.select_for_update(skip_locked=True, of=("self",)).filter(pk__in=sorted(set(ids)))
               .order_by("pk").values_list("pk", flat=True))


def lock_group_cases(*, ids: Iterable[int]) -> None:
    """Wait for the group cases (ascending id), so two sweepers do not both announce one group."""
    list(GroupCase.objects.select_for_update().filter(pk__in=sorted(set(ids))).order_by("pk")
         .values_list("pk", flat=True))
