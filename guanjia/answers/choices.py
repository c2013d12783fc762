from django.db import models
from django.utils.translation import gettext_lazy as _


class AnswerStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")  # being written; nobody outside the editors sees it
    PENDING = "pending", _("Pending approval")  # waiting for a supervisor before it goes live
    LIVE = "live", _("Live")  # found by agents and residents
    RETIRED = "retired", _("Retired")  # kept for history, never offered again


# The one table of allowed status changes (see services.answer_transition).
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    AnswerStatus.DRAFT: frozenset({AnswerStatus.PENDING, AnswerStatus.RETIRED}),
    AnswerStatus.PENDING: frozenset({AnswerStatus.LIVE, AnswerStatus.DRAFT, AnswerStatus.RETIRED}),
    AnswerStatus.LIVE: frozenset({AnswerStatus.RETIRED}),
    AnswerStatus.RETIRED: frozenset({AnswerStatus.DRAFT}),
}


class RevisionAction(models.TextChoices):
    CREATE = "create", _("Created")  # first version
    EDIT = "edit", _("Edited")  # question, answer, category or tags changed
    SUBMIT = "submit", _("Submitted for approval")
    APPROVE = "approve", _("Approved")  # went live
    REJECT = "reject", _("Sent back to draft")
    RETIRE = "retire", _("Retired")
    REVIEW = "review", _("Reviewed")  # checked in the monthly review, still right
    IMPORT = "import", _("Imported")  # created or updated from a file


class FeedbackSource(models.TextChoices):
    PORTAL = "portal", _("Resident in the portal")  # "does this answer your question?"
    AGENT = "agent", _("Agent at the desk")  # the agent used it and judged it
