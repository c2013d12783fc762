"""Celery tasks: take ids, call a service. Retries are scheduled by the service's backoff, not by
Celery's own retry, so that a retry survives a worker restart (the due time is a column)."""

from celery import shared_task

from . import selectors, services

# Deliveries per sweep: a gateway outage can leave thousands failed; working through them a few
# hundred at a time (every 2 minutes) keeps each run well under the beat interval.
RETRY_BATCH_SIZE = 200


@shared_task(name="guanjia.notifications.tasks.deliver", ignore_result=True)
def deliver(delivery_ids: list[int]) -> int:
    """Send freshly stored deliveries (queued after the commit that stored them)."""
    return services.deliveries_send(delivery_ids=delivery_ids)


@shared_task(name="guanjia.notifications.tasks.retry_failed", ignore_result=True)
def retry_failed() -> int:
    """Send what is due: failed attempts whose backoff has passed, lost enqueues, expired claims."""
    return services.deliveries_send(delivery_ids=selectors.deliveries_due(limit=RETRY_BATCH_SIZE), due_only=True)
