from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Where a work order stands. Only ``tickets.services`` changes it, along TRANSITIONS."""

    NEW = "new", _("New")  # received; nobody has confirmed it with the resident yet
    WAITING_INFO = "waiting_info", _("Waiting for information")  # follow-up questions asked (REQ-1)
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")  # details confirmed and classified (REQ-3)
    DISPATCHED = "dispatched", _("Dispatched")  # sent to a department / person, not yet accepted
    ACCEPTED = "accepted", _("Accepted")  # the assignee took the job
    EN_ROUTE = "en_route", _("On the way")  # the assignee set out
    ON_SITE = "on_site", _("On site")  # the assignee arrived and is working
    ON_HOLD = "on_hold", _("Waiting for the resident")  # paused: the clocks that should pause, pause
    RESOLVED = "resolved", _("Resolved")  # work done; waiting for confirmation and the callback
    CLOSED = "closed", _("Closed")  # confirmed and called back: the loop is closed
    CANCELLED = "cancelled", _("Cancelled")  # withdrawn, with a reason
    MERGED = "merged", _("Merged")  # a duplicate folded into another order


OPEN_STATUSES = frozenset({
    Status.NEW, Status.WAITING_INFO, Status.ACKNOWLEDGED, Status.DISPATCHED, Status.ACCEPTED,
    Status.EN_ROUTE, Status.ON_SITE, Status.ON_HOLD,
})
FINISHED_STATUSES = frozenset({Status.CLOSED, Status.CANCELLED, Status.MERGED})


class EventType(models.TextChoices):
    """What happened to a work order. The event log is append-only."""

    CREATED = "created", _("Received")
    INFO_REQUESTED = "info_requested", _("Asked for more information")
    INFO_RECEIVED = "info_received", _("Information received")
    ACKNOWLEDGED = "acknowledged", _("Confirmed with the resident")
    CLASSIFIED = "classified", _("Classified")
    RECLASSIFIED = "reclassified", _("Classification changed")
    HANDED_OVER = "handed_over", _("Handed over")
    DISPATCHED = "dispatched", _("Dispatched")
    ACCEPTED = "accepted", _("Accepted")
    SET_OUT = "set_out", _("On the way")
    ARRIVED = "arrived", _("Arrived on site")
    NOTE = "note", _("Progress note")
    VISIT_AGREED = "visit_agreed", _("Visit time agreed")
    PLAN_SUBMITTED = "plan_submitted", _("Handling plan submitted")
    PLAN_APPROVED = "plan_approved", _("Handling plan approved")
    PLAN_REJECTED = "plan_rejected", _("Handling plan sent back")
    PAUSED = "paused", _("Waiting for the resident")
    RESUMED = "resumed", _("Resumed")
    RESOLVED = "resolved", _("Resolved")
    CONFIRMED = "confirmed", _("Confirmed by the resident")
    CALLBACK = "callback", _("Called back")
    RATED = "rated", _("Rated")
    FOLLOW_UP_OPENED = "follow_up_opened", _("Follow-up opened")
    REOPENED = "reopened", _("Reopened")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")
    MERGED = "merged", _("Merged into another order")
    LINKED_TO_GROUP = "linked_to_group", _("Linked to a group case")
    FLAGGED = "flagged", _("Flagged")
    DEADLINE_WARNING = "deadline_warning", _("Deadline approaching")
    DEADLINE_BREACHED = "deadline_breached", _("Deadline missed")
    ESCALATED = "escalated", _("Escalated")
    RESIDENT_UPDATE = "resident_update", _("Progress update to the resident")


class Visibility(models.TextChoices):
    INTERNAL = "internal", _("Internal")  # staff only
    RESIDENT = "resident", _("Shown to the resident")  # on the tracking page and in the portal


class PlanStatus(models.TextChoices):
    """Where a handling plan (方案) stands. Complex plans wait for the project manager."""

    SUBMITTED = "submitted", _("Submitted")  # written and waiting for approval (complex orders)
    APPROVED = "approved", _("Approved")  # in force and shown to the resident
    REJECTED = "rejected", _("Sent back")  # the project manager asked for another plan
    SUPERSEDED = "superseded", _("Superseded")  # a newer plan replaced it


class RatingLevel(models.TextChoices):
    """The four levels offered after every service (SAT-1)."""

    VERY_SATISFIED = "very_satisfied", _("Very satisfied")
    SATISFIED = "satisfied", _("Satisfied")
    AVERAGE = "average", _("Average")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")  # opens a second follow-up automatically


class RatingSource(models.TextChoices):
    RESIDENT = "resident", _("Rated by the resident")  # portal, mini-program or tracking page
    CALLBACK = "callback", _("Recorded at the callback")  # an agent called or visited (SLA-7)
