"""The register's spreadsheet shape, shared by import and export, and the import report's reasons.

Property companies keep the register (台账) in Excel with Chinese column headings; the
headings and cell words here are data, not UI text, so they are Chinese literals. The reasons
of the import report are English source strings, translated like the rest of the UI: marked with
``gettext_noop`` (by that name: ``makemessages`` only extracts the standard keywords, and an
alias such as ``N_`` kept them out of the catalogues) and translated when a report is written,
in its reader's language.
"""

from typing import Any

from django.utils.translation import gettext, gettext_noop

from .choices import Relation, RoomState

COL_ZONE, COL_BUILDING, COL_UNIT, COL_ROOM = "片区", "楼栋", "单元", "房号"
COL_FLOOR, COL_AREA, COL_STATE = "楼层", "面积", "状态"
COL_NAME, COL_RELATION, COL_PHONE, COL_ID, COL_MOVED_IN = "姓名", "关系", "手机", "证件号", "入住日期"
COLUMNS = [COL_ZONE, COL_BUILDING, COL_UNIT, COL_ROOM, COL_FLOOR, COL_AREA, COL_STATE, COL_NAME, COL_RELATION,
           COL_PHONE, COL_ID, COL_MOVED_IN]
REQUIRED_COLUMNS = [COL_BUILDING, COL_ROOM]
# Headings other companies' sheets use for the same columns.
ALIASES = {
    "区域": COL_ZONE, "楼号": COL_BUILDING, "栋": COL_BUILDING, "楼栋号": COL_BUILDING, "单元号": COL_UNIT,
    "房间号": COL_ROOM, "房号/室": COL_ROOM, "室号": COL_ROOM, "建筑面积": COL_AREA, "面积(㎡)": COL_AREA,
    "面积（㎡）": COL_AREA, "面积(m²)": COL_AREA, "房屋状态": COL_STATE, "业主姓名": COL_NAME, "住户姓名": COL_NAME,
    "与房屋关系": COL_RELATION, "身份": COL_RELATION, "手机号": COL_PHONE, "电话": COL_PHONE, "联系电话": COL_PHONE,
    "手机号码": COL_PHONE, "身份证号": COL_ID, "身份证": COL_ID, "证件号码": COL_ID, "入住时间": COL_MOVED_IN,
}
# Cell words → values; the first word of each value is what the export writes.
STATE_WORDS: dict[str, list[str]] = {
    RoomState.OCCUPIED: ["已入住", "入住", "自住", "出租", "occupied"],
    RoomState.VACANT: ["空置", "空房", "未入住", "vacant"],
    RoomState.RENOVATING: ["装修中", "装修", "renovating"],
}
RELATION_WORDS: dict[str, list[str]] = {
    Relation.OWNER: ["业主", "产权人", "房东", "owner"],
    Relation.TENANT: ["租户", "租客", "承租人", "tenant"],
    Relation.FAMILY: ["家属", "家庭成员", "同住人", "family"],
    Relation.COMPANY_CONTACT: ["单位联系人", "公司联系人", "company_contact"],
}
MAX_ROWS = 50_000  # a register larger than any one community; beyond it the file is refused unread

# code: the English source string, translated when the report is written (``reason_text``).
REASONS: dict[str, str] = {
    "required": gettext_noop("This column must not be empty."),
    "number_invalid": gettext_noop("Only letters and digits are allowed here."),
    "floor_invalid": gettext_noop("The floor must be a whole number between -5 and 200."),
    "area_invalid": gettext_noop("The area must be a number of square metres above 0 and below 10000."),
    "state_invalid": gettext_noop("Unknown state; write 已入住, 空置 or 装修中."),
    "relation_invalid": gettext_noop("Unknown relation; write 业主, 租户, 家属 or 单位联系人."),
    "name_missing": gettext_noop("A phone, ID number or relation is given but no name."),
    "phone_invalid": gettext_noop("Not a valid phone number: %(value)s."),
    "phone_masked": gettext_noop("The phone number is masked (contains *); write the full number."),
    "id_masked": gettext_noop("The ID number is masked (contains *); write the full number or leave it empty."),
    "id_invalid": gettext_noop("The resident ID number is not valid (wrong length or check digit)."),
    "date_invalid": gettext_noop("Not a date; write it as 2024-03-18."),
    "date_future": gettext_noop("The move-in date is in the future."),
    "duplicate": gettext_noop("The same person and relation already appear in row %(row)s."),
    "room_conflict": gettext_noop("Row %(row)s gives this room a different %(column)s."),
}


def reason_text(code: str, **params: Any) -> str:
    """The reason for ``code`` in the active language."""
    text = gettext(REASONS[code])
    return text % params if params else text


def word_for(table: dict[str, list[str]], value: str) -> str:
    return table[value][0]


def value_for(table: dict[str, list[str]], word: str) -> str | None:
    word = word.strip().lower()
    return next((value for value, words in table.items() if word in (w.lower() for w in words)), None)
