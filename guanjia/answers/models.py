"""The standard-answer library (话术库, REQ-8): answers per company, figures per community,
the questions nobody had an answer for, and what residents and agents thought of each answer."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guanjia.core.models import TimeStampedModel
from guanjia.core.taxonomy import Category, Channel

from .choices import AnswerStatus, FeedbackSource, RevisionAction


class StandardAnswer(TimeStampedModel):
    """One standard reply. ``{占位符}`` in the text is filled from the community's values."""

    company = models.ForeignKey("properties.Company", verbose_name=_("company"), on_delete=models.CASCADE,
                                related_name="standard_answers")
    code = models.CharField(_("code"), max_length=32, help_text=_("Stable id, e.g. kb017."))
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"))
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=AnswerStatus.choices,
                              default=AnswerStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    last_reviewed_at = models.DateTimeField(_("last reviewed at"), null=True, blank=True)
    usage_count = models.PositiveIntegerField(_("times used"), default=0)
    helpful_count = models.PositiveIntegerField(_("marked helpful"), default=0)
    unhelpful_count = models.PositiveIntegerField(_("marked unhelpful"), default=0)

    class Meta:
        verbose_name = _("standard answer")
        verbose_name_plural = _("standard answers")
        ordering = ["company_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["company", "code"], name="answer_code_unique_in_company"),
            models.CheckConstraint(name="answer_live_is_approved",
                                   condition=~Q(status=AnswerStatus.LIVE) | Q(approved_at__isnull=False)),
        ]
        indexes = [models.Index(fields=["company", "status"], name="answer_company_status_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.question}"


class AnswerRevision(models.Model):
    """Append-only history of an answer: who changed what, when, before and after."""

    answer = models.ForeignKey(StandardAnswer, verbose_name=_("answer"), on_delete=models.CASCADE,
                               related_name="revisions")
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("action"), max_length=16, choices=RevisionAction.choices)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("answer revision")
        verbose_name_plural = _("answer revisions")
        ordering = ["answer_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.answer_id} {self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class CommunityValue(TimeStampedModel):
    """A community's own figure for a placeholder, e.g. 物业费单价 = 2.80."""

    community = models.ForeignKey("properties.Community", verbose_name=_("community"),
                                  on_delete=models.CASCADE, related_name="answer_values")
    key = models.CharField(_("placeholder"), max_length=64)
    value = models.CharField(_("value"), max_length=500)

    class Meta:
        verbose_name = _("community value")
        verbose_name_plural = _("community values")
        ordering = ["community_id", "key"]
        constraints = [models.UniqueConstraint(fields=["community", "key"], name="community_value_unique")]

    def __str__(self) -> str:
        return f"{self.community_id} {self.key}={self.value}"


class UnansweredQuestion(TimeStampedModel):
    """A question the library had no answer for: an inquiry owed a reply within 1 hour (REQ-8)."""

    company = models.ForeignKey("properties.Company", verbose_name=_("company"), on_delete=models.CASCADE,
                                related_name="unanswered_questions")
    community = models.ForeignKey("properties.Community", verbose_name=_("community"), null=True,
                                  blank=True, on_delete=models.CASCADE, related_name="unanswered_questions")
    text = models.TextField(_("question"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.PHONE)
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    # Deadline as a column (REQ-8: a reply within 1 hour), so late ones are one indexed query.
    due_at = models.DateTimeField(_("reply due"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    reply = models.TextField(_("reply given"), blank=True)
    resolved_by_answer = models.ForeignKey(StandardAnswer, verbose_name=_("standard answer"), null=True,
                                           blank=True, on_delete=models.SET_NULL, related_name="inquiries")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    work_order = models.ForeignKey("tickets.WorkOrder", verbose_name=_("work order"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("unanswered question")
        verbose_name_plural = _("unanswered questions")
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["due_at"], condition=Q(answered_at__isnull=True),
                                name="unanswered_open_due_idx")]
        constraints = [models.CheckConstraint(name="unanswered_due_after_asked",
                                              condition=Q(due_at__gte=models.F("asked_at")))]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_late(self) -> bool:
        end = self.answered_at or timezone.now()
        return end > self.due_at


class AnswerFeedback(models.Model):
    """Did this answer help? From a resident in the portal or an agent at the desk."""

    answer = models.ForeignKey(StandardAnswer, verbose_name=_("answer"), on_delete=models.CASCADE,
                               related_name="feedback")
    community = models.ForeignKey("properties.Community", verbose_name=_("community"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("from"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    source = models.CharField(_("source"), max_length=16, choices=FeedbackSource.choices)
    helpful = models.BooleanField(_("helpful"))
    question = models.CharField(_("question asked"), max_length=300, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("answer feedback")
        verbose_name_plural = _("answer feedback")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.answer_id} {'+' if self.helpful else '-'}"
