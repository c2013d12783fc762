"""How close a deadline is, in words and a symbol as well as a colour (never colour alone)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# Without a stored warning time, a deadline this close counts as "due soon".
DEFAULT_SOON = datetime.timedelta(minutes=30)
ONE_MINUTE = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class Countdown:
    state: str  # "ok", "soon", "late" or "none": the CSS class and the test hook
    icon: str
    label: str
    due_at: datetime.datetime | None


def _span(delta: datetime.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    hours, rest = divmod(minutes, 60)
    if hours < 48:
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours} + (
            " " + ngettext("%(n)d minute", "%(n)d minutes", rest) % {"n": rest} if rest else "")
    return ngettext("%(n)d day", "%(n)d days", hours // 24) % {"n": hours // 24}


def countdown(*, due_at: datetime.datetime | None, warn_at: datetime.datetime | None = None,
              now: datetime.datetime | None = None) -> Countdown:
    if due_at is None:
        return Countdown("none", "", str(_("No deadline running")), None)
    now = now or timezone.now()
    if due_at <= now:
        # "Late by 0 minutes" reads as a glitch; under a minute it is simply just late.
        late = now - due_at
        label = _("Just late") if late < ONE_MINUTE else _("Late by %(span)s") % {"span": _span(late)}
        return Countdown("late", "×", str(label), due_at)
    if due_at - now < ONE_MINUTE:
        return Countdown("soon", "⚠", str(_("Due within a minute")), due_at)
    soon_from = warn_at if warn_at is not None else due_at - DEFAULT_SOON
    if now >= soon_from or due_at - now <= DEFAULT_SOON:
        return Countdown("soon", "⚠", str(_("Due in %(span)s") % {"span": _span(due_at - now)}), due_at)
    return Countdown("ok", "○", str(_("Due in %(span)s") % {"span": _span(due_at - now)}), due_at)
