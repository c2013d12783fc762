from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionSource(models.TextChoices):
    """What an improvement action (整改计划) answers."""

    HOTSPOT = "hotspot", _("Hot spot")  # the same asset or place again and again
    REPEAT = "repeat", _("Repeat complaints")  # the same household and category again
    REVIEW_CASE = "review_case", _("Review case")  # a dissatisfied or late case in the monthly review
    OTHER = "other", _("Other")  # the supervisor's own finding


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")  # agreed, not started
    IN_PROGRESS = "in_progress", _("In progress")  # steps under way
    DONE = "done", _("Done")  # every step carried out; effectiveness is measured from here on
    DROPPED = "dropped", _("Dropped")  # abandoned, with a reason in an update


class ExportKind(models.TextChoices):
    ORDERS = "orders", _("Work orders")  # a queue or the orders behind a figure
    DASHBOARD = "dashboard", _("Dashboard")  # the KPIs and breakdowns of a scope and period
    MONTHLY_REVIEW = "monthly_review", _("Monthly review")  # one archived review


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")  # waiting for a worker
    RUNNING = "running", _("Running")  # rows being written; progress moves
    DONE = "done", _("Done")  # the file can be downloaded
    FAILED = "failed", _("Failed")  # see the error; nothing to download
