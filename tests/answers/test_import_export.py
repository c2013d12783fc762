"""Import and export of the library: a bad file is rejected whole, with row-level reasons."""

import io
import json

import pytest
from openpyxl import Workbook

from guanjia.answers.choices import AnswerStatus, RevisionAction
from guanjia.answers.importexport import (
    ImportRejected,
    answers_import,
    export_jsonl,
    export_records,
    export_xlsx,
)
from guanjia.answers.models import StandardAnswer
from guanjia.core.errors import Forbidden

pytestmark = pytest.mark.django_db


def _jsonl(*rows: dict) -> io.BytesIO:
    return io.BytesIO("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode())


GOOD = {"id": "kb201", "question": "小区游泳池几点开放?", "answer": "开放时间为{泳池开放时间}。",
        "category": "other", "tags": ["游泳池"]}


def test_a_bad_file_is_rejected_whole_with_every_problem_by_row_and_field(library, supervisor):
    before = StandardAnswer.objects.count()
    bad = _jsonl(
        GOOD,
        {**GOOD, "id": "kb202", "category": "swimming"},  # unknown category
        {**GOOD, "id": "kb201"},  # the same id twice
        {**GOOD, "id": "kb203", "answer": "开放时间为{泳池开放时间。"},  # placeholder not closed
        {**GOOD, "id": "kb204", "question": ""},
    )
    with pytest.raises(ImportRejected) as rejected:
        answers_import(actor=supervisor, company=library, name="new.jsonl", content=bad)
    problems = {(e.row, e.field) for e in rejected.value.errors}
    assert problems == {(2, "category"), (3, "id"), (4, "answer"), (5, "question")}
    assert StandardAnswer.objects.count() == before
    assert not StandardAnswer.objects.filter(code="kb201").exists()  # the good row was not kept either


def test_a_line_that_is_not_json_is_reported_by_line_number(library, supervisor):
    content = io.BytesIO((json.dumps(GOOD, ensure_ascii=False) + "\n{not json\n").encode())
    with pytest.raises(ImportRejected) as rejected:
        answers_import(actor=supervisor, company=library, name="x.jsonl", content=content)
    assert [(e.row, e.field) for e in rejected.value.errors] == [(2, "-")]


def test_import_updates_by_code_and_records_the_change(library, supervisor):
    changed = {"id": "kb001", "question": "物业费每平米多少钱?", "answer": "标准为{物业费单价}元/平方米·月。",
               "category": "fee", "tags": ["物业费"]}
    summary = answers_import(actor=supervisor, company=library, name="fix.jsonl", content=_jsonl(changed, GOOD))
    assert (summary.created, summary.updated) == (1, 1)
    fee = StandardAnswer.objects.get(company=library, code="kb001")
    assert fee.question == "物业费每平米多少钱?" and fee.status == AnswerStatus.LIVE
    revision = fee.revisions.latest("at")
    assert revision.action == RevisionAction.IMPORT and revision.before["question"] == "物业费的收费标准是多少?"


def test_only_a_supervisor_imports(library, agent):
    with pytest.raises(Forbidden):
        answers_import(actor=agent, company=library, name="x.jsonl", content=_jsonl(GOOD))


def test_xlsx_export_and_import_round_trip(library, supervisor):
    records = export_records(company=library)
    assert len(records) == 120 and records[16]["id"] == "kb017"
    StandardAnswer.objects.filter(code="kb017").update(question="改过的问题")
    summary = answers_import(actor=supervisor, company=library, name="lib.xlsx",
                             content=io.BytesIO(export_xlsx(records)))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 119)
    assert StandardAnswer.objects.get(code="kb017").question == "水费、电费是交给物业吗?"
    assert export_jsonl(records).decode().splitlines()[0].startswith('{"id": "kb001", "question": "物业费')


def test_an_xlsx_without_the_needed_columns_is_rejected(library, supervisor):
    book = Workbook()
    book.active.append(["id", "question"])
    book.active.append(["kb300", "问题"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    with pytest.raises(ImportRejected) as rejected:
        answers_import(actor=supervisor, company=library, name="x.xlsx", content=buffer)
    assert {e.field for e in rejected.value.errors} == {"answer", "category", "tags"}
