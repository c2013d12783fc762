"""docs/kpis.md lists every KPI the code computes, with its code."""

from pathlib import Path

from guanjia.reports.kpis import KPIS

DOC = Path(__file__).resolve().parents[2] / "docs" / "kpis.md"


def test_every_kpi_is_written_down():
    text = DOC.read_text(encoding="utf-8")

    missing = [kpi.code for kpi in KPIS if f"`{kpi.code}`" not in text]

    assert missing == []
