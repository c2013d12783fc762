"""What each deadline means for a resident, in plain words (the staff labels are desk jargon)."""

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from guanjia.sla.choices import ClockType
from guanjia.tickets.choices import Status

RESIDENT_PROMISE: dict[str, Promise] = {
    ClockType.ACKNOWLEDGE: _("Customer service will call you to confirm the details"),
    ClockType.ON_SITE: _("Someone will be at the place"),
    ClockType.PROGRESS: _("We will tell you how it is going"),
    ClockType.PLAN: _("You will get a plan for fixing it"),
    ClockType.CLOSE: _("The matter will be settled"),
    ClockType.CALLBACK: _("We will call to ask if you are satisfied"),
    ClockType.PROMISE: _("We will call you back as promised"),
    ClockType.DAILY_UPDATE: _("You will hear from us at least once a day"),
}


def promise_for(clock_type: str) -> str:
    return str(RESIDENT_PROMISE.get(clock_type, ""))


# The resident's view of the journey: five plain steps instead of the desk's twelve statuses.
PROGRESS_STEPS = (
    (_("Received"), {Status.NEW, Status.WAITING_INFO}),
    (_("Confirmed"), {Status.ACKNOWLEDGED, Status.ON_HOLD}),
    (_("A worker is on it"), {Status.DISPATCHED, Status.ACCEPTED, Status.EN_ROUTE, Status.ON_SITE}),
    (_("Done, please check"), {Status.RESOLVED}),
    (_("Finished"), {Status.CLOSED, Status.CANCELLED, Status.MERGED}),
)


def progress_of(status: str) -> dict[str, Any]:
    for number, (label, statuses) in enumerate(PROGRESS_STEPS, start=1):
        if status in statuses:
            return {"step": number, "total": len(PROGRESS_STEPS), "label": str(label)}
    return {"step": 1, "total": len(PROGRESS_STEPS), "label": str(PROGRESS_STEPS[0][0])}
