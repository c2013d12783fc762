"""Background work of the reports app: thin tasks that load by id and call a service."""

from datetime import date, timedelta

from celery import shared_task
from django.utils import timezone

from .exports import export_run
from .services import monthly_reviews_generate_all
from .summaries import month_figures_due, month_figures_refresh

# The scheduled review is written in the first days of the month, before the supervisor files it.
REVIEW_DAYS = 5


@shared_task(name="guanjia.reports.tasks.export_run_task", acks_late=True)
def export_run_task(export_id: int) -> None:
    export_run(export_id=export_id)


def previous_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


@shared_task(name="guanjia.reports.tasks.monthly_reviews_task")
def monthly_reviews_task(month: str = "") -> int:
    """At the start of each month: last month's review of every community (ZN-2: filed by the 5th)."""
    first = date.fromisoformat(month) if month else previous_month(timezone.localdate())
    return len(monthly_reviews_generate_all(month=first))


@shared_task(name="guanjia.reports.tasks.housekeeping")
def housekeeping() -> dict[str, int]:
    """Hourly and idempotent: summarise closed months for the trends; in the first days of a month,
    write last month's review for communities that have none yet (ZN-2: filed by the 5th)."""
    refreshed = [month_figures_refresh(month=month) for month in month_figures_due()]
    reviews = 0
    today = timezone.localdate()
    if today.day <= REVIEW_DAYS:
        reviews = len(monthly_reviews_generate_all(month=previous_month(today), missing_only=True))
    return {"months": len(refreshed), "reviews": reviews}
