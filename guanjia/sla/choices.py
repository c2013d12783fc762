from django.db import models
from django.utils.translation import gettext_lazy as _


class ClockType(models.TextChoices):
    """The deadlines a work order runs against (SLA-1 … SLA-4, SLA-7, REQ-4, REQ-6)."""

    ACKNOWLEDGE = "acknowledge", _("Confirm with the resident")  # SLA-1: contact within 15 minutes
    ON_SITE = "on_site", _("On site")  # SLA-2: urgent cases, staff on site
    PROGRESS = "progress", _("Progress feedback")  # SLA-1: first progress report on a complaint
    PLAN = "plan", _("Handling plan")  # SLA-3/4: plan for normal and complex cases
    CLOSE = "close", _("Close the loop")  # SLA-1: complaint closed within 48 hours
    CALLBACK = "callback", _("Callback")  # SLA-7: satisfaction call after resolution
    PROMISE = "promise", _("Promised call-back")  # REQ-4: the time promised at a hand-over
    DAILY_UPDATE = "daily_update", _("Daily update to the resident")  # REQ-6: at least daily while open


class ClockState(models.TextChoices):
    RUNNING = "running", _("Running")  # counting down to due_at
    PAUSED = "paused", _("Paused")  # waiting for the resident; due_at moves on resume
    MET = "met", _("Met")  # done (late if breached_at is also set)
    BREACHED = "breached", _("Late")  # due_at passed; escalating until met
    CANCELLED = "cancelled", _("Cancelled")  # no longer applies (cancelled, merged, reclassified)


# Clocks that still need something to happen.
ACTIVE_STATES = frozenset({ClockState.RUNNING, ClockState.PAUSED, ClockState.BREACHED})


class DurationUnit(models.TextChoices):
    MINUTES = "minutes", _("minutes")
    HOURS = "hours", _("hours")
    DAYS = "days", _("days")  # working days on working time, 24-hour days around the clock
