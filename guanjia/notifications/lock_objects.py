"""The one place deliveries are locked: claiming a batch for sending.

A claim is a conditional UPDATE that sets the rows to "sending" with a lease and returns the ids it
changed, so of several workers (or the retry sweep racing the after-commit task) exactly one gets
each row and each knows which rows are its own. On PostgreSQL the rows are picked with
``FOR UPDATE SKIP LOCKED``: a second worker skips what the first is claiming instead of waiting for
it (and two workers claiming overlapping batches in different orders cannot deadlock). SQLite has
one writer, so the single statement is already exclusive there.
"""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.db import connections, router
from django.utils import timezone

from .choices import CLAIMABLE_STATUSES, DeliveryStatus
from .models import Delivery


def claim_deliveries(*, delivery_ids: Sequence[int], due_only: bool, lease: timedelta,
                     now: datetime | None = None) -> list[int]:
    """Claim those of ``delivery_ids`` that may be sent now; returns the ids claimed.

    ``due_only``: pending, failed or expired-claim rows whose ``next_retry_at`` has passed (the retry
    sweep); otherwise only pending rows (the after-commit task: a second run claims nothing).
    """
    if not delivery_ids:
        return []
    now = now or timezone.now()
    connection = connections[router.db_for_write(Delivery)]
    quote = connection.ops.quote_name
    table = quote(Delivery._meta.db_table)
    due_field = Delivery._meta.get_field("next_retry_at")

    def moment(value: datetime) -> Any:
        return due_field.get_db_prep_value(value, connection)

    ids = [int(pk) for pk in delivery_ids]
    if due_only:
        statuses = [str(status) for status in CLAIMABLE_STATUSES]
        condition = f"status IN ({', '.join(['%s'] * len(statuses))}) AND next_retry_at <= %s"
        condition_params: list[Any] = [*statuses, moment(now)]
    else:
        condition, condition_params = "status = %s", [str(DeliveryStatus.PENDING)]
    assignments = "status = %s, next_retry_at = %s"
    assignment_params = [str(DeliveryStatus.SENDING), moment(now + lease)]
    if connection.vendor == "postgresql":
        sql = (f"UPDATE {table} SET {assignments} WHERE id IN ("  # noqa: S608 - the table name is the model's
               f"SELECT id FROM {table} WHERE id = ANY(%s) AND {condition} ORDER BY id FOR UPDATE SKIP LOCKED"
               f") RETURNING id")
        params = [*assignment_params, ids, *condition_params]
    else:
        placeholders = ", ".join(["%s"] * len(ids))
        sql = (f"UPDATE {table} SET {assignments} WHERE id IN ({placeholders}) "  # noqa: S608 - as above
               f"AND {condition} RETURNING id")
        params = [*assignment_params, *ids, *condition_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted(row[0] for row in cursor.fetchall())
