"""Writes of the reports app: the monthly review archive, improvement actions, exports.

Each service is one transaction; notifications and export jobs go out on commit.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guanjia.accounts.choices import SUPERVISING_ROLES, Role
from guanjia.accounts.scoping import community_ids_for_user, user_has_role
from guanjia.core.audit import audit_record
from guanjia.core.errors import Conflict, Forbidden, NotFound, ServiceError
from guanjia.core.models import AuditAction
from guanjia.core.taxonomy import Category
from guanjia.properties.models import Community
from guanjia.tickets.models import WorkOrder

from .choices import ActionSource, ActionStatus, ExportKind
from .models import Export, ImprovementAction, ImprovementUpdate, MonthlyReview
from .review import _same_subject, monthly_review_figures

# Who writes the review and the improvement actions: the supervisors and the quality officer.
REVIEW_ROLES = SUPERVISING_ROLES | {Role.QUALITY}
MAX_STEPS = 20


def require_review_role(*, actor: Any, community: Community) -> None:
    if community.pk not in community_ids_for_user(user=actor):
        raise NotFound(_("This community does not exist or is not yours to see."), code="not_found")
    if not user_has_role(user=actor, community=community, roles=REVIEW_ROLES):
        raise Forbidden(_("Only supervisors and quality officers write the review."), code="not_reviewer")


@transaction.atomic
def monthly_review_generate(*, community: Community, month: date, actor: Any = None,
                            now: datetime | None = None) -> MonthlyReview:
    """Compute and archive the review of ``community`` for ``month`` (REC-1), keeping the notes.

    ``actor`` is None for the scheduled run at the start of each month (ZN-2: filed by the 5th).
    """
    if actor is not None:
        require_review_role(actor=actor, community=community)
    now = now or timezone.now()
    month = month.replace(day=1)
    if month > timezone.localtime(now).date().replace(day=1):
        raise ServiceError(_("That month has not started yet."), code="future_month", field="month")
    existing = MonthlyReview.objects.select_for_update().filter(community=community, month=month).first()
    if existing is not None and existing.filed_at is not None:
        raise Conflict(_("This review is filed; its figures are archived as they were."), code="review_filed")
    figures = monthly_review_figures(community=community, month=month, now=now)
    review, created = MonthlyReview.objects.update_or_create(
        community=community, month=month,
        defaults={"figures": figures, "generated_at": now, "generated_by": actor})
    audit_record(actor=actor, action=AuditAction.CREATE if created else AuditAction.UPDATE, obj=review,
                 community_id=community.pk, detail={"month": month.isoformat(), "generated": True})
    return review


def monthly_reviews_generate_all(*, month: date, dry_run: bool = False, missing_only: bool = False) -> list[str]:
    """Every community's review for ``month``; filed ones are left alone (and, with
    ``missing_only``, any already generated: the supervisor may have regenerated it by hand)."""
    done = []
    existing = MonthlyReview.objects.filter(month=month)
    if not missing_only:
        existing = existing.filter(filed_at__isnull=False)
    skip = set(existing.values_list("community_id", flat=True))
    for community in Community.objects.exclude(pk__in=skip).order_by("pk"):
        if not dry_run:
            monthly_review_generate(community=community, month=month)
        done.append(community.name)
    return done


@transaction.atomic
def monthly_review_update(*, review: MonthlyReview, actor: Any, notes: str, file: bool = False) -> MonthlyReview:
    """The supervisor's analysis and improvement notes; filing archives the review as it stands."""
    require_review_role(actor=actor, community=review.community)
    review = MonthlyReview.objects.select_for_update().get(pk=review.pk)
    if review.filed_at is not None:
        raise Conflict(_("This review is filed; its figures are archived as they were."), code="review_filed")
    review.notes = notes.strip()
    fields = ["notes", "updated_at"]
    if file:
        review.filed_at, review.filed_by = timezone.now(), actor
        fields += ["filed_at", "filed_by"]
    review.save(update_fields=fields)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=review, community_id=review.community_id,
                 detail={"filed": file})
    return review


def _clean_steps(steps: Iterable[str]) -> list[str]:
    cleaned = [str(step).strip()[:200] for step in steps if str(step).strip()]
    if not cleaned:
        raise ServiceError(_("Write at least one step."), code="no_steps", field="steps")
    if len(cleaned) > MAX_STEPS:
        raise ServiceError(_("At most 20 steps."), code="too_many_steps", field="steps")
    return cleaned


@transaction.atomic
def improvement_action_create(*, actor: Any, community: Community, title: str, source: str,
                              steps: Iterable[str], starts_on: date, due_on: date, owner: Any = None,
                              asset_key: str = "", category: str = "", source_order: WorkOrder | None = None,
                              window_days: int = 30) -> ImprovementAction:
    """An improvement action (整改计划) from a hot spot, a repeat pattern or a review case."""
    require_review_role(actor=actor, community=community)
    title = title.strip()
    if not title:
        raise ServiceError(_("Give the action a title."), code="no_title", field="title")
    if source not in ActionSource.values:
        raise ServiceError(_("Unknown source."), code="bad_source", field="source")
    if category and category not in Category.values:
        raise ServiceError(_("Unknown category."), code="bad_category", field="category")
    if due_on < starts_on:
        raise ServiceError(_("The action is due before it starts."), code="bad_dates", field="due_on")
    if not 1 <= window_days <= 365:
        raise ServiceError(_("Compare between 1 and 365 days."), code="bad_window", field="window_days")
    if source_order is not None and source_order.community_id != community.pk:
        raise ServiceError(_("That case belongs to another community."), code="bad_case", field="source_order")
    if owner is not None and not user_has_role(user=owner, community=community, roles=set(Role.values)):
        raise ServiceError(_("The owner must work in this community."), code="bad_owner", field="owner")
    if source_order is not None:
        asset_key = asset_key or source_order.asset_key
        category = category or source_order.category
    action = ImprovementAction.objects.create(
        community=community, title=title[:200], source=source, steps=_clean_steps(steps), owner=owner,
        starts_on=starts_on, due_on=due_on, asset_key=asset_key.strip()[:100], category=category,
        source_order=source_order, window_days=window_days, created_by=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=action, community_id=community.pk)
    return action


def households_concerned(*, action: ImprovementAction) -> list[Mapping[str, Any]]:
    """One contact per household that complained about the action's subject, from the window
    before the action until now (a DISTINCT query; the list is households, not orders)."""
    since = datetime.combine(action.starts_on - timedelta(days=action.window_days), datetime.min.time(),
                             tzinfo=timezone.get_current_timezone())
    rows = (_same_subject(action).filter(created_at__gte=since, room__isnull=False)
            .exclude(contact_phone="").values("room_id", "contact_phone", "person_id")
            .order_by("room_id", "-created_at"))
    households: dict[int, Mapping[str, Any]] = {}
    for row in rows:
        households.setdefault(row["room_id"], row)
    return list(households.values())


@transaction.atomic
def improvement_action_progress(*, actor: Any, action: ImprovementAction, text: str, status: str = "",
                                publish: bool = False) -> ImprovementUpdate:
    """Record progress; ``publish`` tells the households concerned (on commit)."""
    require_review_role(actor=actor, community=action.community)
    text = text.strip()
    if not text:
        raise ServiceError(_("Write what was done."), code="no_text", field="text")
    if status and status not in ActionStatus.values:
        raise ServiceError(_("Unknown status."), code="bad_status", field="status")
    if status and status != action.status:
        action.status = status
        action.save(update_fields=["status", "updated_at"])
    households = households_concerned(action=action) if publish else []
    update = ImprovementUpdate.objects.create(action=action, at=timezone.now(), author=actor, text=text,
                                              published=publish, households_notified=len(households))
    if households:
        transaction.on_commit(lambda: _notify_households(action=action, text=text, households=households))
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=action, community_id=action.community_id,
                 detail={"status": action.status, "published": publish, "households": len(households)})
    return update


def _notify_households(*, action: ImprovementAction, text: str, households: list[Mapping[str, Any]]) -> None:
    from guanjia.notifications.language import phrase
    from guanjia.notifications.services import notify_resident

    # Worded per household: each resident reads it in their own language.
    title = phrase(_("Improvement at %(community)s: %(title)s"), community=action.community.name,
                   title=action.title)
    for household in households:
        notify_resident(phone=household["contact_phone"], person=None, title=title, body=text,
                        community=action.community, kind="improvement_progress")


@transaction.atomic
def export_request(*, user: Any, kind: str, params: dict[str, str]) -> Export:
    """Queue an .xlsx export; it runs in the background (inline in the embedded default)."""
    from .exports import export_validate
    from .tasks import export_run_task

    if kind not in ExportKind.values:
        raise ServiceError(_("Unknown export."), code="bad_export", field="kind")
    clean = export_validate(user=user, kind=kind, params=params)
    export = Export.objects.create(requested_by=user, kind=kind, params=clean)
    audit_record(actor=user, action=AuditAction.EXPORT, obj=export, detail={"kind": kind, "params": clean})
    transaction.on_commit(lambda: export_run_task.delay(export.pk))
    return export
