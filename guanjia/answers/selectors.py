"""Every read of the library: suggestions for a question, rendering, and the monthly review."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, overload

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from guanjia.accounts.scoping import community_ids_for_user, rooms_for_resident
from guanjia.properties.models import Community

from . import search
from .choices import AnswerStatus
from .models import CommunityValue, StandardAnswer, UnansweredQuestion
from .placeholders import Rendered, fill
from .retrieval import ANSWER_THRESHOLD

# An answer not looked at for this long shows up in the monthly review.
REVIEW_EVERY = timedelta(days=30)


def community_values(*, community: Community) -> dict[str, str]:
    """The community's figures; the register's phone and address fill in when not set."""
    values = {"服务中心电话": community.service_phone, "服务中心地址": community.address}
    values = {key: value for key, value in values.items() if value}
    values.update(CommunityValue.objects.filter(community=community).values_list("key", "value"))
    return values


@overload
def answer_render(*, answer: StandardAnswer, community: Community, for_resident: Literal[False],
                  values: dict[str, str] | None = None) -> Rendered: ...
@overload
def answer_render(*, answer: StandardAnswer, community: Community, for_resident: bool,
                  values: dict[str, str] | None = None) -> Rendered | None: ...
def answer_render(*, answer: StandardAnswer, community: Community, for_resident: bool,
                  values: dict[str, str] | None = None) -> Rendered | None:
    """The answer filled with ``community``'s figures.

    For a resident, an answer with any figure missing is withheld (``None``): half an answer
    with ``{物业费单价}`` in it is worse than none. Agents get it with ``missing`` set.
    """
    rendered = fill(answer.answer, community_values(community=community) if values is None else values)
    if for_resident and not rendered.complete:
        return None
    return rendered


@dataclass
class Suggestion:
    answer: StandardAnswer
    score: float
    reasons: list[dict[str, str]]
    rendered: Rendered

    @property
    def reason_text(self) -> str:
        return describe_reasons(self.reasons)

    @property
    def warning(self) -> str:
        if self.rendered.complete:
            return ""
        return _("Missing figures for this community: %(keys)s. Fill them in before replying.") % {
            "keys": "、".join(self.rendered.missing)}


@dataclass
class Suggestions:
    answered: bool
    items: list[Suggestion] = field(default_factory=list)


_REASON_LABELS = {
    "words": lambda text: _("same words “%(text)s”") % {"text": text},
    "sound": lambda text: _("sounds like “%(text)s”") % {"text": text},
    "synonym": lambda text: _("synonym %(text)s") % {"text": text},
    "traditional": lambda text: _("read as Simplified Chinese"),
    "dialect": lambda text: _("colloquial “%(text)s”") % {"text": text},
    "english": lambda text: _("English “%(text)s”") % {"text": text},
}


def describe_reasons(reasons: list[dict[str, str]]) -> str:
    return "；".join(_REASON_LABELS[r["kind"]](r["text"]) for r in reasons if r["kind"] in _REASON_LABELS)


def answers_suggest(*, community: Community, text: str, for_resident: bool, limit: int = 3) -> Suggestions:
    """The best answers (up to ``limit``) for ``text`` asked in ``community``, filled in.

    ``answered`` is False when nothing in the library fits; for residents it is also False
    when the fitting answers all lack a figure for this community (they are withheld).
    """
    found = search.index_for_company(company_id=community.company_id)
    result = found.index.search(text, limit=limit)
    if not result.matches:
        return Suggestions(answered=False)
    answers = StandardAnswer.objects.in_bulk([found.ids_by_code[m.code] for m in result.matches])
    values = community_values(community=community)
    items = []
    for match in result.matches:
        if for_resident and match.score < ANSWER_THRESHOLD:
            continue  # residents see only confident answers; there is no agent to judge the rest
        answer = answers.get(found.ids_by_code[match.code])
        if answer is None or answer.status != AnswerStatus.LIVE:
            continue  # retired between the index build and now
        rendered = answer_render(answer=answer, community=community, for_resident=for_resident, values=values)
        if rendered is not None:
            items.append(Suggestion(answer=answer, score=match.score, reasons=match.reasons, rendered=rendered))
    return Suggestions(answered=bool(items), items=items)


def resident_community_ids(*, user: Any) -> set[int]:
    return set(rooms_for_resident(user=user).values_list("community_id", flat=True))


def community_for_user(*, user: Any, community_id: Any) -> Community | None:
    """The community if ``user`` may ask about it (staff: their communities; residents: home)."""
    try:
        community_id = int(community_id)
    except (TypeError, ValueError):
        return None
    allowed = (resident_community_ids(user=user) if getattr(user, "is_resident", False)
               else community_ids_for_user(user=user))
    if community_id not in allowed:
        return None
    return Community.objects.select_related("company").filter(pk=community_id).first()


def answers_for_user(*, user: Any) -> QuerySet[StandardAnswer]:
    """Answers of the companies where ``user`` works."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "is_resident", True):
        return StandardAnswer.objects.none()
    if user.is_superuser:
        return StandardAnswer.objects.all()
    return StandardAnswer.objects.filter(company_id__in=user.roles.values("company_id"))


def inquiries_for_user(*, user: Any) -> QuerySet[UnansweredQuestion]:
    if not getattr(user, "is_authenticated", False) or getattr(user, "is_resident", True):
        return UnansweredQuestion.objects.none()
    ids = community_ids_for_user(user=user)
    companies = Community.objects.filter(pk__in=ids).values("company_id")
    return UnansweredQuestion.objects.filter(
        Q(community_id__in=ids) | Q(community__isnull=True, company_id__in=companies))


@dataclass
class ReviewList:
    unanswered: list[UnansweredQuestion]
    late_count: int
    most_used: list[StandardAnswer]
    unhelpful: list[StandardAnswer]
    not_reviewed: list[StandardAnswer]
    pending: list[StandardAnswer]
    drafts: list[StandardAnswer]


def review_list(*, user: Any, now: datetime | None = None, since: datetime | None = None,
                limit: int = 20) -> ReviewList:
    """What the supervisor goes through in the monthly review."""
    now = now or timezone.now()
    since = since or now - REVIEW_EVERY
    answers = answers_for_user(user=user)
    live = answers.filter(status=AnswerStatus.LIVE)
    inquiries = inquiries_for_user(user=user).filter(asked_at__gte=since).select_related("community")
    open_late = inquiries_for_user(user=user).filter(answered_at__isnull=True, due_at__lt=now)
    return ReviewList(
        unanswered=list(inquiries.order_by("answered_at", "due_at")[:limit]),
        late_count=open_late.count(),
        most_used=list(live.filter(usage_count__gt=0).order_by("-usage_count", "code")[:limit]),
        unhelpful=list(answers.filter(unhelpful_count__gt=0).order_by("-unhelpful_count", "code")[:limit]),
        not_reviewed=list(live.filter(Q(last_reviewed_at__isnull=True) | Q(last_reviewed_at__lt=now - REVIEW_EVERY))
                          .order_by("last_reviewed_at", "code")[:limit]),
        pending=list(answers.filter(status=AnswerStatus.PENDING).order_by("code")),
        drafts=list(answers.filter(status=AnswerStatus.DRAFT).order_by("code")[:limit]),
    )
