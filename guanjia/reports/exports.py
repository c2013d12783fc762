"""Writing .xlsx files: the orders behind any figure or queue, the dashboard, a monthly review.

Phone numbers are masked unless the requester's role in the order's community may see them
(PRV-1, ``ROLES_SEEING_PHONES``); the export itself is audited when requested. Large exports
stream rows in batches through openpyxl's write-only mode and report progress as they go.
"""

from collections.abc import Callable, Iterable
from io import BytesIO
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from guanjia.accounts.choices import ROLES_SEEING_PHONES
from guanjia.accounts.scoping import community_ids_with_roles
from guanjia.core.errors import NotFound, ServiceError
from guanjia.core.masking import mask_phone
from guanjia.core.taxonomy import Category, Channel, Department, Kind, Urgency
from guanjia.tickets.choices import Status

from .choices import ExportKind, ExportStatus
from .models import Export, MonthlyReview
from .scope import report_community_ids, report_scope_build
from .selectors import dashboard_figures, report_orders

# Rows fetched per round trip, and how often progress is saved: often enough for the bar to
# move, rarely enough that the updates cost nothing next to the rows themselves.
BATCH_ROWS = 2000
ORDER_PARAMS = ("community", "zone", "department", "month", "date_from", "date_to", "category", "kind",
                "channel", "urgency", "status", "building", "hour", "asset", "kpi", "part")
_LABELS = {"channel": dict(Channel.choices), "kind": dict(Kind.choices), "category": dict(Category.choices),
           "urgency": dict(Urgency.choices), "department": dict(Department.choices),
           "status": dict(Status.choices)}


def export_validate(*, user: Any, kind: str, params: dict[str, Any]) -> dict[str, str]:
    """Check now, at the request, what the background job will read (errors reach the user)."""
    if kind == ExportKind.MONTHLY_REVIEW:
        review = str(params.get("review") or "")
        if not review.isdigit() or not MonthlyReview.objects.filter(
                pk=int(review), community_id__in=report_community_ids(user=user)).exists():
            raise NotFound(_("This review does not exist or is not yours to see."), code="not_found")
        return {"review": review}
    clean = {key: str(params.get(key) or "").strip() for key in ORDER_PARAMS if params.get(key)}
    scope = report_scope_build(user=user, params=clean)
    if kind == ExportKind.ORDERS:
        report_orders(scope=scope, params=clean).exists()  # raises on an unknown filter value
    return clean


def export_run(*, export_id: int) -> Export | None:
    """Write the file of a queued export. Claimed with a conditional UPDATE: a retried or doubled
    task finds the row already taken and does nothing."""
    claimed = Export.objects.filter(pk=export_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING, updated_at=timezone.now())
    if not claimed:
        return None
    export = Export.objects.select_related("requested_by").get(pk=export_id)
    try:
        content, rows = _WRITERS[export.kind](export)
    except ServiceError as error:
        Export.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED, error=str(error.message)[:300],
                                                   finished_at=timezone.now())
        return Export.objects.get(pk=export.pk)
    name = f"{export.kind}-{timezone.localtime(export.created_at):%Y%m%d-%H%M}.xlsx"
    with transaction.atomic():
        export.file.save(name, ContentFile(content), save=False)
        export.status, export.progress, export.rows = ExportStatus.DONE, 100, rows
        export.finished_at = timezone.now()
        export.save(update_fields=["file", "status", "progress", "rows", "finished_at", "updated_at"])
    return export


def _progress(export: Export, total: int) -> Callable[[int], None]:
    def report(done: int) -> None:
        percent = min(99, int(100 * done / total)) if total else 99
        Export.objects.filter(pk=export.pk).update(progress=percent, rows=done)
    return report


def _save(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


ORDER_COLUMNS = (
    (_("Number"), "number"), (_("Received"), "created_at"), (_("Community"), "community__name"),
    (_("Room"), "room__code"), (_("Location"), "location"), (_("Channel"), "channel"), (_("Kind"), "kind"),
    (_("Category"), "category"), (_("Urgency"), "urgency"), (_("Department"), "department"),
    (_("Status"), "status"), (_("Contact"), "contact_name"), (_("Phone"), "contact_phone"),
    (_("What happened"), "description"), (_("Acknowledged"), "acknowledged_at"),
    (_("On site"), "on_site_at"), (_("Resolved"), "resolved_at"), (_("Closed"), "closed_at"),
    (_("Repeat"), "is_repeat"), (_("Hot spot"), "is_hotspot"),
)


def _cell(field: str, value: Any) -> Any:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if field in _LABELS:
        return str(_LABELS[field].get(value, value))
    if isinstance(value, bool):
        return _t("yes") if value else ""
    return value


def order_rows(*, user: Any, orders: Any, progress: Callable[[int], None] | None = None) -> Iterable[list[Any]]:
    """The rows of an orders sheet, phones masked where the user's role may not see them."""
    seeing = community_ids_with_roles(user=user, roles=ROLES_SEEING_PHONES)
    fields = [field for _label, field in ORDER_COLUMNS]
    rows = orders.values_list("community_id", *fields).iterator(chunk_size=BATCH_ROWS)
    for done, values in enumerate(rows, start=1):
        community_id, row = values[0], dict(zip(fields, values[1:], strict=True))
        if community_id not in seeing:
            row["contact_phone"] = mask_phone(row["contact_phone"])
        yield [_cell(field, row[field]) for field in fields]
        if progress is not None and done % BATCH_ROWS == 0:
            progress(done)


def _write_orders(export: Export) -> tuple[bytes, int]:
    user = export.requested_by
    scope = report_scope_build(user=user, params=export.params)
    orders = report_orders(scope=scope, params=export.params)
    total = orders.count()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_t("Work orders"))
    sheet.append([str(label) for label, _field in ORDER_COLUMNS])
    rows = 0
    for row in order_rows(user=user, orders=orders, progress=_progress(export, total)):
        sheet.append(row)
        rows += 1
    return _save(workbook), rows


def _write_table(workbook: Workbook, title: str, header: list[str], rows: Iterable[Iterable[Any]]) -> int:
    sheet = workbook.create_sheet(title[:31])
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append(["" if value is None else value for value in row])
        count += 1
    return count


def kpi_table(kpis: Iterable[dict[str, Any]]) -> list[list[Any]]:
    return [[k["label"], k["value"], k["target"], {True: _t("met"), False: _t("missed")}.get(k["on_target"], ""),
             k["numerator"], k["denominator"]] for k in kpis]


KPI_HEADER = [_("KPI"), _("Value"), _("Target"), _("Against target"), _("Numerator"), _("Denominator")]


def _write_dashboard(export: Export) -> tuple[bytes, int]:
    scope = report_scope_build(user=export.requested_by, params=export.params)
    figures = dashboard_figures(scope=scope)
    workbook = Workbook(write_only=True)
    rows = _write_table(workbook, _t("KPIs"), [str(h) for h in KPI_HEADER],
                        kpi_table(value.as_dict() for value in figures.kpis))
    rows += _write_table(workbook, _t("Trends"), [_t("Month"), _t("Orders"), _t("Complaints on time"),
                                                  _t("Repeat complaints"), _t("Satisfaction")],
                         ([t["month"], t["total"], t["complaint_on_time"], t["repeat_complaints"],
                           t["satisfaction"]] for t in figures.trends))
    for code, table in figures.breakdowns.items():
        rows += _write_table(workbook, code, [_t("Value"), _t("Orders"), _t("Complaints"),
                                              _t("Complaints on time (%)"), _t("Late")],
                             ([r["label"], r["total"], r["complaints"], r["on_time"], r.get("late")]
                              for r in table))
    return _save(workbook), rows


def review_workbook(review: MonthlyReview) -> Workbook:
    """A review as a workbook: one sheet per section, the supervisor's notes last."""
    f = review.figures
    workbook = Workbook(write_only=True)
    _write_table(workbook, _t("KPIs"), [str(h) for h in KPI_HEADER], kpi_table(f.get("kpis", [])))
    _write_table(workbook, _t("Complaints by type"), [_t("Category"), _t("Complaints"), _t("Share (%)")],
                 ([r["label"], r["total"], r["share"]] for r in f.get("complaint_share", [])))
    _write_table(workbook, _t("On time by department"),
                 [_t("Department"), _t("Orders"), _t("Complaints"), _t("Complaints on time (%)"), _t("Late")],
                 ([r["label"], r["total"], r["complaints"], r["on_time"], r["late"]]
                  for r in f.get("on_time_by_department", [])))
    _write_table(workbook, _t("Satisfaction"), [_t("Level"), _t("Ratings")],
                 ([r["label"], r["total"]] for r in f.get("satisfaction_levels", [])))
    _write_table(workbook, _t("Hot spots"), [_t("Asset or place"), _t("Orders"), _t("Complaints"), _t("Last")],
                 ([r["asset_key"], r["total"], r["complaints"], r["last"]] for r in f.get("hot_spots", [])))
    case_header = [_t("Number"), _t("Received"), _t("Room"), _t("Category"), _t("Status"), _t("What happened")]
    _write_table(workbook, _t("Repeat complaints"), case_header,
                 ([c["number"], c["received"], c["room"], c["category"], c["status"], c["description"]]
                  for c in f.get("repeat_complaints", [])))
    _write_table(workbook, _t("Review cases"), [*case_header, _t("Why")],
                 ([c["number"], c["received"], c["room"], c["category"], c["status"], c["description"],
                   ", ".join(c.get("reasons", []))] for c in f.get("review_cases", [])))
    _write_table(workbook, _t("Improvement actions"),
                 [_t("Action"), _t("Steps"), _t("Owner"), _t("Starts"), _t("Due"), _t("Status"),
                  _t("Complaints before"), _t("Complaints after"), _t("Worked?")],
                 ([a["title"], "; ".join(a["steps"]), a["owner"], a["starts_on"], a["due_on"], a["status"],
                   a["before"], a["after"], a["verdict"]] for a in f.get("actions", [])))
    _write_table(workbook, _t("Notes"), [_t("Supervisor's notes")], [[review.notes]])
    return workbook


def _write_review(export: Export) -> tuple[bytes, int]:
    review = MonthlyReview.objects.select_related("community").get(pk=int(export.params["review"]))
    return _save(review_workbook(review)), 1


_WRITERS: dict[str, Callable[[Export], tuple[bytes, int]]] = {
    ExportKind.ORDERS: _write_orders, ExportKind.DASHBOARD: _write_dashboard,
    ExportKind.MONTHLY_REVIEW: _write_review,
}
