"""Room codes as callers say them: every spelling lands on the register's ``3-2-1502``."""

import pytest

from guanjia.properties.roomcodes import RoomCode, normalize_part, normalize_room_code, parse_room_code

SPELLINGS_OF_3_2_1502 = [
    "3-2-1502",
    "3栋2单元1502",
    "3栋2单元1502室",
    "3栋2单元1502房",
    "3#2-1502",
    "3#2单元1502",
    "3号楼2单元1502",
    "3号楼2单元1502室",
    "3幢2单元1502",
    "3幢2单元1502室",
    "3 2 1502",
    "  3 - 2 - 1502  ",
    "3/2/1502",
    "3.2.1502",
    "3_2_1502",
    "３－２－１５０２",
    "３栋２单元１５０２室",
    "3棟2單元1502",
    "3號樓2單元1502室",
    "3楼2单元1502",
    "3栋-2单元-1502",
    "3栋 2单元 1502",
    "03-02-1502",
    "三栋二单元1502",
    "3号楼2门1502",
    "翠湖花园3栋2单元1502室",
    "3—2—1502",
]


@pytest.mark.parametrize("typed", SPELLINGS_OF_3_2_1502)
def test_the_desk_finds_3_2_1502_however_the_caller_says_it(typed):
    assert normalize_room_code(typed) == "3-2-1502"


@pytest.mark.parametrize(("typed", "expected"), [
    ("A座2单元1502", "A-2-1502"),
    ("a座2单元1502", "A-2-1502"),
    ("Ａ座２单元１５０２", "A-2-1502"),
    ("b-1-302", "B-1-302"),
    ("12栋1单元0302", "12-1-302"),
    ("十二栋一单元302", "12-1-302"),
    ("二十一号楼3单元101", "21-3-101"),
    ("5#1-101室", "5-1-101"),
    ("3-2-1502a", "3-2-1502A"),
])
def test_letters_full_width_and_chinese_numerals(typed, expected):
    assert normalize_room_code(typed) == expected


@pytest.mark.parametrize("typed", ["3栋1502", "3-1502", "3#1502", "3号楼1502室", "3幢1502", "3 1502"])
def test_a_single_unit_building_needs_no_unit(typed):
    assert parse_room_code(typed) == RoomCode(building="3", unit=None, number="1502")
    # Without the register's word that the building has one unit, the code is incomplete…
    assert normalize_room_code(typed) is None
    # …and with it, the only unit fills in.
    assert normalize_room_code(typed, single_unit="1") == "3-1-1502"


def test_a_unit_without_a_building_stays_a_unit():
    assert parse_room_code("2单元1502") == RoomCode(building=None, unit="2", number="1502")


def test_a_bare_room_number_is_a_room_number():
    assert parse_room_code("1502室") == RoomCode(building=None, unit=None, number="1502")


@pytest.mark.parametrize("typed", ["", None, "张女士", "138-1234-5678", "1-2-3-4", "漏水", "3栋2单元"])
def test_what_is_not_a_room_code_is_refused(typed):
    assert normalize_room_code(typed) is None


@pytest.mark.parametrize(("value", "expected"), [("０３", "3"), (" a ", "A"), ("1502室", "1502"), ("3栋", "3"),
                                                 ("2单元", "2"), ("0", "0")])
def test_register_parts_are_stored_normalised(value, expected):
    assert normalize_part(value) == expected
