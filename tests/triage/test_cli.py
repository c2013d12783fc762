"""The ``guanjia triage`` contract that scripts and integrations rely on."""

import io
import json

import pytest
from django.core.management import CommandError, call_command


def _run(*args, stdin=None) -> str:
    out = io.StringIO()
    call_command("triage", *args, stdout=out, stdin=stdin)
    return out.getvalue()


def test_one_message_prints_one_json_object_with_every_field():
    result = json.loads(_run("电梯困人了,3栋2单元"))
    assert set(result) == {"kind", "category", "urgency", "department", "confidence", "questions", "evidence",
                           "rule_codes", "urgency_uncertain"}
    assert result["urgency"] == "urgent" and result["department"] == "engineering"
    assert set(result["confidence"]) == {"kind", "category", "urgency", "department"}


def test_the_output_keeps_chinese_readable():
    assert "电梯" in _run("电梯困人了,3栋2单元") or "\\u" not in _run("电梯困人了,3栋2单元")


def test_jsonl_answers_each_line_in_order_and_a_bad_line_does_not_stop_the_rest():
    lines = "\n".join([
        json.dumps({"id": "w1", "text": "电梯又坏了"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "w3"}),
        json.dumps({"id": 4, "text": "請問管理費幾時交?"}, ensure_ascii=False),
    ]) + "\n"
    rows = [json.loads(line) for line in _run("--jsonl", stdin=io.StringIO(lines)).splitlines()]
    assert [row.get("id") for row in rows] == ["w1", None, "w3", 4]
    assert set(rows[0]) >= {"id", "kind", "category", "urgency", "department", "confidence", "questions"}
    assert rows[1]["line"] == 2 and rows[1]["error"]["code"] == "invalid_json"
    assert rows[2]["error"]["code"] == "missing_text"
    assert rows[3]["kind"] == "inquiry" and rows[3]["category"] == "fee"


def test_evaluate_prints_accuracy_urgent_recall_and_confusion_matrices(tmp_path):
    labelled = tmp_path / "labelled.jsonl"
    rows = [
        {"text": "电梯困人了,5栋", "kind": "repair", "category": "facility", "urgency": "urgent",
         "department": "engineering"},
        {"text": "请问物业费多少钱一平米?", "kind": "inquiry", "category": "fee", "urgency": "normal",
         "department": "customer_service"},
    ]
    labelled.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\nbroken\n", "utf-8")
    out = _run("--evaluate", str(labelled))
    assert "accuracy kind: 100.0% (2/2)" in out
    assert "urgent recall: 100.0% (1/1)" in out
    assert "urgency (rows: gold, columns: predicted)" in out
    assert "skipped lines: 1" in out


def test_no_text_and_no_mode_is_a_clear_error():
    with pytest.raises(CommandError, match="exactly one"):
        _run()
