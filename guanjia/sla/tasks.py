"""Periodic SLA work. ``guanjia.sla.tasks.sweep`` is in CELERY_BEAT_SCHEDULE (every minute)."""

import logging
from dataclasses import asdict
from typing import Any

from celery import shared_task

from .holidays import holidays_remind
from .sweep import sweep as run_sweep

logger = logging.getLogger(__name__)


@shared_task(name="guanjia.sla.tasks.sweep", ignore_result=True)
def sweep() -> dict[str, Any]:
    report = run_sweep()
    try:
        holidays_remind()
    except Exception:  # a reminder problem must never hold up deadlines
        logger.exception("holiday reminder failed")
    if report.failed:
        logger.warning("SLA sweep: %s rows failed: %s", report.failed, report.errors[:5])
    return asdict(report)
