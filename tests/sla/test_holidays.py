"""Administrators enter next year's holidays; the system reminds them before the year starts."""

from datetime import date

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import translation

from guanjia.accounts.choices import Role
from guanjia.notifications.models import Notification
from guanjia.sla.holidays import holidays_remind
from guanjia.sla.models import CalendarDay
from guanjia.sla.selectors import calendar_warnings
from tests.factories import staff_with_role
from tests.sla.factories import at, clock, received

pytestmark = pytest.mark.django_db

HOLIDAYS_2027_CSV = """date,is_working_day,name
2027-01-01,no,元旦
2027-02-06,yes,春节调休
2027-02-07,否,春节
"""


@pytest.fixture
def admin_user(community):
    return staff_with_role(community=community, role=Role.COMPANY_ADMIN, username="admin_he")


def test_importing_a_csv_then_the_same_file_again(tmp_path, capsys):
    path = tmp_path / "2027.csv"
    path.write_text(HOLIDAYS_2027_CSV, encoding="utf-8")
    call_command("holidays", "import", str(path))
    assert "3 created" in capsys.readouterr().out
    assert dict(CalendarDay.objects.values_list("date", "is_working_day")) == {
        date(2027, 1, 1): False, date(2027, 2, 6): True, date(2027, 2, 7): False}
    call_command("holidays", "import", str(path))
    assert "0 created, 0 updated, 3 unchanged" in capsys.readouterr().out


def test_importing_jsonl_with_dry_run_saves_nothing(tmp_path, capsys):
    path = tmp_path / "2027.jsonl"
    path.write_text('{"date": "2027-10-01", "is_working_day": false, "name": "国庆节"}\n\n'
                    '{"date": "2027-09-26", "is_working_day": true, "name": "国庆节调休"}\n', encoding="utf-8")
    call_command("holidays", "import", str(path), "--dry-run")
    assert "dry run: 2 created" in capsys.readouterr().out
    assert not CalendarDay.objects.exists()


@pytest.mark.parametrize(("name", "content", "code"), [
    ("bad.csv", "date,is_working_day\n2027-01-01,no\n2027-13-01,no\n", "calendar_bad_date"),
    ("bad.csv", "date,is_working_day\n2027-01-01,maybe\n", "calendar_bad_flag"),
    ("bad.csv", "date,name\n2027-01-01,元旦\n", "calendar_bad_flag"),
    ("bad.csv", "date,is_working_day\n2027-01-01,no\n2027-01-01,no\n", "calendar_duplicate_date"),
    ("bad.jsonl", '{"date": "2027-01-01"', "calendar_bad_json"),
    ("bad.xlsx", "x", "calendar_bad_format"),
])
def test_a_bad_file_is_refused_whole(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=rf"\[{code}\]"):
        call_command("holidays", "import", str(path))
    assert not CalendarDay.objects.exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="absent.csv"):
        call_command("holidays", "import", str(tmp_path / "absent.csv"))


def test_imported_holidays_move_deadlines_in_2027(community, tmp_path):
    path = tmp_path / "2027.csv"
    path.write_text(HOLIDAYS_2027_CSV, encoding="utf-8")
    call_command("holidays", "import", str(path))
    order = received(community=community, when=at("2026-12-31 17:25"))
    assert clock(order, "acknowledge").due_at == at("2027-01-04 08:40")  # New Year's Day skipped


def test_administrators_are_reminded_once_when_next_year_is_missing(admin_user):
    assert calendar_warnings(today=date(2026, 10, 15)) == []  # more than 60 days ahead
    [warning] = calendar_warnings(today=date(2026, 11, 23))
    assert warning.year == 2027 and warning.starts_in_days == 39
    assert holidays_remind(today=date(2026, 11, 23)) == 2027
    assert holidays_remind(today=date(2026, 11, 24)) is None  # told once
    assert Notification.objects.filter(recipient=admin_user, kind="sla_calendar").count() == 1


def test_the_holiday_reminder_is_worded_in_each_administrators_own_language(admin_user):
    admin_user.preferred_language = "en"
    admin_user.save(update_fields=["preferred_language"])
    with translation.override("zh-hans"):  # the sweep runs in the server's language
        holidays_remind(today=date(2026, 11, 23))
    reminder = Notification.objects.get(recipient=admin_user, kind="sla_calendar")
    assert reminder.body.startswith("The holidays and make-up working days of 2027 have not been entered")


def test_no_warning_once_the_year_is_entered_or_known():
    CalendarDay.objects.create(date=date(2027, 1, 1), is_working_day=False, name="元旦")
    assert calendar_warnings(today=date(2026, 12, 1)) == []
    assert calendar_warnings(today=date(2025, 12, 1)) == []  # 2026 ships with the package


def test_holidays_check_prints_coverage_and_reminds(admin_user, capsys):
    with time_machine.travel(at("2026-11-23 09:00"), tick=False):
        call_command("holidays", "check")
    out = capsys.readouterr().out
    assert "2026: official calendar package" in out
    assert "2027: NOT COVERED: weekends only" in out
    assert "administrators reminded" in out
    assert Notification.objects.filter(recipient=admin_user, kind="sla_calendar").count() == 1
