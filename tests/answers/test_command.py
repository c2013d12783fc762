"""The command-line contract integrations rely on: ``guanjia answers import|search|export``."""

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from guanjia.answers.demo import DEMO_ANSWERS
from guanjia.answers.models import StandardAnswer
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def test_import_loads_the_library_into_the_only_company(community, capsys):
    call_command("answers", "import", str(DEMO_ANSWERS))
    assert StandardAnswer.objects.filter(company=community.company, status="live").count() == 120
    assert "120 created" in capsys.readouterr().out


def test_import_of_a_bad_file_fails_with_row_level_reasons(community, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "kb1", "question": "问", "answer": "答", "category": "nope", "tags": []}\n',
                   encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="not imported"):
        call_command("answers", "import", str(bad), stderr=err)
    assert "row 1, category" in err.getvalue()
    assert not StandardAnswer.objects.exists()


def test_an_unknown_company_is_a_clear_error(community):
    CompanyFactory(code="second", name="第二物业")
    with pytest.raises(CommandError, match="No company with code 'nobody'"):
        call_command("answers", "import", str(DEMO_ANSWERS), "--company", "nobody")


def test_search_answers_each_line_in_order_with_up_to_three_matches(library):
    questions = [{"id": "a", "text": "门卡丢了怎么补"}, {"id": 2, "text": "附近地铁站怎么走"},
                 {"id": "c", "text": "月租車位一個月幾多錢"}]
    out = io.StringIO()
    call_command("answers", "search", "--jsonl", stdin=io.StringIO(
        "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions)), stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["id"] for line in lines] == ["a", 2, "c"]
    assert lines[0]["answered"] is True and lines[0]["matches"][0]["code"] == "kb071"
    assert set(lines[0]["matches"][0]) == {"code", "score"}
    assert lines[1] == {"id": 2, "answered": False, "matches": []}
    assert lines[2]["matches"][0]["code"] == "kb012"
    scores = [m["score"] for m in lines[0]["matches"]]
    assert len(scores) <= 3 and scores == sorted(scores, reverse=True)


def test_export_writes_jsonl_with_the_import_fields(library, tmp_path):
    target = tmp_path / "out.jsonl"
    call_command("answers", "export", "-o", str(target))
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 120 and set(rows[0]) == {"id", "question", "answer", "category", "tags"}


def test_the_installed_guanjia_command_honours_database_url(tmp_path):
    """The real console script, pointed by DATABASE_URL at a database file of its own."""
    from django.db import connection

    guanjia = Path(sys.executable).with_name("guanjia")
    if not guanjia.exists():
        pytest.skip("the guanjia console script is not installed in this environment")
    if connection.vendor != "sqlite":
        pytest.skip("copies the migrated SQLite test schema; the command itself is tested above on every database")
    target = tmp_path / "cli.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)  # the migrated schema, without a slow `migrate` run
        copy.execute("DELETE FROM properties_company")
        copy.execute("INSERT INTO properties_company (name, code, created_at, updated_at) "
                     "VALUES ('示范物业', 'demo', '2026-11-23', '2026-11-23')")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{target}", "DJANGO_SETTINGS_MODULE": "guanjia.settings.test"}

    def run(*args: str, stdin: str = "") -> str:
        done = subprocess.run([str(guanjia), *args], input=stdin, capture_output=True, text=True, env=env,
                              timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "120 created" in run("answers", "import", str(DEMO_ANSWERS))
    assert not StandardAnswer.objects.exists()  # it wrote to the other database, not this one
    out = json.loads(run("answers", "search", "--jsonl", stdin='{"id": 1, "text": "我家那个卡刷不开了咋回事"}\n'))
    assert out["id"] == 1 and out["answered"] is True
    assert out["matches"][0]["code"] == "kb071"
