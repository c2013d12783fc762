"""SLA configuration (policies, the holiday calendar) and the clocks running on work orders."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guanjia.core.models import TimeStampedModel
from guanjia.core.taxonomy import Category, Kind, Urgency

from .choices import ClockState, ClockType, DurationUnit


class CalendarDay(TimeStampedModel):
    """A day an administrator entered: a public holiday or a make-up working day (调休).

    Company-wide: the official calendar is the same for every community. Entered days win
    over the ``chinese_calendar`` package, which only knows the years already announced.
    """

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(_("working day"),
                                         help_text=_("Ticked for a make-up working day, unticked for a holiday."))
    name = models.CharField(_("name"), max_length=64, blank=True, help_text=_("e.g. National Day, 国庆节调休"))

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("holidays and make-up working days")
        ordering = ["date"]

    def __str__(self) -> str:
        kind = _("working day") if self.is_working_day else _("holiday")
        return f"{self.date:%Y-%m-%d} {kind} {self.name}".strip()


class SlaPolicy(TimeStampedModel):
    """One deadline rule of a community. A blank kind, urgency or category matches any.

    When a community has no rule of a clock type, the defaults from the standards apply
    (``policies.DEFAULT_POLICIES``). The most specific matching rule wins.
    """

    community = models.ForeignKey("properties.Community", verbose_name=_("community"),
                                  on_delete=models.CASCADE, related_name="sla_policies")
    clock_type = models.CharField(_("clock"), max_length=16, choices=ClockType.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, blank=True)
    urgency = models.CharField(_("urgency"), max_length=16, choices=Urgency.choices, blank=True)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, blank=True)
    duration = models.PositiveIntegerField(_("duration"))
    unit = models.CharField(_("unit"), max_length=8, choices=DurationUnit.choices, default=DurationUnit.MINUTES)
    working_time = models.BooleanField(
        _("on working time"), default=True,
        help_text=_("Count only desk hours on working days. Urgent orders always run around the clock."))
    pauses = models.BooleanField(_("pauses while waiting for the resident"), default=True)
    active = models.BooleanField(_("active"), default=True,
                                 help_text=_("Untick to switch this clock off for the matching orders."))

    class Meta:
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")
        ordering = ["community_id", "clock_type", "kind", "urgency", "category"]
        constraints = [
            models.UniqueConstraint(fields=["community", "clock_type", "kind", "urgency", "category"],
                                    name="slapolicy_unique_rule"),
            models.CheckConstraint(name="slapolicy_duration_positive",
                                   condition=Q(duration__gt=0) | Q(clock_type=ClockType.PROMISE)),
        ]

    def __str__(self) -> str:
        scope = "/".join(v for v in (self.kind, self.urgency, self.category) if v) or "*"
        return f"{self.get_clock_type_display()} {scope}: {self.duration} {self.get_unit_display()}"

    def clean(self) -> None:
        if self.unit == DurationUnit.DAYS and self.duration > 365:
            raise ValidationError({"duration": _("A deadline longer than a year is not a deadline.")})


class Clock(TimeStampedModel):
    """One deadline on one work order, with every due time stored as a column.

    ``due_at``, ``warn_at`` and ``next_escalation_at`` are precomputed (working time included)
    so the sweep asks the database one indexed question per step instead of recomputing.
    """

    # No index of its own: clock_order_type_idx (order, type) below answers every lookup by order.
    order = models.ForeignKey("tickets.WorkOrder", verbose_name=_("work order"), on_delete=models.CASCADE,
                              related_name="clocks", db_index=False)
    type = models.CharField(_("type"), max_length=16, choices=ClockType.choices)
    state = models.CharField(_("state"), max_length=12, choices=ClockState.choices, default=ClockState.RUNNING)
    started_at = models.DateTimeField(_("started at"))
    due_at = models.DateTimeField(_("due at"))
    warn_at = models.DateTimeField(_("warn at"))
    # The rule as it stood when the clock started: later policy edits do not move running clocks.
    duration = models.DurationField(_("duration"), default=timedelta(0))
    working_time = models.BooleanField(_("on working time"), default=False)
    pauses = models.BooleanField(_("pauses while waiting for the resident"), default=False)
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    # Measured like the clock itself: desk time for working-time clocks, wall time otherwise.
    paused_total = models.DurationField(_("time paused"), default=timedelta(0))
    met_at = models.DateTimeField(_("met at"), null=True, blank=True)
    warned_at = models.DateTimeField(_("warned at"), null=True, blank=True)
    breached_at = models.DateTimeField(_("breached at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    next_escalation_at = models.DateTimeField(_("next escalation at"), null=True, blank=True)

    class Meta:
        verbose_name = _("SLA clock")
        verbose_name_plural = _("SLA clocks")
        ordering = ["due_at", "id"]
        indexes = [
            # "What is due or late" and the sweep's warn/breach/escalate steps: each one indexed query.
            models.Index(fields=["due_at"], condition=Q(state=ClockState.RUNNING), name="clock_running_due_idx"),
            models.Index(fields=["warn_at"], condition=Q(state=ClockState.RUNNING, warned_at__isnull=True),
                         name="clock_running_warn_idx"),
            models.Index(fields=["next_escalation_at"], condition=Q(state=ClockState.BREACHED),
                         name="clock_breached_next_idx"),
            models.Index(fields=["order", "type"], name="clock_order_type_idx"),
        ]
        constraints = [
            models.CheckConstraint(name="clock_due_not_before_start", condition=Q(due_at__gte=models.F("started_at"))),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} {self.type} {self.state} {self.due_at:%Y-%m-%d %H:%M}"


class HolidayReminder(models.Model):
    """That administrators were told a year's holidays are missing — so they are told once."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("holiday reminder")
        verbose_name_plural = _("holiday reminders")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)
