"""Every write to the standard-answer library: one transaction each, a revision per change."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from guanjia.accounts.choices import SUPERVISING_ROLES, Role
from guanjia.core.errors import Conflict, Forbidden, ServiceError
from guanjia.core.taxonomy import Category, Channel
from guanjia.properties.models import Community, Company

from . import search
from .choices import ALLOWED_TRANSITIONS, AnswerStatus, FeedbackSource, RevisionAction
from .models import AnswerFeedback, AnswerRevision, CommunityValue, StandardAnswer, UnansweredQuestion

# REQ-8: a question without a standard answer gets a reply within 1 hour.
INQUIRY_REPLY_WITHIN = timedelta(hours=1)
EDITABLE_FIELDS = ("question", "answer", "category", "tags")


def company_roles(*, user: Any, company: Company | int) -> set[str]:
    """Roles ``user`` holds anywhere in ``company`` (the library is company-wide)."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "is_resident", True):
        return set()
    company_id = company if isinstance(company, int) else company.pk
    roles = set(user.roles.filter(company_id=company_id).values_list("role", flat=True))
    if user.is_superuser:
        roles.add(Role.COMPANY_ADMIN)
    return roles


def _require_staff(actor: Any, company: Company | int) -> None:
    if actor is not None and not company_roles(user=actor, company=company):
        raise Forbidden(_("Only staff of this company can change its standard answers."))


def _require_supervisor(actor: Any, company: Company | int) -> None:
    # actor None is the installation itself (command line, demo loader).
    if actor is not None and not company_roles(user=actor, company=company) & SUPERVISING_ROLES:
        raise Forbidden(_("Only a supervisor can approve, retire or review standard answers."),
                        code="supervisor_required")


def snapshot(answer: StandardAnswer) -> dict[str, Any]:
    return {"question": answer.question, "answer": answer.answer, "category": answer.category,
            "tags": list(answer.tags), "status": answer.status}


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, Promise] = {}
    if "question" in fields:
        fields["question"] = (fields["question"] or "").strip()
        if not fields["question"] or len(fields["question"]) > 300:
            errors["question"] = _("Write the question (up to 300 characters).")
    if "answer" in fields:
        fields["answer"] = (fields["answer"] or "").strip()
        if not fields["answer"]:
            errors["answer"] = _("Write the answer.")
        elif fields["answer"].count("{") != fields["answer"].count("}"):
            errors["answer"] = _("Every placeholder needs an opening and a closing brace, e.g. {物业费单价}.")
    if "category" in fields and fields["category"] not in Category.values:
        errors["category"] = _("Choose one of the categories.")
    if "tags" in fields:
        tags = fields["tags"]
        if isinstance(tags, str):
            tags = [t for t in (part.strip() for part in tags.replace("，", ",").split(",")) if t]
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            errors["tags"] = _("Tags are a list of words.")
        fields["tags"] = tags
    if errors:
        raise ServiceError(next(iter(errors.values())), code="invalid_answer", fields=errors)
    return fields


def _revise(answer: StandardAnswer, *, actor: Any, action: str, before: dict[str, Any], note: str = "") -> None:
    AnswerRevision.objects.create(answer=answer, actor=actor if getattr(actor, "pk", None) else None,
                                  action=action, before=before, after=snapshot(answer), note=note[:200])
    company_id = answer.company_id
    transaction.on_commit(lambda: search.invalidate(company_id=company_id))


@transaction.atomic
def answer_create(*, actor: Any, company: Company, code: str, question: str, answer: str, category: str,
                  tags: Sequence[str] | str = ()) -> StandardAnswer:
    _require_staff(actor, company)
    code = (code or "").strip()
    if not code or len(code) > 32:
        raise ServiceError(_("Give the answer a code (up to 32 characters), e.g. kb121."), field="code",
                           code="invalid_answer")
    if StandardAnswer.objects.filter(company=company, code=code).exists():
        raise Conflict(_("An answer with this code already exists."), field="code", code="duplicate_code")
    fields = _clean({"question": question, "answer": answer, "category": category, "tags": list(tags)
                     if not isinstance(tags, str) else tags})
    created = StandardAnswer.objects.create(company=company, code=code, status=AnswerStatus.DRAFT,
                                            created_by=actor if getattr(actor, "pk", None) else None, **fields)
    _revise(created, actor=actor, action=RevisionAction.CREATE, before={})
    return created


@transaction.atomic
def answer_update(*, actor: Any, answer: StandardAnswer, changes: dict[str, Any]) -> StandardAnswer:
    """Change question, answer text, category or tags (``changes`` by field name)."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ServiceError(_("These fields cannot be changed here."), code="invalid_answer",
                           fields={name: _("Not editable.") for name in unknown})
    if answer.status == AnswerStatus.LIVE:
        # What residents read changes only with a supervisor's approval.
        _require_supervisor(actor, answer.company_id)
    else:
        _require_staff(actor, answer.company_id)
    changes = _clean(dict(changes))
    before = snapshot(answer)
    if all(getattr(answer, name) == value for name, value in changes.items()):
        return answer
    for name, value in changes.items():
        setattr(answer, name, value)
    answer.save()
    _revise(answer, actor=actor, action=RevisionAction.EDIT, before=before)
    return answer


def _transition(answer: StandardAnswer, to: str) -> None:
    if to not in ALLOWED_TRANSITIONS[answer.status]:
        raise Conflict(_("This answer cannot go from “%(from)s” to “%(to)s”.")
                       % {"from": answer.get_status_display(), "to": AnswerStatus(to).label},
                       code="invalid_transition")
    answer.status = to


@transaction.atomic
def answer_submit(*, actor: Any, answer: StandardAnswer) -> StandardAnswer:
    _require_staff(actor, answer.company_id)
    before = snapshot(answer)
    _transition(answer, AnswerStatus.PENDING)
    answer.save()
    _revise(answer, actor=actor, action=RevisionAction.SUBMIT, before=before)
    return answer


@transaction.atomic
def answer_approve(*, actor: Any, answer: StandardAnswer, now: datetime | None = None) -> StandardAnswer:
    _require_supervisor(actor, answer.company_id)
    before = snapshot(answer)
    _transition(answer, AnswerStatus.LIVE)
    answer.approved_by = actor if getattr(actor, "pk", None) else None
    answer.approved_at = answer.last_reviewed_at = now or timezone.now()
    answer.save()
    _revise(answer, actor=actor, action=RevisionAction.APPROVE, before=before)
    return answer


@transaction.atomic
def answer_reject(*, actor: Any, answer: StandardAnswer, note: str = "") -> StandardAnswer:
    _require_supervisor(actor, answer.company_id)
    before = snapshot(answer)
    _transition(answer, AnswerStatus.DRAFT)
    answer.save()
    _revise(answer, actor=actor, action=RevisionAction.REJECT, before=before, note=note)
    return answer


@transaction.atomic
def answer_retire(*, actor: Any, answer: StandardAnswer) -> StandardAnswer:
    _require_supervisor(actor, answer.company_id)
    before = snapshot(answer)
    _transition(answer, AnswerStatus.RETIRED)
    answer.save()
    _revise(answer, actor=actor, action=RevisionAction.RETIRE, before=before)
    return answer


@transaction.atomic
def answer_mark_reviewed(*, actor: Any, answer: StandardAnswer) -> StandardAnswer:
    """The monthly review found the answer still right."""
    _require_supervisor(actor, answer.company_id)
    before = snapshot(answer)
    answer.last_reviewed_at = timezone.now()
    answer.save(update_fields=["last_reviewed_at"])
    _revise(answer, actor=actor, action=RevisionAction.REVIEW, before=before)
    return answer


def answer_record_use(*, answer: StandardAnswer) -> None:
    """An agent put the answer into a reply or a work order."""
    # F() so two desks using the same answer at once both count.
    StandardAnswer.objects.filter(pk=answer.pk).update(usage_count=F("usage_count") + 1)


@transaction.atomic
def answer_feedback_record(*, answer: StandardAnswer, helpful: bool, user: Any = None,
                           community: Community | None = None, question: str = "") -> AnswerFeedback:
    source = FeedbackSource.PORTAL if getattr(user, "is_resident", True) else FeedbackSource.AGENT
    feedback = AnswerFeedback.objects.create(
        answer=answer, helpful=helpful, source=source, community=community,
        user=user if getattr(user, "is_authenticated", False) else None, question=(question or "")[:300])
    counter = "helpful_count" if helpful else "unhelpful_count"
    StandardAnswer.objects.filter(pk=answer.pk).update(**{counter: F(counter) + 1})
    return feedback


@transaction.atomic
def community_value_set(*, actor: Any, community: Community, key: str, value: str) -> CommunityValue:
    _require_staff(actor, community.company_id)
    key = (key or "").strip().strip("{}")
    if not key:
        raise ServiceError(_("Name the placeholder, e.g. 物业费单价."), field="key", code="invalid_value")
    row, _created = CommunityValue.objects.update_or_create(community=community, key=key,
                                                            defaults={"value": (value or "").strip()})
    return row


@transaction.atomic
def inquiry_open(*, company: Company, text: str, community: Community | None = None,
                 channel: str = Channel.PHONE, actor: Any = None,
                 asked_at: datetime | None = None) -> UnansweredQuestion:
    """A question with no standard answer: owed a reply within 1 hour (REQ-8)."""
    text = (text or "").strip()
    if not text:
        raise ServiceError(_("Write down the question."), field="text", code="invalid_inquiry")
    if channel not in Channel.values:
        raise ServiceError(_("Unknown channel."), field="channel", code="invalid_inquiry")
    asked_at = asked_at or timezone.now()
    return UnansweredQuestion.objects.create(
        company=company, community=community, text=text[:2000], channel=channel, asked_at=asked_at,
        due_at=asked_at + INQUIRY_REPLY_WITHIN, asked_by=actor if getattr(actor, "pk", None) else None)


@transaction.atomic
def inquiry_answer(*, actor: Any, inquiry: UnansweredQuestion, reply: str,
                   answer: StandardAnswer | None = None) -> UnansweredQuestion:
    _require_staff(actor, inquiry.company_id)
    if inquiry.answered_at is not None:
        raise Conflict(_("This question has already been answered."), code="already_answered")
    if not (reply or "").strip() and answer is None:
        raise ServiceError(_("Write the reply or choose a standard answer."), field="reply",
                           code="invalid_inquiry")
    inquiry.reply = (reply or "").strip()
    inquiry.resolved_by_answer = answer
    inquiry.answered_at = timezone.now()
    inquiry.answered_by = actor if getattr(actor, "pk", None) else None
    inquiry.save()
    return inquiry


@transaction.atomic
def answers_decline_to_inquiry(*, actor: Any, community: Community, text: str, channel: str = Channel.PHONE,
                               room: Any = None, location: str = "", contact_name: str = "",
                               contact_phone: str = "", asked_at: datetime | None = None) -> UnansweredQuestion:
    """No standard answer fits: open an inquiry work order and start the 1-hour reply clock.

    The work order goes through the work-order engine's intake (its own rules, numbering and
    SLA clocks); the unanswered question keeps the link for the monthly review.
    """
    from guanjia.core.taxonomy import Kind
    from guanjia.tickets.services import IntakeRequest, workorder_intake

    inquiry = inquiry_open(company=community.company, community=community, text=text, channel=channel,
                           actor=actor, asked_at=asked_at)
    order = workorder_intake(actor=actor, request=IntakeRequest(
        channel=channel, description=inquiry.text, community=community, room=room,
        # A question about the community in general has no room: the desk is where it was asked.
        location=location or ("" if room is not None else str(_("Service centre (question)"))),
        contact_name=contact_name, contact_phone=contact_phone, kind=Kind.INQUIRY))
    inquiry.work_order = order
    inquiry.save(update_fields=["work_order", "updated_at"])
    return inquiry
