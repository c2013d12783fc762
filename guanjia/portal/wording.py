"""What each deadline means for a resident, in plain words (the staff labels are desk jargon)."""

from django.utils.translation import gettext_lazy as _

from guanjia.sla.choices import ClockType

RESIDENT_PROMISE = {
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
