from pathlib import Path

from guanjia.sla.policies import policy_table_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "sla.md"


def test_the_documented_policy_table_is_the_shipped_one():
    assert policy_table_markdown() in DOC.read_text(encoding="utf-8")
