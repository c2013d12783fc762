"""Entering the official calendar: importing holidays and make-up days, reminding administrators.

The ``chinese_calendar`` package stops at the years already announced; each December the State
Council publishes the next year, and an administrator imports it (``guanjia holidays import``).
"""

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guanjia.core.errors import ServiceError
from guanjia.notifications.services import notify

from . import recipients
from .models import CalendarDay, HolidayReminder
from .selectors import calendar_warnings

TRUE_WORDS = frozenset({"1", "true", "yes", "y", "work", "working", "workday", "班", "上班", "是"})
FALSE_WORDS = frozenset({"0", "false", "no", "n", "off", "holiday", "rest", "休", "放假", "否"})


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def _parse_flag(value: object, line: int) -> bool:
    word = str(value).strip().lower()
    if isinstance(value, bool):
        return value
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ServiceError(_("Line %(line)s: is_working_day must be yes or no, not “%(value)s”.")
                       % {"line": line, "value": value}, code="calendar_bad_flag")


def _parse_row(row: dict[str, Any], line: int) -> tuple[date, bool, str]:
    try:
        day = date.fromisoformat(str(row["date"]).strip())
    except (KeyError, ValueError):
        raise ServiceError(_("Line %(line)s: a date like 2027-10-01 is required.") % {"line": line},
                           code="calendar_bad_date") from None
    if "is_working_day" not in row:
        raise ServiceError(_("Line %(line)s: is_working_day is missing.") % {"line": line},
                           code="calendar_bad_flag")
    return day, _parse_flag(row["is_working_day"], line), str(row.get("name") or "").strip()[:64]


def parse_calendar_file(*, text: str, fmt: str) -> list[tuple[date, bool, str]]:
    """CSV with a header ``date,is_working_day,name`` or JSON Lines with the same keys."""
    if fmt == "jsonl":
        rows = []
        for line, raw in enumerate(text.splitlines(), start=1):
            if raw.strip():
                try:
                    rows.append((line, json.loads(raw)))
                except json.JSONDecodeError:
                    raise ServiceError(_("Line %(line)s is not valid JSON.") % {"line": line},
                                       code="calendar_bad_json") from None
    elif fmt == "csv":
        rows = list(enumerate(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))), start=2))
    else:
        raise ServiceError(_("Use a .csv or .jsonl file."), code="calendar_bad_format")
    parsed = [_parse_row(row if isinstance(row, dict) else {}, line) for line, row in rows]
    days = [day for day, _flag, _name in parsed]
    if len(days) != len(set(days)):
        raise ServiceError(_("The file lists the same date twice."), code="calendar_duplicate_date")
    return parsed


def calendar_import(*, days: list[tuple[date, bool, str]], dry_run: bool = False) -> ImportResult:
    """Create or update the entered days; all or nothing."""
    existing = {row.date: row for row in CalendarDay.objects.filter(date__in=[d for d, _f, _n in days])}
    created = updated = unchanged = 0
    with transaction.atomic():
        for day, working, name in days:
            row = existing.get(day)
            if row is None:
                created += 1
                if not dry_run:
                    CalendarDay.objects.create(date=day, is_working_day=working, name=name)
            elif (row.is_working_day, row.name) == (working, name):
                unchanged += 1
            else:
                updated += 1
                if not dry_run:
                    # updated_at by hand: ``update`` skips auto_now, and the clocks' cache of the
                    # calendar (``policies.ConfigSnapshot``) notices a change by it.
                    CalendarDay.objects.filter(pk=row.pk).update(is_working_day=working, name=name,
                                                                 updated_at=timezone.now())
    return ImportResult(created, updated, unchanged)


def holidays_remind(*, today: date | None = None) -> int | None:
    """Tell the company administrators, once per year, that next year's holidays are missing.

    Returns the year they were told about, or None when nothing was sent.
    """
    warnings = calendar_warnings(today=today)
    if not warnings:
        return None
    warning = warnings[0]
    with transaction.atomic():
        # The unique year makes this safe when two sweeps run at once: one creates, one does not.
        _reminder, created = HolidayReminder.objects.get_or_create(year=warning.year,
                                                                   defaults={"sent_at": timezone.now()})
        if not created:
            return None
        notify(recipients=recipients.company_admins(), title=gettext_lazy("Enter next year's holidays"),
               body=warning.message, link=reverse("admin:sla_calendarday_changelist"), kind="sla_calendar")
    return warning.year
