"""Row locks for the work-order engine, in one place and in a fixed order.

Every ``select_for_update`` of this app lives here. Take locks in this order when a service
needs several: counter → work orders (by ascending id). A fixed order means two services can
never wait on each other (no deadlock).
"""

import datetime
from collections.abc import Iterable

from django.db import connection
from django.db.models import QuerySet

from guanjia.core.bulk import column_of

from .models import WorkOrder, WorkOrderCounter


def next_order_sequence(*, community_id: int, day: datetime.date) -> int:
    """Hand out the next number of ``community_id`` for ``day``, in one statement.

    ``INSERT … ON CONFLICT DO UPDATE SET last = last + 1 RETURNING last`` creates the day's row
    or increments it, and takes the row lock: a concurrent caller waits until this transaction
    ends and then reads the incremented value, so no two orders share a number. Called outside
    a transaction (autocommit, as intake does) the lock lasts for this statement only; inside one
    it lasts until that transaction ends. PostgreSQL and SQLite (3.35+) both speak this SQL.
    """
    counter = WorkOrderCounter._meta
    quote = connection.ops.quote_name
    table, last = quote(counter.db_table), quote(column_of(counter.get_field("last")))
    community, day_column = quote(column_of(counter.get_field("community"))), quote(column_of(counter.get_field("day")))
    sql = (f"INSERT INTO {table} ({community}, {day_column}, {last}) VALUES (%s, %s, 1) "  # noqa: S608 - names from the model
           f"ON CONFLICT ({community}, {day_column}) DO UPDATE SET {last} = {table}.{last} + 1 RETURNING {last}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [community_id, connection.ops.adapt_datefield_value(day)])
        return int(cursor.fetchone()[0])


def lock_work_orders(*, ids: Iterable[int]) -> QuerySet[WorkOrder]:
    """Lock work orders in ascending id order (merge locks two: the duplicate and the survivor)."""
    return WorkOrder.objects.select_for_update().filter(pk__in=sorted(set(ids))).order_by("pk")


def lock_work_order(*, order_id: int) -> WorkOrder:
    """Reload one work order under a row lock so two desks cannot both move it at once."""
    return WorkOrder.objects.select_for_update().get(pk=order_id)
