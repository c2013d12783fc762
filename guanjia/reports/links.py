"""Click-through links: every figure points at the orders behind it.

Figures link to ``/reports/orders/`` (which understands every breakdown and ``kpi=``); that page
links on to the console queue ``/orders/`` with the filters the queue shares (community, zone,
category, urgency, status, channel, date_from, date_to).
"""

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from .scope import ReportScope, month_end

QUEUE_PARAMS = ("community", "zone", "category", "urgency", "status", "channel", "date_from", "date_to")


def orders_link(scope: ReportScope, **extra: Any) -> str:
    params = {**scope.filters, **{key: value for key, value in extra.items() if value not in (None, "")}}
    return f"{reverse('reports:orders')}?{urlencode(params)}"


def month_link(scope: ReportScope, month: str) -> str:
    first = date.fromisoformat(f"{month}-01")
    return orders_link(scope, date_from=first.isoformat(), date_to=month_end(first).isoformat())


def queue_link(params: dict[str, str]) -> str:
    """The console queue with the filters it shares, or "" when the figure needs ours (kpi, hour…)."""
    shared = {key: value for key, value in params.items() if key in QUEUE_PARAMS and value}
    return f"{reverse('console:orders')}?{urlencode(shared)}"
