"""The register's spreadsheet shape, shared by import and export, and the import report's reasons.

Property companies keep the register (台账) in Excel with Chinese column headings; the
headings and cell words here are data, not UI text, so they are Chinese literals. The reasons
of the import report are English source strings for translation; until the catalogues carry
them, ``reason_text`` falls back to the Chinese kept beside each one, so a property company's
clerk always reads their report in Chinese.
"""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

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
STATE_WORDS = {
    RoomState.OCCUPIED: ["已入住", "入住", "自住", "出租", "occupied"],
    RoomState.VACANT: ["空置", "空房", "未入住", "vacant"],
    RoomState.RENOVATING: ["装修中", "装修", "renovating"],
}
RELATION_WORDS = {
    Relation.OWNER: ["业主", "产权人", "房东", "owner"],
    Relation.TENANT: ["租户", "租客", "承租人", "tenant"],
    Relation.FAMILY: ["家属", "家庭成员", "同住人", "family"],
    Relation.COMPANY_CONTACT: ["单位联系人", "公司联系人", "company_contact"],
}
MAX_ROWS = 50_000  # a register larger than any one community; beyond it the file is refused unread

# code: (English source string, Simplified Chinese used until the catalogue translates it)
REASONS: dict[str, tuple[str, str]] = {
    "required": (N_("This column must not be empty."), "此列不能为空。"),
    "number_invalid": (N_("Only letters and digits are allowed here."), "只能填写字母和数字。"),
    "floor_invalid": (N_("The floor must be a whole number between -5 and 200."), "楼层必须是 -5 到 200 之间的整数。"),
    "area_invalid": (N_("The area must be a number of square metres above 0 and below 10000."),
                     "面积必须是大于 0、小于 10000 的平方米数。"),
    "state_invalid": (N_("Unknown state; write 已入住, 空置 or 装修中."), "无法识别的状态，请填写 已入住、空置 或 装修中。"),
    "relation_invalid": (N_("Unknown relation; write 业主, 租户, 家属 or 单位联系人."),
                         "无法识别的关系，请填写 业主、租户、家属 或 单位联系人。"),
    "name_missing": (N_("A phone, ID number or relation is given but no name."), "填写了手机、证件号或关系，但没有姓名。"),
    "phone_invalid": (N_("Not a valid phone number: %(value)s."), "不是有效的电话号码：%(value)s。"),
    "phone_masked": (N_("The phone number is masked (contains *); write the full number."),
                     "电话号码是打码的（含 *），请填写完整号码。"),
    "id_masked": (N_("The ID number is masked (contains *); write the full number or leave it empty."),
                  "证件号是打码的（含 *），请填写完整号码或留空。"),
    "id_invalid": (N_("The resident ID number is not valid (wrong length or check digit)."),
                   "身份证号无效（位数或校验位错误）。"),
    "date_invalid": (N_("Not a date; write it as 2024-03-18."), "不是有效日期，请写成 2024-03-18 的格式。"),
    "date_future": (N_("The move-in date is in the future."), "入住日期晚于今天。"),
    "duplicate": (N_("The same person and relation already appear in row %(row)s."),
                  "同一人员和关系已在第 %(row)s 行出现。"),
    "room_conflict": (N_("Row %(row)s gives this room a different %(column)s."), "第 %(row)s 行对同一房间填写了不同的%(column)s。"),
}


def reason_text(code: str, **params: Any) -> str:
    """The reason for ``code`` in the active language (Chinese when not yet translated)."""
    source, chinese = REASONS[code]
    text = gettext(source)
    language = (translation.get_language() or "zh-hans").lower()
    if text == source and language.startswith("zh"):
        text = chinese
        if language in ("zh-hant", "zh-tw", "zh-hk"):
            text = _traditional(text)
    return text % params if params else text


def _traditional(text: str) -> str:
    from opencc import OpenCC  # imported late: only Traditional-Chinese readers need the tables

    return OpenCC("s2t").convert(text)


def word_for(table: dict[str, list[str]], value: str) -> str:
    return table[value][0]


def value_for(table: dict[str, list[str]], word: str) -> str | None:
    word = word.strip().lower()
    return next((value for value, words in table.items() if word in (w.lower() for w in words)), None)
