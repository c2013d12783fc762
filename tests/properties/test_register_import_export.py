"""The register in and out of Excel: a bad file imports nothing and says why, row by row."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook, load_workbook

from guanjia.accounts.choices import Role
from guanjia.core.errors import ServiceError
from guanjia.core.models import AuditAction, AuditEntry
from guanjia.properties.exporting import register_export
from guanjia.properties.importing import register_import
from guanjia.properties.models import Occupancy, Person, Room
from tests.factories import CommunityFactory, staff_with_role

HEADINGS = ["片区", "楼栋", "单元", "房号", "楼层", "面积", "状态", "姓名", "关系", "手机", "证件号", "入住日期"]
GOOD_ROWS = [
    ["东区", "3栋", "2", "1502", 15, 89.5, "已入住", "张伟明", "业主", "13812345678", "330106198001011235",
     date(2019, 5, 1)],
    ["东区", "3", "2", "1502室", None, None, None, "李建国", "家属", "139-0000-7777", "", "2019/05/01"],
    ["东区", "3", "2", "1501", 15, 96, "空置", "王芳", "业主", "13700001111", "", None],
    ["西区", "A", "1", "302", 3, 125, "装修中", "", "", "", "", None],
    ["西区", "A", "1", "301", 3, 110, "出租", "陈静", "租户", "13600002222 / 0571-88886666", "", "2024-03-18"],
]


@pytest.fixture
def compiled_catalogues(settings):
    """The reasons are read from the shipped catalogues: compiled as `make translations` does, and
    Django's translation caches emptied (re-assigning LOCALE_PATHS fires setting_changed)."""
    call_command("compile_translations", verbosity=0)
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)


def xlsx(rows, headings=HEADINGS):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_clean_register_imports_whole_and_a_second_import_changes_nothing(community):
    report = register_import(actor=None, community=community, content=xlsx(GOOD_ROWS), filename="台账.xlsx")

    assert report.issues == []
    assert report.imported
    assert report.counts == {"rooms_created": 4, "rooms_updated": 0, "people_created": 4, "occupancies_created": 4}
    room = Room.objects.get(community=community, code="3-2-1502")
    assert (room.floor, str(room.area), room.state, room.unit.building.zone.name) == (15, "89.50", "occupied", "东区")
    assert Room.objects.get(community=community, code="A-1-302").state == "renovating"
    chen = Person.objects.get(name="陈静")
    assert sorted(chen.phones.values_list("number", flat=True)) == ["057188886666", "13600002222"]
    assert Occupancy.objects.get(person__name="李建国").moved_in == date(2019, 5, 1)
    assert Occupancy.objects.get(person__name="张伟明").is_primary_contact
    assert AuditEntry.objects.get(action=AuditAction.IMPORT).detail["rows"] == 5

    again = register_import(actor=None, community=community, content=xlsx(GOOD_ROWS), filename="台账.xlsx")
    assert again.counts == {"rooms_created": 0, "rooms_updated": 0, "people_created": 0, "occupancies_created": 0}
    assert Person.objects.count() == 4


def test_a_file_with_bad_rows_imports_nothing_and_names_every_problem_in_chinese(community, compiled_catalogues):
    bad = [*GOOD_ROWS,
           ["东区", "", "2", "1601", 16, 89, "已入住", "赵六", "业主", "13812349999", "", None],
           ["东区", "3", "2", "1602", "十六", -3, "出售", "钱七", "朋友", "138****5678", "330106198001011234",
            "2099-01-01"],
           ["东区", "3", "2", "1502", 15, 96, "已入住", "张伟明", "业主", "13812345678", "", None],
           ["东区", "3", "2", "1603", 16, 89, "已入住", "", "", "13812340000", "", "昨天"]]

    with translation.override("zh-hans"):
        report = register_import(actor=None, community=community, content=xlsx(bad), filename="台账.xlsx")

    assert not report.imported
    assert not Room.objects.exists() and not Person.objects.exists()
    problems = [(i.row, i.column) for i in report.issues]
    assert problems == [(7, "楼栋"), (8, "楼层"), (8, "面积"), (8, "状态"), (8, "关系"), (8, "手机"), (8, "证件号"),
                        (8, "入住日期"), (9, "面积"), (9, "姓名"), (10, "姓名"), (10, "入住日期")]
    reasons = {(i.row, i.column): i.reason for i in report.issues}
    assert reasons[(7, "楼栋")] == "此列不能为空。"
    assert reasons[(8, "手机")] == "电话号码是打码的（含 *），请填写完整号码。"
    assert reasons[(9, "面积")] == "第 2 行对同一房间填写了不同的面积。"
    assert reasons[(9, "姓名")] == "同一人员和关系已在第 2 行出现。"
    assert not AuditEntry.objects.exists()


def test_the_reasons_follow_the_readers_language(community, compiled_catalogues):
    rows = [["", "3", "2", "1502", None, None, "sold", "张伟明", "业主", "", "", None]]
    with translation.override("en"):
        [issue] = register_import(actor=None, community=community, content=xlsx(rows), filename="a.xlsx").issues
    assert issue.reason.startswith("Unknown state")
    with translation.override("zh-hant"):
        [issue] = register_import(actor=None, community=community, content=xlsx(rows), filename="a.xlsx").issues
    assert issue.reason == "無法識別的狀態，請填寫 已入住、空置 或 装修中。"  # the cell words as the sheet needs them


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(community):
    report = register_import(actor=None, community=community, content=xlsx(GOOD_ROWS), filename="台账.xlsx",
                             dry_run=True)

    assert report.counts["rooms_created"] == 4 and not report.imported
    assert not Room.objects.exists() and not AuditEntry.objects.exists()


def test_a_gbk_csv_from_chinese_excel_imports(community):
    lines = [",".join(["楼号", "房间号", "业主姓名", "联系电话"]), "5,101,孙丽,13500003333"]
    content = "\r\n".join(lines).encode("gb18030")

    report = register_import(actor=None, community=community, content=content, filename="register.csv")

    assert report.imported
    assert Room.objects.get().code == "5-1-101"


@pytest.mark.parametrize(("content", "filename", "code"), [
    (b"x", "register.pdf", "import_format"),
    (b"not a zip", "register.xlsx", "import_unreadable"),
    (xlsx([["张三"]], headings=["姓名"]), "register.xlsx", "import_columns"),
    (b"", "register.csv", "import_empty"),
])
def test_a_file_that_is_not_a_register_is_refused_whole(community, content, filename, code):
    with pytest.raises(ServiceError) as refused:
        register_import(actor=None, community=community, content=content, filename=filename)
    assert refused.value.code == code


def _read(export):
    sheet = load_workbook(io.BytesIO(export.content)).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_export_masks_for_the_finance_clerk_and_shows_the_supervisor_everything(community):
    register_import(actor=None, community=community, content=xlsx(GOOD_ROWS), filename="台账.xlsx")
    clerk = staff_with_role(community=community, role=Role.FINANCE)
    supervisor = staff_with_role(community=community, role=Role.CS_SUPERVISOR)

    masked = _read(register_export(actor=clerk, community=community))
    full = _read(register_export(actor=supervisor, community=community))

    assert masked[0] == HEADINGS
    zhang_masked = next(r for r in masked if r[7] == "张伟明")
    zhang_full = next(r for r in full if r[7] == "张伟明")
    assert (zhang_masked[9], zhang_masked[10]) == ("138****5678", "330***********1235")
    assert (zhang_full[9], zhang_full[10]) == ("13812345678", "330106198001011235")
    assert len(full) == 1 + 5  # one row per occupant, and the empty room 302 on its own row
    exports = AuditEntry.objects.filter(action=AuditAction.EXPORT).order_by("id")
    assert [e.detail["phones_unmasked"] for e in exports] == [False, True]


def test_an_export_round_trips_into_another_community_and_a_masked_one_is_refused(community):
    register_import(actor=None, community=community, content=xlsx(GOOD_ROWS), filename="台账.xlsx")
    supervisor = staff_with_role(community=community, role=Role.CS_SUPERVISOR)
    twin = CommunityFactory(company=community.company, code="TW")

    full = register_export(actor=supervisor, community=community)
    report = register_import(actor=None, community=twin, content=full.content, filename="x.xlsx")
    assert report.imported, report.issues
    assert sorted(Room.objects.filter(community=twin).values_list("code", "state")) == sorted(
        Room.objects.filter(community=community).values_list("code", "state"))

    masked = register_export(actor=None, community=community, file_format="csv")
    refused = register_import(actor=None, community=CommunityFactory(company=community.company), content=masked.content,
                              filename="x.csv")
    assert not refused.imported
    assert {i.column for i in refused.issues} == {"手机", "证件号"}


def test_an_agent_of_another_community_cannot_export_it(community, other_community):
    stranger = staff_with_role(community=other_community)
    with pytest.raises(ServiceError) as refused:
        register_export(actor=stranger, community=community)
    assert refused.value.status == 404


def test_the_register_command_imports_checks_and_exports(community, tmp_path: Path):
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(xlsx(GOOD_ROWS))
    bad.write_bytes(xlsx([["", "", "", "1502", None, None, None, "", "", "", "", None]]))
    out = io.StringIO()

    call_command("register", "import", str(good), "--community", "ch", "--dry-run", stdout=out, skip_checks=True)
    assert not Room.objects.exists()
    assert "dry run" in out.getvalue()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("register", "import", str(bad), "--community", "CH", stdout=out, skip_checks=True)
    assert "第 2 行 · 楼栋" in out.getvalue()
    call_command("register", "import", str(good), "--community", "CH", stdout=out, skip_checks=True)
    assert Room.objects.count() == 4

    target = tmp_path / "out.csv"
    call_command("register", "export", "--community", "CH", "-o", str(target), stdout=out, skip_checks=True)
    text = target.read_bytes().decode("utf-8-sig")
    assert "138****5678" in text and "13812345678" not in text
