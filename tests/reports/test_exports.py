"""Exports to .xlsx: phones masked unless the role may see them (PRV-1), progress, audit, download."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from guanjia.core.models import AuditAction, AuditEntry
from guanjia.reports.choices import ExportKind, ExportStatus
from guanjia.reports.exports import BATCH_ROWS, export_run
from guanjia.reports.models import Export
from guanjia.reports.services import export_request, monthly_review_generate
from guanjia.tickets.models import WorkOrder

from .history import Kind, at, received

pytestmark = pytest.mark.django_db
OCTOBER = {"date_from": "2026-10-01", "date_to": "2026-10-31"}


def sheet_rows(export):
    export.refresh_from_db()
    with export.file.open("rb") as handle:
        workbook = load_workbook(BytesIO(handle.read()), read_only=True)
    return {name: [list(row) for row in workbook[name].iter_rows(values_only=True)] for name in workbook.sheetnames}


def two_calls(community):
    received(community, "2026-10-12 09:00", kind=Kind.COMPLAINT, contact_name="张女士", contact_phone="13812345678")
    received(community, "2026-10-13 09:00", contact_name="李先生", contact_phone="13900001111")


def test_supervisor_exports_the_queue_with_phones_and_it_is_audited(
        client, community, supervisor, november, django_capture_on_commit_callbacks):
    two_calls(community)
    client.force_login(supervisor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reports/exports/", {"kind": "orders", **OCTOBER})

    export = Export.objects.get()
    assert response.url == f"/reports/exports/{export.uuid}/"
    assert (export.status, export.progress, export.rows) == (ExportStatus.DONE, 100, 2)
    rows = sheet_rows(export)
    orders = next(iter(rows.values()))
    phone_column = orders[0].index("Phone") if "Phone" in orders[0] else orders[0].index("电话")
    assert sorted(row[phone_column] for row in orders[1:]) == ["13812345678", "13900001111"]
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, actor=supervisor,
                                     object_id=str(export.pk)).count() == 1
    download = client.get(f"/reports/exports/{export.uuid}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


def test_quality_officer_gets_masked_phones_and_only_complaints_when_filtered(
        community, quality, november, django_capture_on_commit_callbacks):
    two_calls(community)

    with django_capture_on_commit_callbacks(execute=True):
        export = export_request(user=quality, kind=ExportKind.ORDERS, params={**OCTOBER, "kind": Kind.COMPLAINT})

    orders = next(iter(sheet_rows(export).values()))
    assert len(orders) == 2  # header + 张女士's complaint
    assert "138****5678" in orders[1] and "13812345678" not in orders[1]


def test_someone_elses_export_is_not_found_and_a_bad_filter_is_refused(
        client, community, supervisor, quality, november, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = export_request(user=supervisor, kind=ExportKind.DASHBOARD, params=OCTOBER)
    client.force_login(quality)

    assert client.get(f"/reports/exports/{export.uuid}/").status_code == 404
    assert client.get(f"/reports/exports/{export.uuid}/download/").status_code == 404
    refused = client.post("/reports/exports/", {"kind": "orders", "category": "weather"})
    assert refused.status_code == 400 and Export.objects.count() == 1


def test_dashboard_and_review_exports_have_a_sheet_per_section(
        community, supervisor, november, django_capture_on_commit_callbacks):
    two_calls(community)
    review = monthly_review_generate(community=community, month=date(2026, 10, 1), actor=supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        dashboard = export_request(user=supervisor, kind=ExportKind.DASHBOARD, params=OCTOBER)
        archived = export_request(user=supervisor, kind=ExportKind.MONTHLY_REVIEW, params={"review": review.pk})

    assert len(sheet_rows(dashboard)) == 2 + 7  # KPIs, trends, seven breakdowns
    sheets = sheet_rows(archived)
    assert len(sheets) == 9
    kpi_sheet = next(iter(sheets.values()))
    assert len(kpi_sheet) == 1 + 12  # header + twelve KPIs


def test_a_large_export_reports_progress_in_batches_and_runs_once(community, supervisor, november):
    WorkOrder.objects.bulk_create([
        WorkOrder(community=community, number=f"B{n:05d}", channel="phone", description="批量",
                  kind=Kind.REPAIR, category="facility", created_at=at("2026-10-12 09:00"))
        for n in range(BATCH_ROWS + 5)])
    export = Export.objects.create(requested_by=supervisor, kind=ExportKind.ORDERS, params=OCTOBER)

    done = export_run(export_id=export.pk)

    assert (done.status, done.rows, done.progress) == (ExportStatus.DONE, BATCH_ROWS + 5, 100)
    assert export_run(export_id=export.pk) is None  # already claimed: a retried task does nothing
