"""Row locks for the work-order engine, in one place and in a fixed order.

Every ``select_for_update`` of this app lives here. Take locks in this order when a service
needs several: counter → work orders (by ascending id). A fixed order means two services can
never wait on each other (no deadlock).
"""

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet

from .models import WorkOrder, WorkOrderCounter


def next_order_sequence(*, community_id: int, day: datetime.date) -> int:
    """Hand out the next number of ``community_id`` for ``day``; call inside a transaction.

    The ``UPDATE … SET last = last + 1`` takes the row lock, so a concurrent intake waits
    until this transaction ends and then reads the incremented value: no two orders share a
    number. The first intake of a day creates the row; if two create it at once, the loser's
    INSERT fails on the unique constraint (inside a savepoint) and it increments instead.
    """
    counters = WorkOrderCounter.objects.filter(community_id=community_id, day=day)
    if not counters.update(last=F("last") + 1):
        try:
            with transaction.atomic():
                WorkOrderCounter.objects.create(community_id=community_id, day=day, last=1)
            return 1
        except IntegrityError:
            counters.update(last=F("last") + 1)
    return counters.values_list("last", flat=True).get()


def lock_work_orders(*, ids: Iterable[int]) -> QuerySet[WorkOrder]:
    """Lock work orders in ascending id order (merge locks two: the duplicate and the survivor)."""
    return WorkOrder.objects.select_for_update().filter(pk__in=sorted(set(ids))).order_by("pk")


def lock_work_order(*, order_id: int) -> WorkOrder:
    """Reload one work order under a row lock so two desks cannot both move it at once."""
    return WorkOrder.objects.select_for_update().get(pk=order_id)
