"""The working-time calendar: desk hours, lunch breaks, holidays, make-up days, unknown years."""

from datetime import date, timedelta

from guanjia.sla.calendar import (
    WorkCalendar,
    add_working_days,
    add_working_hours,
    add_working_minutes,
    is_working_day,
    parse_desk_hours,
    working_time_between,
)
from tests.sla.factories import at

OFFICE = WorkCalendar()  # 08:30–12:00 and 13:30–17:30


def test_the_lunch_break_does_not_count():
    # A request taken at 11:50 with 15 desk minutes left is due at 13:35, after lunch.
    assert add_working_minutes(OFFICE, at("2026-11-23 11:50"), 15) == at("2026-11-23 13:35")
    assert working_time_between(OFFICE, at("2026-11-23 11:50"), at("2026-11-23 13:35")) == timedelta(minutes=15)


def test_an_evening_request_starts_counting_next_morning():
    assert add_working_minutes(OFFICE, at("2026-11-23 21:00"), 15) == at("2026-11-24 08:45")
    # Friday evening → Monday morning.
    assert add_working_minutes(OFFICE, at("2026-11-27 18:00"), 15) == at("2026-11-30 08:45")


def test_a_deadline_ending_exactly_at_closing_time_stays_that_day():
    assert add_working_minutes(OFFICE, at("2026-11-23 17:00"), 30) == at("2026-11-23 17:30")


def test_two_working_days_from_monday_morning_is_wednesday_morning():
    assert add_working_days(OFFICE, at("2026-11-23 10:00"), 2) == at("2026-11-25 10:00")
    assert add_working_hours(OFFICE, at("2026-11-23 10:00"), 2.5) == at("2026-11-23 14:00")


def test_national_day_2026_is_a_holiday_and_the_make_up_saturday_a_working_day():
    assert not is_working_day(date(2026, 10, 1))
    assert not is_working_day(date(2026, 10, 7))
    assert is_working_day(date(2026, 10, 10))  # Saturday, 调休
    assert is_working_day(date(2026, 9, 20))  # Sunday, 调休
    # Two working days from 30 September 16:00: 1.5 h that day, then 8 Oct (Thursday) and 9 Oct.
    assert add_working_days(OFFICE, at("2026-09-30 16:00"), 2) == at("2026-10-09 16:00")


def test_an_entered_day_overrides_the_package():
    # The company gives 30 September 2026 off as well.
    cal = WorkCalendar(overrides={date(2026, 9, 30): False})
    assert add_working_minutes(cal, at("2026-09-30 09:00"), 15) == at("2026-10-08 08:45")


def test_an_unknown_year_falls_back_to_weekends_without_error():
    assert is_working_day(date(2031, 1, 1))  # New Year's Day, but 2031 is not announced
    assert not is_working_day(date(2031, 1, 4))  # Saturday
    assert add_working_minutes(OFFICE, at("2031-01-03 17:20"), 15) == at("2031-01-06 08:35")


def test_entered_holidays_of_an_unannounced_year_are_used():
    cal = WorkCalendar(overrides={date(2027, 1, 1): False})
    assert add_working_minutes(cal, at("2026-12-31 17:20"), 15) == at("2027-01-04 08:35")


def test_bad_desk_hours_fall_back_to_the_office_day_and_several_windows_work():
    assert parse_desk_hours([["9:00", "oops"]]) == OFFICE.windows
    assert parse_desk_hours([["13:00", "18:00"], ["08:00", "12:00"]]) == ((480, 720), (780, 1080))
    assert parse_desk_hours([["00:00", "24:00"]]) == ((0, 1440),)
    evening = WorkCalendar(windows=parse_desk_hours([["08:00", "12:00"], ["13:00", "17:00"], ["18:00", "20:00"]]))
    assert add_working_minutes(evening, at("2026-11-23 16:50"), 20) == at("2026-11-23 18:10")
