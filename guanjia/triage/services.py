"""Writes of the triage assistant: recording the desk's decisions and retraining models.

``triage_suggest`` (a read, but the entry point everyone calls) classifies with the model
of the community when one is active, else the built-in model.
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from guanjia.core.errors import ServiceError
from guanjia.core.taxonomy import Category, Department, Kind, Urgency
from guanjia.properties.models import Community, Company

from . import classifier
from .evaluation import Report, evaluate, is_held_back
from .model import FIELDS, Weights
from .models import TriageDecision, TriageModel
from .selectors import triage_decisions_for_scope, triage_model_active

_VALID = {"kind": set(Kind.values), "category": set(Category.values), "urgency": set(Urgency.values),
          "department": set(Department.values)}
# Fewer held-back decisions than this cannot tell a better model from a worse one.
MIN_HELD_BACK = 3
# Deserialised weights per TriageModel row: a row never changes once written, so the id is the key.
_WEIGHTS_CACHE: dict[int, Weights] = {}


def weights_for(*, community: Community | None = None, company: Company | None = None) -> Weights:
    model = triage_model_active(community=community, company=company)
    if model is None:
        return classifier.builtin_weights()
    if model.pk not in _WEIGHTS_CACHE:
        _WEIGHTS_CACHE[model.pk] = Weights.from_json(model.weights)
    return _WEIGHTS_CACHE[model.pk]


def triage_suggest(*, text: str, community: Community | None = None) -> dict[str, Any]:
    """The suggestion for one message (the structure ``guanjia triage`` prints)."""
    if not (text or "").strip():
        raise ServiceError(_("There is no text to classify."), code="empty_text", field="text")
    return classifier.classify(text, weights=weights_for(community=community))


def _clean_final(final: dict[str, Any]) -> dict[str, str]:
    clean, errors = {}, {}
    for name in FIELDS:
        value = str(final.get(name) or "")
        if value not in _VALID[name]:
            errors[name] = [_("Not a known code.")]
        clean[name] = value
    if errors:
        raise ServiceError(_("The final classification needs a valid kind, category, urgency and department."),
                           code="invalid_classification", fields=errors)
    return clean


@transaction.atomic
def triage_decision_record(*, order_or_text: Any, suggested: dict[str, Any] | None, final: dict[str, Any],
                           user: Any, community: Community | None = None) -> TriageDecision:
    """Store what a supervisor confirmed or corrected; the next retrain learns from it."""
    text, order = (order_or_text, None) if isinstance(order_or_text, str) else (
        order_or_text.description, order_or_text)
    community = community or (order.community if order is not None else None)
    if community is None:
        raise ServiceError(_("Name the community the decision belongs to."), code="community_required",
                           field="community")
    if not (text or "").strip():
        raise ServiceError(_("There is no text to learn from."), code="empty_text", field="text")
    clean = _clean_final(final)
    suggested = {name: (suggested or {}).get(name) for name in FIELDS if (suggested or {}).get(name)}
    return TriageDecision.objects.create(
        company_id=community.company_id, community=community, work_order=order, text=text.strip(),
        suggested=suggested, final=clean, corrected=any(suggested.get(n) != clean[n] for n in FIELDS),
        decided_by=user if getattr(user, "is_authenticated", False) else None,
    )


@dataclass
class RetrainResult:
    accepted: bool
    before: Report
    after: Report
    trained_on: int
    held_back: int
    model: TriageModel | None
    reason: str = ""


def _is_worse(*, before: Report, after: Report) -> bool:
    # Safety first: losing an urgent case the old model caught is worse whatever the accuracy says.
    return after.mean_accuracy < before.mean_accuracy or after.urgent_recall < before.urgent_recall


def triage_retrain(*, community: Community | None = None, company: Company | None = None,
                   user: Any = None, dry_run: bool = False) -> RetrainResult:
    """Train on the starter examples plus the scope's decisions; keep it only if it is not worse.

    A deterministic fifth of the decisions (by a hash of the text) is held back: the current
    model and the new one are both measured on it. Nothing is written when the new one loses.
    """
    if (community is None) == (company is None):
        raise ServiceError(_("Retrain either a community or a company."), code="scope_required")
    # Not None: exactly one of the two is given (checked above), which mypy cannot follow.
    company = company or community.company  # type: ignore[union-attr]
    decisions = [{"text": d.text, **d.final} for d in triage_decisions_for_scope(community=community,
                                                                                  company=company)]
    held = [row for row in decisions if is_held_back(row["text"])]
    if len(held) < MIN_HELD_BACK:
        raise ServiceError(_("Not enough decisions to measure a new model yet (%(held)s held back, "
                             "%(needed)s needed).") % {"held": len(held), "needed": MIN_HELD_BACK},
                           code="not_enough_decisions")
    learnt = [row for row in decisions if not is_held_back(row["text"])]
    training = classifier.training_examples()
    current = weights_for(community=community, company=company)
    new = classifier.train(training, decisions=learnt)
    before = evaluate(held, lambda text: classifier.classify(text, weights=current))
    after = evaluate(held, lambda text: classifier.classify(text, weights=new))
    result = RetrainResult(accepted=False, before=before, after=after, trained_on=len(training) + len(learnt),
                           held_back=len(held), model=None)
    if _is_worse(before=before, after=after):
        result.reason = "worse"
        return result
    if dry_run:
        result.accepted = True
        return result
    result.model, result.accepted = _activate(community=community, company=company, user=user,
                                              weights=new, result=result), True
    return result


@transaction.atomic
def _activate(*, community: Community | None, company: Company, user: Any, weights: Weights,
              result: RetrainResult) -> TriageModel:
    TriageModel.objects.filter(company=company, community=community, active=True).update(active=False)
    return TriageModel.objects.create(
        company=company, community=community, trained_on=result.trained_on, held_back=result.held_back,
        accuracy_before=round(result.before.mean_accuracy, 4), accuracy_after=round(result.after.mean_accuracy, 4),
        metrics={"before": result.before.as_dict(), "after": result.after.as_dict()},
        weights=weights.to_json(), active=True,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
