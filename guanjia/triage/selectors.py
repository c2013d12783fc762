"""Reads for the triage assistant.

Both are system reads: the classifier runs for every intake and the retrain command for a
whole scope, whoever triggers them, so they take the community or company rather than a user.
"""

from django.db import DatabaseError
from django.db.models import Q, QuerySet

from guanjia.properties.models import Community, Company

from .models import TriageDecision, TriageModel


def triage_model_active(*, community: Community | None = None, company: Company | None = None) -> TriageModel | None:
    """The community's active model, else its company's, else None (the built-in one applies).

    Never raises for a missing table: ``guanjia triage`` must work on a fresh checkout
    before ``migrate`` has run.
    """
    if community is None and company is None:
        return None
    # Not None: one of the two is given (checked above), which mypy cannot follow.
    company_id = community.company_id if community is not None else company.pk  # type: ignore[union-attr]
    scope = Q(company_id=company_id, community__isnull=True)
    if community is not None:
        scope |= Q(community=community)
    try:
        candidates = list(TriageModel.objects.filter(scope, active=True).only("id", "community_id"))
    except DatabaseError:
        return None
    # The community's own model wins over the company-wide one.
    candidates.sort(key=lambda model: model.community_id is None)
    return TriageModel.objects.get(pk=candidates[0].pk) if candidates else None


def triage_decisions_for_scope(*, community: Community | None = None,
                               company: Company | None = None) -> QuerySet[TriageDecision]:
    """Every decision that trains a scope's model: a community's own, or all of a company's."""
    if community is not None:
        return TriageDecision.objects.filter(community=community).order_by("at", "id")
    return TriageDecision.objects.filter(company=company).order_by("at", "id")
