"""Importing the register from the company's Excel (.xlsx) or .csv: all rows or none.

Every row is checked first and every problem reported (row number as Excel shows it, column,
reason in the reader's language). A file with any problem imports nothing; a clean file is
written in one transaction. A dry run performs the same writes and rolls them back, so its
counts are exactly what the real import will do.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guanjia.core.audit import audit_record
from guanjia.core.errors import ServiceError
from guanjia.core.models import AuditAction

from . import register_format as fmt
from .choices import Relation
from .identifiers import clean_id_number, clean_phone, id_number_valid
from .models import Community
from .register_writer import write_rows
from .roomcodes import normalize_part

_PHONE_SPLIT = re.compile(r"[/、,，;；\s]+")
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


@dataclass
class ImportIssue:
    row: int
    column: str
    reason: str
    value: str = ""


@dataclass
class RegisterRow:
    row: int
    zone: str
    building: str
    unit: str
    number: str
    floor: int | None
    area: Decimal | None
    state: str | None
    name: str
    relation: str
    phones: list[str]
    id_number: str
    moved_in: date | None

    @property
    def room_key(self) -> tuple[str, str, str]:
        return (self.building, self.unit, self.number)


@dataclass
class ImportReport:
    rows: int
    issues: list[ImportIssue]
    dry_run: bool
    imported: bool = False
    counts: dict[str, int] = field(default_factory=dict)


class _DryRunRollback(Exception):
    """Raised inside the transaction of a dry run to undo its writes."""


def read_table(*, content: bytes, filename: str) -> list[tuple[int, dict[str, Any]]]:
    """(Excel row number, {column: cell}) for every non-empty row under the heading row."""
    if filename.lower().endswith(".xlsx"):
        raw = _xlsx_rows(content)
    elif filename.lower().endswith(".csv"):
        raw = _csv_rows(content)
    else:
        raise ServiceError(_("Only .xlsx and .csv files can be imported."), code="import_format", field="file")
    if not raw:
        raise ServiceError(_("The file is empty."), code="import_empty", field="file")
    headings = [fmt.ALIASES.get(str(h or "").strip(), str(h or "").strip()) for h in raw[0]]
    missing = [c for c in fmt.REQUIRED_COLUMNS if c not in headings]
    if missing:
        raise ServiceError(_("The heading row lacks the columns: %(columns)s.") % {"columns": "、".join(missing)},
                           code="import_columns", field="file")
    if len(raw) - 1 > fmt.MAX_ROWS:
        raise ServiceError(_("The file has more than %(max)s rows.") % {"max": fmt.MAX_ROWS}, code="import_too_large",
                           field="file")
    table = []
    for index, values in enumerate(raw[1:], start=2):
        row = {h: v for h, v in zip(headings, values, strict=False) if h in fmt.COLUMNS}
        if any(_text(v) for v in row.values()):
            table.append((index, row))
    return table


def _xlsx_rows(content: bytes) -> list[tuple[Any, ...]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file; all mean the same here
        raise ServiceError(_("The file is not a readable .xlsx workbook."), code="import_unreadable",
                           field="file") from exc
    try:
        return [tuple(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _csv_rows(content: bytes) -> list[tuple[Any, ...]]:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel on Chinese Windows saves CSV as GBK
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [tuple(r) for r in csv.reader(io.StringIO(text))]
    raise ServiceError(_("The file's text encoding is not UTF-8 or GBK."), code="import_encoding", field="file")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


class _RowParser:
    """Turns one sheet row into a RegisterRow, collecting every problem instead of stopping."""

    def __init__(self, row: int, cells: dict[str, Any]) -> None:
        self.row, self.cells = row, cells
        self.issues: list[ImportIssue] = []

    def issue(self, column: str, code: str, **params: Any) -> None:
        self.issues.append(ImportIssue(self.row, column, fmt.reason_text(code, **params),
                                       _text(self.cells.get(column))))

    def part(self, column: str, *, required: bool) -> str:
        raw = _text(self.cells.get(column))
        value = normalize_part(raw) if raw else ""
        if required and not raw:
            self.issue(column, "required")
        elif raw and not value:
            self.issue(column, "number_invalid")
        return value

    def floor(self) -> int | None:
        raw = _text(self.cells.get(fmt.COL_FLOOR))
        if not raw:
            return None
        if not re.fullmatch(r"-?\d{1,3}", raw) or not -5 <= int(raw) <= 200:
            self.issue(fmt.COL_FLOOR, "floor_invalid")
            return None
        return int(raw)

    def area(self) -> Decimal | None:
        raw = _text(self.cells.get(fmt.COL_AREA)).replace("㎡", "").replace("m²", "").strip()
        if not raw:
            return None
        try:
            area = Decimal(raw).quantize(Decimal("0.01"))
        except InvalidOperation:
            area = Decimal(0)
        if not Decimal(0) < area < Decimal(10000):
            self.issue(fmt.COL_AREA, "area_invalid")
            return None
        return area

    def word(self, column: str, table: dict[str, list[str]], code: str) -> str | None:
        raw = _text(self.cells.get(column))
        value = fmt.value_for(table, raw) if raw else None
        if raw and value is None:
            self.issue(column, code)
        return value

    def phones(self) -> list[str]:
        raw = _text(self.cells.get(fmt.COL_PHONE))
        if "*" in raw:
            self.issue(fmt.COL_PHONE, "phone_masked")
            return []
        phones = []
        for piece in (p for p in _PHONE_SPLIT.split(raw) if p):
            digits = clean_phone(piece)
            if digits is None:
                self.issue(fmt.COL_PHONE, "phone_invalid", value=piece)
            elif digits not in phones:
                phones.append(digits)
        return phones

    def id_number(self) -> str:
        value = clean_id_number(_text(self.cells.get(fmt.COL_ID)))
        if "*" in value:
            self.issue(fmt.COL_ID, "id_masked")
        elif len(value) == 18 and value[:17].isdigit() and not id_number_valid(value):
            # Only mainland resident IDs have a checkable shape; passports and permits pass as written.
            self.issue(fmt.COL_ID, "id_invalid")
        return value

    def moved_in(self) -> date | None:
        value = self.cells.get(fmt.COL_MOVED_IN)
        if isinstance(value, datetime):
            value = value.date()
        if not isinstance(value, date):
            raw = _text(value)
            if not raw:
                return None
            value = next((d for d in (_parse_date(raw, f) for f in _DATE_FORMATS) if d), None)
            if value is None:
                self.issue(fmt.COL_MOVED_IN, "date_invalid")
                return None
        if value > timezone.localdate():
            self.issue(fmt.COL_MOVED_IN, "date_future")
        return value

    def parse(self) -> RegisterRow:
        row = RegisterRow(
            row=self.row, zone=_text(self.cells.get(fmt.COL_ZONE)),
            building=self.part(fmt.COL_BUILDING, required=True), unit=self.part(fmt.COL_UNIT, required=False) or "1",
            number=self.part(fmt.COL_ROOM, required=True), floor=self.floor(), area=self.area(),
            state=self.word(fmt.COL_STATE, fmt.STATE_WORDS, "state_invalid"),
            name=_text(self.cells.get(fmt.COL_NAME)),
            relation=self.word(fmt.COL_RELATION, fmt.RELATION_WORDS, "relation_invalid") or Relation.OWNER,
            phones=self.phones(), id_number=self.id_number(), moved_in=self.moved_in(),
        )
        if not row.name and (row.phones or row.id_number or _text(self.cells.get(fmt.COL_RELATION))):
            self.issue(fmt.COL_NAME, "name_missing")
        return row


def _parse_date(raw: str, pattern: str) -> date | None:
    try:
        return datetime.strptime(raw, pattern).date()  # noqa: DTZ007 - a calendar date, no time of day
    except ValueError:
        return None


def parse_rows(table: list[tuple[int, dict[str, Any]]]) -> tuple[list[RegisterRow], list[ImportIssue]]:
    rows: list[RegisterRow] = []
    issues: list[ImportIssue] = []
    for number, cells in table:
        parser = _RowParser(number, cells)
        rows.append(parser.parse())
        issues.extend(parser.issues)
    issues.extend(_cross_row_issues(rows))
    return rows, sorted(issues, key=lambda i: (i.row, fmt.COLUMNS.index(i.column)))


def _cross_row_issues(rows: list[RegisterRow]) -> list[ImportIssue]:
    """A room described two ways, or the same person listed twice for it."""
    issues = []
    first_of_room: dict[tuple[str, str, str], RegisterRow] = {}
    first_of_person: dict[tuple[Any, ...], int] = {}
    for row in rows:
        first = first_of_room.setdefault(row.room_key, row)
        for column, attr in ((fmt.COL_AREA, "area"), (fmt.COL_STATE, "state"), (fmt.COL_FLOOR, "floor")):
            mine, theirs = getattr(row, attr), getattr(first, attr)
            if mine is not None and theirs is not None and mine != theirs:
                issues.append(ImportIssue(row.row, column, fmt.reason_text("room_conflict", row=first.row,
                                                                           column=column), str(mine)))
        if row.name:
            key = (row.room_key, row.name, row.relation)
            if key in first_of_person:
                issues.append(ImportIssue(row.row, fmt.COL_NAME, fmt.reason_text("duplicate",
                                                                                 row=first_of_person[key]), row.name))
            first_of_person.setdefault(key, row.row)
    return issues


def register_import(*, actor: Any, community: Community, content: bytes, filename: str,
                    dry_run: bool = False) -> ImportReport:
    """Check the file, and unless it has problems or this is a dry run, write it all."""
    rows, issues = parse_rows(read_table(content=content, filename=filename))
    report = ImportReport(rows=len(rows), issues=issues, dry_run=dry_run)
    if issues:
        return report
    try:
        with transaction.atomic():
            report.counts = write_rows(community=community, rows=rows)
            if dry_run:
                raise _DryRunRollback
            audit_record(actor=actor, action=AuditAction.IMPORT, obj=community, community_id=community.pk,
                         detail={"file": filename, "rows": len(rows), **report.counts})
    except _DryRunRollback:
        return report
    report.imported = True
    return report

