"""Work orders (工单) and their append-only event log."""

import secrets
import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guanjia.core.models import TimeStampedModel
from guanjia.core.taxonomy import Category, Channel, Department, Kind, Urgency

from .choices import EventType, PlanStatus, RatingLevel, RatingSource, Status, Visibility


def new_tracking_token() -> str:
    # 128 bits of randomness: the tracking page is public, so the link must be unguessable.
    return secrets.token_urlsafe(16)


class WorkOrder(TimeStampedModel):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    community = models.ForeignKey("properties.Community", verbose_name=_("community"),
                                  on_delete=models.PROTECT, related_name="work_orders")
    number = models.CharField(_("number"), max_length=32)
    tracking_token = models.CharField(_("tracking token"), max_length=32, unique=True,
                                      default=new_tracking_token, editable=False)
    idempotency_key = models.CharField(_("idempotency key"), max_length=80, null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)

    # Who and where (REQ-2). A common-area request has a location but no room.
    room = models.ForeignKey("properties.Room", verbose_name=_("room"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="work_orders")
    location = models.CharField(_("location"), max_length=200, blank=True)
    person = models.ForeignKey("properties.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="work_orders")
    contact_name = models.CharField(_("contact name"), max_length=64, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    description = models.TextField(_("what happened"))
    expectation = models.TextField(_("what the person expects"), blank=True)
    preferred_visit = models.CharField(_("convenient visit time"), max_length=100, blank=True)

    # Classification (REQ-3): blank until someone (or the triage assistant) fills it.
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, blank=True)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, blank=True)
    urgency = models.CharField(_("urgency"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAL)
    department = models.CharField(_("department"), max_length=20, choices=Department.choices, blank=True)
    classification_confirmed_at = models.DateTimeField(_("classification confirmed at"), null=True, blank=True)
    classification_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("classification confirmed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    triage_suggestion = models.JSONField(_("triage suggestion"), default=dict, blank=True)

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    # First-responder ownership (REQ-4): the owner answers for the order until it closes.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="owned_work_orders")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assignee"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="assigned_work_orders")
    visit_at = models.DateTimeField(_("agreed visit time"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    on_site_at = models.DateTimeField(_("on site at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    cancel_reason = models.CharField(_("cancellation reason"), max_length=200, blank=True)
    merged_into = models.ForeignKey("self", verbose_name=_("merged into"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="duplicates")
    group_case = models.ForeignKey("tickets.GroupCase", verbose_name=_("group case"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="work_orders")
    follow_up_of = models.ForeignKey("self", verbose_name=_("follow-up of"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="follow_ups")

    # Flags (SLA-5, SAT-1, pattern detection).
    media_sensitive = models.BooleanField(_("media-sensitive"), default=False)
    is_repeat = models.BooleanField(_("repeat complaint"), default=False)
    is_hotspot = models.BooleanField(_("hot spot"), default=False)
    for_review = models.BooleanField(_("for the monthly review"), default=False)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    # A normalised key of the asset or place ("3栋2单元电梯") used to spot hot spots.
    asset_key = models.CharField(_("asset or place"), max_length=100, blank=True, db_index=True)

    # Not columns: worked out in Python by the selectors of the pages that show them, and set on
    # the orders they load; declared so those pages are checked.
    deadline_at: datetime | None
    deadline_warn_at: datetime | None
    late_seconds: float | None
    late_hours: float

    class Meta:
        verbose_name = _("work order")
        verbose_name_plural = _("work orders")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="workorder_number_unique"),
            models.UniqueConstraint(fields=["created_by", "idempotency_key"],
                                    condition=Q(idempotency_key__isnull=False),
                                    name="workorder_idempotency_unique"),
        ]
        indexes = [
            models.Index(fields=["community", "status", "-created_at"], name="wo_community_status_idx"),
            # The community queue unfiltered by status: newest first without sorting the community.
            models.Index(fields=["community", "-created_at"], name="wo_community_created_idx"),
            models.Index(fields=["owner", "status"], name="wo_owner_status_idx"),
            models.Index(fields=["assignee", "status"], name="wo_assignee_status_idx"),
            models.Index(fields=["room", "-created_at"], name="wo_room_created_idx"),
            # The department queue and the supervisor's board filter by these at scale.
            models.Index(fields=["community", "department", "status"], name="wo_community_dept_idx"),
            models.Index(fields=["community", "asset_key", "created_at"], name="wo_asset_created_idx"),
            # The sweep looks for media-sensitive orders every minute: a handful among a million.
            models.Index(fields=["created_at", "id"], condition=Q(media_sensitive=True), name="wo_media_sensitive_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class WorkOrderEvent(models.Model):
    """One thing that happened to a work order. Append-only: written once, never changed."""

    order = models.ForeignKey(WorkOrder, verbose_name=_("work order"), on_delete=models.CASCADE,
                              related_name="events")
    type = models.CharField(_("type"), max_length=24, choices=EventType.choices)
    at = models.DateTimeField(_("at"), db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("note"), blank=True)
    visibility = models.CharField(_("visibility"), max_length=16, choices=Visibility.choices,
                                  default=Visibility.INTERNAL)
    data = models.JSONField(_("data"), default=dict, blank=True)
    photos = models.ManyToManyField("core.Photo", verbose_name=_("photos"), blank=True, related_name="+")

    class Meta:
        verbose_name = _("work-order event")
        verbose_name_plural = _("work-order events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["order", "at"], name="event_order_at_idx"),
                   models.Index(fields=["type", "at"], name="event_type_at_idx")]

    def __str__(self) -> str:
        return f"{self.order_id} {self.type} {self.at:%Y-%m-%d %H:%M}"


class GroupCase(TimeStampedModel):
    """Many households' requests about one problem (群诉). 20+ households go to the project manager."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    community = models.ForeignKey("properties.Community", verbose_name=_("community"),
                                  on_delete=models.PROTECT, related_name="group_cases")
    title = models.CharField(_("title"), max_length=200)
    media_sensitive = models.BooleanField(_("media-sensitive"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("group case")
        verbose_name_plural = _("group cases")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class WorkOrderCounter(models.Model):
    """The last sequence number handed out per community and local day.

    Numbers come from this row, incremented under a row lock (``lock_objects``), rather than
    from ``count()+1``: two desks taking calls in the same second must never get the same number.
    """

    community = models.ForeignKey("properties.Community", verbose_name=_("community"),
                                  on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("work-order counter")
        verbose_name_plural = _("work-order counters")
        ordering = ["community_id", "day"]
        constraints = [models.UniqueConstraint(fields=["community", "day"], name="wo_counter_unique_day")]

    def __str__(self) -> str:
        return f"{self.community_id} {self.day}: {self.last}"


class TicketSettings(models.Model):
    """Per-community numbers for the work-order engine; defaults from the service standards."""

    community = models.OneToOneField("properties.Community", verbose_name=_("community"),
                                     on_delete=models.CASCADE, related_name="ticket_settings")
    repeat_window_days = models.PositiveSmallIntegerField(
        _("repeat-complaint window (days)"), default=30,
        help_text=_("Same household and category again within this many days is a repeat complaint."))
    hotspot_threshold = models.PositiveSmallIntegerField(
        _("hot-spot threshold"), default=3,
        help_text=_("This many requests about the same asset or place within the window make a hot spot."))
    hotspot_window_days = models.PositiveSmallIntegerField(_("hot-spot window (days)"), default=30)
    recent_days = models.PositiveSmallIntegerField(
        _("recent orders shown at intake (days)"), default=90)

    class Meta:
        verbose_name = _("work-order settings")
        verbose_name_plural = _("work-order settings")
        ordering = ["community_id"]
        constraints = [
            models.CheckConstraint(name="ticketsettings_hotspot_threshold_min",
                                   condition=Q(hotspot_threshold__gte=2)),
        ]

    def __str__(self) -> str:
        return str(self.community)


class Plan(TimeStampedModel):
    """A handling plan (方案) for a normal or complex order (SLA-3, SLA-4)."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    order = models.ForeignKey(WorkOrder, verbose_name=_("work order"), on_delete=models.CASCADE,
                              related_name="plans")
    solution = models.TextField(_("solution"))
    cost = models.DecimalField(_("estimated cost"), max_digits=12, decimal_places=2, null=True, blank=True)
    schedule = models.CharField(_("schedule"), max_length=200, blank=True)
    # Who else is involved: manufacturer, maintenance contractor, developer, neighbours…
    parties = models.JSONField(_("parties involved"), default=list, blank=True)
    resident_text = models.TextField(_("in plain words for the resident"))
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices,
                              default=PlanStatus.SUBMITTED)
    needs_approval = models.BooleanField(_("needs the project manager's approval"), default=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("handling plan")
        verbose_name_plural = _("handling plans")
        ordering = ["order_id", "created_at", "id"]
        indexes = [models.Index(fields=["status", "needs_approval"], name="plan_status_idx")]

    def __str__(self) -> str:
        return f"{self.order} · {self.get_status_display()}"


class Rating(models.Model):
    """How satisfied the resident was (SAT-1): one per resolution; a follow-up is rated on its own."""

    # A reopened order is rated again after its next resolution, hence a list, not one-to-one.
    order = models.ForeignKey(WorkOrder, verbose_name=_("work order"), on_delete=models.CASCADE,
                              related_name="ratings")
    level = models.CharField(_("level"), max_length=16, choices=RatingLevel.choices)
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(_("source"), max_length=16, choices=RatingSource.choices)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"), db_index=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["level", "at"], name="rating_level_at_idx")]

    def __str__(self) -> str:
        return f"{self.order} · {self.get_level_display()}"
