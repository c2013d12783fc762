"""Thin views of the reports pages under /reports/: parse, call a selector or service, render."""

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from guanjia.core.errors import ServiceError
from guanjia.core.requests import HtmxHttpRequest
from guanjia.core.taxonomy import Category, Department
from guanjia.properties.models import Community, Zone

from .choices import ActionSource, ActionStatus, ExportKind, ExportStatus
from .dimensions import DIMENSIONS, breakdown_head
from .kpis import KPI_BY_CODE
from .links import month_link, orders_link, queue_link
from .models import Export, ImprovementAction, MonthlyReview
from .scope import parse_month, report_community_ids, report_scope_build
from .selectors import dashboard_figures, report_orders
from .services import (
    export_request,
    improvement_action_create,
    improvement_action_progress,
    monthly_review_generate,
    monthly_review_update,
)

PAGE_SIZE = 50


def _error(request: HttpRequest, error: ServiceError) -> HttpResponse:
    return render(request, "reports/error.html", {"error": error}, status=error.status)


def _filter_form(request: HttpRequest) -> dict[str, Any]:
    allowed = report_community_ids(user=request.user)
    return {"communities": Community.objects.filter(pk__in=allowed).order_by("name"),
            "zones": Zone.objects.filter(community_id__in=allowed).select_related("community"),
            "departments": Department.choices, "params": request.GET}


def _kpi_rows(scope: Any, values: list[Any]) -> list[dict[str, Any]]:
    rows = []
    for value in values:
        kpi = value.kpi
        rows.append({"v": value, "kpi": kpi, "link": orders_link(scope, kpi=kpi.code, part="den"),
                     "miss_link": orders_link(scope, kpi=kpi.code, part="miss") if kpi.is_rate else ""})
    return rows


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    try:
        scope = report_scope_build(user=request.user, params=request.GET)
    except ServiceError as error:
        return _error(request, error)
    figures = dashboard_figures(scope=scope)
    breakdowns: list[dict[str, Any]] = []
    for dimension in DIMENSIONS:
        shown, other = breakdown_head(figures.breakdowns[dimension.code])
        rows = [{**row, "link": orders_link(scope, **{row["param"]: row["value"]})} for row in shown]
        if other is not None:
            other["label"] = _("%(count)s more") % {"count": other["count"]}
        breakdowns.append({"dimension": dimension, "rows": rows, "other": other})
    trends = [{**row, "link": month_link(scope, row["month"])} for row in figures.trends]
    hot = [{**row, "link": orders_link(scope, community=row["community_id"], asset=row["asset_key"])}
           for row in figures.hot_spots]
    for order in figures.worst_late:
        order.late_hours = round((order.late_seconds or 0) / 3600, 1)
    charts = {"trends": figures.trends,
              "labels": {"orders": str(_("Orders")), "on_time": str(_("Complaints on time (%)")),
                         "satisfaction": str(_("Satisfaction (%)"))},
              "breakdowns": {b["dimension"].code: [{"label": str(r["label"]), "total": r["total"]}
                                                   for r in [*b["rows"], *([b["other"]] if b["other"] else [])]]
                             for b in breakdowns}}
    return render(request, "reports/dashboard.html", {
        **_filter_form(request), "scope": scope, "kpis": _kpi_rows(scope, figures.kpis), "trends": trends,
        "breakdowns": breakdowns, "hot_spots": hot, "worst_late": figures.worst_late,
        "dissatisfied": figures.dissatisfied, "charts": charts, "all_link": orders_link(scope)})


@login_required
def orders(request: HttpRequest) -> HttpResponse:
    try:
        scope = report_scope_build(user=request.user, params=request.GET)
        rows = report_orders(scope=scope, params=request.GET)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    except ServiceError as error:
        return _error(request, error)
    kpi = KPI_BY_CODE.get(request.GET.get("kpi", ""))
    return render(request, "reports/orders.html", {
        "scope": scope, "page": page, "kpi": kpi, "part": request.GET.get("part", "den"),
        "queue_link": queue_link({**scope.filters, **request.GET.dict()}),
        "export_params": {k: v for k, v in request.GET.items() if k != "page"},
        "export_kind": ExportKind.ORDERS})


@login_required
@require_POST
def export_create(request: HttpRequest) -> HttpResponse:
    # Each key's last value, as items() gives them (the stubs type items() as lists too).
    params = {key: request.POST[key] for key in request.POST if key not in ("csrfmiddlewaretoken", "kind")}
    try:
        export = export_request(user=request.user, kind=request.POST.get("kind", ""), params=params)
    except ServiceError as error:
        return _error(request, error)
    return redirect("reports:export", uuid=export.uuid)


def _own_export(request: HttpRequest, uuid: Any) -> Export:
    export = Export.objects.filter(uuid=uuid, requested_by_id=request.user.pk).first()
    if export is None:
        raise Http404
    return export


@login_required
def export_detail(request: HtmxHttpRequest, uuid: Any) -> HttpResponse:
    export = _own_export(request, uuid)
    template = "reports/htmx/export_status.html" if request.htmx else "reports/export.html"
    return render(request, template, {"export": export, "running": export.status in (
        ExportStatus.QUEUED, ExportStatus.RUNNING)})


@login_required
def export_download(request: HttpRequest, uuid: Any) -> FileResponse:
    export = _own_export(request, uuid)
    if export.status != ExportStatus.DONE or not export.file:
        raise Http404
    return FileResponse(export.file.open("rb"), as_attachment=True,
                        filename=f"{export.kind}-{timezone.localtime(export.created_at):%Y%m%d-%H%M}.xlsx")


@login_required
def reviews(request: HttpRequest) -> HttpResponse:
    allowed = report_community_ids(user=request.user)
    archive = MonthlyReview.objects.filter(community_id__in=allowed).select_related("community")
    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    return render(request, "reports/reviews.html", {
        "reviews": archive[:120], "communities": Community.objects.filter(pk__in=allowed).order_by("name"),
        "last_month": last_month})


def _review(request: HttpRequest, community_id: int, month: str) -> MonthlyReview:
    try:
        first = parse_month(month)
    except ServiceError:
        raise Http404 from None
    review = (MonthlyReview.objects.filter(community_id=community_id, month=first,
                                           community_id__in=report_community_ids(user=request.user))
              .select_related("community", "filed_by").first())
    if review is None:
        raise Http404
    return review


@login_required
@require_POST
def review_generate(request: HttpRequest) -> HttpResponse:
    community_id = request.POST.get("community", "")
    community = Community.objects.filter(pk=int(community_id) if community_id.isdigit() else 0,
                                         pk__in=report_community_ids(user=request.user)).first()
    if community is None:
        raise Http404
    try:
        review = monthly_review_generate(community=community, month=parse_month(request.POST.get("month", "")),
                                         actor=request.user)
    except ServiceError as error:
        return _error(request, error)
    return redirect("reports:review", community_id=community.pk, month=review.month.strftime("%Y-%m"))


@login_required
def review_detail(request: HttpRequest, community_id: int, month: str) -> HttpResponse:
    review = _review(request, community_id, month)
    if request.method == "POST":
        try:
            monthly_review_update(review=review, actor=request.user, notes=request.POST.get("notes", ""),
                                  file=request.POST.get("file") == "1")
        except ServiceError as error:
            return _error(request, error)
        return redirect("reports:review", community_id=community_id, month=month)
    return render(request, "reports/review.html", {
        "review": review, "f": review.figures, "sources": ActionSource.choices, "categories": Category.choices,
        "today": timezone.localdate(), "export_kind": ExportKind.MONTHLY_REVIEW})


@login_required
def review_print(request: HttpRequest, community_id: int, month: str) -> HttpResponse:
    review = _review(request, community_id, month)
    return render(request, "reports/review_print.html", {"review": review, "f": review.figures})


def _date(value: str, default: date) -> date:
    try:
        return date.fromisoformat(value) if value else default
    except ValueError:
        raise ServiceError(_("Give dates as YYYY-MM-DD."), code="bad_date") from None


@login_required
@require_POST
def action_create(request: HttpRequest) -> HttpResponse:
    review = _review(request, int(request.POST.get("community", "0") or 0), request.POST.get("month", ""))
    today = timezone.localdate()
    try:
        improvement_action_create(
            actor=request.user, community=review.community, title=request.POST.get("title", ""),
            source=request.POST.get("source", ""), steps=request.POST.get("steps", "").splitlines(),
            starts_on=_date(request.POST.get("starts_on", ""), today),
            due_on=_date(request.POST.get("due_on", ""), today), asset_key=request.POST.get("asset_key", ""),
            category=request.POST.get("category", ""))
    except ServiceError as error:
        return _error(request, error)
    return redirect("reports:review", community_id=review.community_id, month=review.month.strftime("%Y-%m"))


@login_required
def action_detail(request: HttpRequest, uuid: Any) -> HttpResponse:
    action = (ImprovementAction.objects.filter(uuid=uuid, community_id__in=report_community_ids(user=request.user))
              .select_related("community", "owner").first())
    if action is None:
        raise Http404
    if request.method == "POST":
        try:
            improvement_action_progress(actor=request.user, action=action, text=request.POST.get("text", ""),
                                        status=request.POST.get("status", ""),
                                        publish=request.POST.get("publish") == "1")
        except ServiceError as error:
            return _error(request, error)
        return redirect("reports:action", uuid=action.uuid)
    return render(request, "reports/action.html", {
        "action": action, "updates": action.updates.select_related("author"), "statuses": ActionStatus.choices})
