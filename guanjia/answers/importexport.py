"""Import and export of the library as JSON Lines or .xlsx (fields id, question, answer,
category, tags). Each entry's ``id`` is its code; an import updates by code. A bad file is
rejected whole, with every problem listed by row and field; a good one is one transaction."""

import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from guanjia.core.errors import ServiceError
from guanjia.core.taxonomy import Category
from guanjia.properties.models import Company

from . import search
from .choices import AnswerStatus, RevisionAction
from .models import AnswerRevision, StandardAnswer
from .services import _require_supervisor, snapshot

FIELDS = ("id", "question", "answer", "category", "tags")
CODE_RE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
_TAG_SPLIT = re.compile(r"[,，、;；]")
# Larger libraries exist only by mistake; this keeps a wrong file from filling memory.
MAX_ROWS = 20000


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "reason": self.reason}


class ImportRejected(ServiceError):
    default_code = "import_rejected"

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        message = _("The file was not imported: %(count)d problem(s), first in row %(row)d (%(field)s): "
                    "%(reason)s") % {"count": len(errors), "row": errors[0].row, "field": errors[0].field,
                                     "reason": errors[0].reason}
        super().__init__(message, fields={"rows": [f"{e.row}:{e.field}: {e.reason}" for e in errors]})


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int


def read_rows(*, name: str, content: BinaryIO) -> list[tuple[int, dict[str, Any]]]:
    suffix = Path(name).suffix.lower()
    if suffix == ".jsonl":
        return _read_jsonl(content.read())
    if suffix == ".xlsx":
        return _read_xlsx(content)
    raise ServiceError(_("Use a .jsonl or .xlsx file."), code="unsupported_file")


def _read_jsonl(data: bytes) -> list[tuple[int, dict[str, Any]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected([RowError(1, "-", _("The file is not UTF-8 text."))]) from exc
    rows, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError:
            errors.append(RowError(number, "-", _("Not valid JSON.")))
            continue
        if not isinstance(value, dict):
            errors.append(RowError(number, "-", _("Each line must be a JSON object.")))
            continue
        rows.append((number, value))
    if errors:
        raise ImportRejected(errors)
    return rows


def _read_xlsx(content: BinaryIO) -> list[tuple[int, dict[str, Any]]]:
    try:
        book = load_workbook(io.BytesIO(content.read()), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ImportRejected([RowError(1, "-", _("Not a readable .xlsx file."))]) from exc
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = [str(cell or "").strip().lower() for cell in next(lines, ())]
    missing = [name for name in FIELDS if name not in header]
    if missing:
        raise ImportRejected([RowError(1, name, _("Column missing from the header row.")) for name in missing])
    rows = []
    for number, values in enumerate(lines, start=2):
        if values is None or all(cell in (None, "") for cell in values):
            continue
        record = {name: values[header.index(name)] if header.index(name) < len(values) else None
                  for name in FIELDS}
        rows.append((number, record))
    book.close()
    return rows


def _validate(number: int, record: dict[str, Any], seen: set[str]) -> tuple[dict[str, Any], list[RowError]]:
    errors = []

    def text(name: str, limit: int) -> str:
        value = record.get(name)
        value = "" if value is None else str(value).strip()
        if not value:
            errors.append(RowError(number, name, _("Required.")))
        elif len(value) > limit:
            errors.append(RowError(number, name, _("Longer than %(limit)d characters.") % {"limit": limit}))
        return value

    code, question, answer = text("id", 32), text("question", 300), text("answer", 5000)
    if code and not CODE_RE.match(code):
        errors.append(RowError(number, "id", _("Use letters, digits, dot, dash or underscore only.")))
    elif code in seen:
        errors.append(RowError(number, "id", _("This id appears twice in the file.")))
    seen.add(code)
    if answer and not re.fullmatch(r"[^{}]*(\{[^{}]+\}[^{}]*)*", answer):
        errors.append(RowError(number, "answer", _("A placeholder is not closed or is nested: write {名称}.")))
    category = str(record.get("category") or "").strip()
    if category not in Category.values:
        errors.append(RowError(number, "category", _("Unknown category “%(value)s”; use one of %(codes)s.")
                               % {"value": category, "codes": ", ".join(Category.values)}))
    tags = record.get("tags")
    if tags is None or tags == "":
        tags = []
    elif isinstance(tags, str):
        tags = [t.strip() for t in _TAG_SPLIT.split(tags) if t.strip()]
    elif not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        errors.append(RowError(number, "tags", _("Tags must be a list of words.")))
        tags = []
    return {"code": code, "question": question, "answer": answer, "category": category, "tags": tags}, errors


def validate_rows(rows: list[tuple[int, dict[str, Any]]]) -> list[dict[str, Any]]:
    if not rows:
        raise ImportRejected([RowError(1, "-", _("The file holds no answers."))])
    if len(rows) > MAX_ROWS:
        raise ImportRejected([RowError(rows[MAX_ROWS][0], "-", _("Too many rows."))])
    clean, errors, seen = [], [], set[str]()
    for number, record in rows:
        entry, row_errors = _validate(number, record, seen)
        clean.append(entry)
        errors.extend(row_errors)
    if errors:
        raise ImportRejected(errors)
    return clean


@transaction.atomic
def answers_import(*, actor: Any, company: Company, name: str, content: BinaryIO) -> ImportSummary:
    """Load a library file: new codes are created, known codes updated; all go live."""
    _require_supervisor(actor, company)
    entries = validate_rows(read_rows(name=name, content=content))
    existing = {a.code: a for a in StandardAnswer.objects.filter(company=company,
                                                                 code__in=[e["code"] for e in entries])}
    now = timezone.now()
    approver = actor if getattr(actor, "pk", None) else None
    created = updated = unchanged = 0
    for entry in entries:
        answer = existing.get(entry["code"])
        before = snapshot(answer) if answer else {}
        if answer is None:
            answer = StandardAnswer(company=company, code=entry["code"], created_by=approver)
            created += 1
        elif all(before[k] == entry[k] for k in ("question", "answer", "category", "tags")) \
                and answer.status == AnswerStatus.LIVE:
            unchanged += 1
            continue
        else:
            updated += 1
        for key in ("question", "answer", "category", "tags"):
            setattr(answer, key, entry[key])
        # An import is the supervisor's (or the installation's) approval of the whole file.
        answer.status, answer.approved_by = AnswerStatus.LIVE, approver
        answer.approved_at = answer.last_reviewed_at = now
        answer.save()
        AnswerRevision.objects.create(answer=answer, actor=approver, action=RevisionAction.IMPORT,
                                      before=before, after=snapshot(answer), note=name[:200])
    transaction.on_commit(lambda: search.invalidate(company_id=company.pk))
    return ImportSummary(created=created, updated=updated, unchanged=unchanged)


def export_records(*, company: Company) -> list[dict[str, Any]]:
    answers = StandardAnswer.objects.filter(company=company).exclude(status=AnswerStatus.RETIRED)
    return [{"id": a.code, "question": a.question, "answer": a.answer, "category": a.category,
             "tags": list(a.tags)} for a in answers.order_by("code")]


def export_jsonl(records: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def export_xlsx(records: list[dict[str, Any]]) -> bytes:
    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook's only sheet (``active`` may be None by type)
    sheet.title = "answers"
    sheet.append(list(FIELDS))
    for r in records:
        sheet.append([r["id"], r["question"], r["answer"], r["category"], ", ".join(r["tags"])])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
