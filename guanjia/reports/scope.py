"""What a report covers: which communities (as the acting user may see them), zone, department, period.

Every report and export starts from a ``ReportScope`` built here, so scoping by the acting user
and the validation of the query string happen in one place.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guanjia.accounts.choices import SUPERVISING_ROLES, Role
from guanjia.accounts.scoping import community_ids_with_roles
from guanjia.core.errors import Forbidden, ServiceError
from guanjia.core.taxonomy import Department
from guanjia.properties.models import Community, Zone

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Who reads the figures: the managers, the quality officer (SAT-4) and the zone managers (ZN-2).
REPORT_ROLES = SUPERVISING_ROLES | {Role.QUALITY, Role.ZONE_MANAGER}
# A report spans at most two years: enough for a year-on-year view, bounded for the database.
MAX_PERIOD_DAYS = 731
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True)
class ReportScope:
    community_ids: tuple[int, ...]
    date_from: date  # first local day, inclusive
    date_to: date  # last local day, inclusive
    zone_id: int | None = None
    department: str = ""
    community_id: int | None = None  # the one community chosen, if any
    filters: dict[str, str] = field(default_factory=dict)  # the query parameters, for links

    @property
    def start(self) -> datetime:
        return datetime.combine(self.date_from, time.min, tzinfo=SHANGHAI)

    @property
    def end(self) -> datetime:
        """Exclusive: midnight after the last day."""
        return datetime.combine(self.date_to + timedelta(days=1), time.min, tzinfo=SHANGHAI)

    @property
    def month(self) -> date | None:
        """The month covered, when the period is exactly one calendar month."""
        last = month_end(self.date_from)
        return self.date_from if self.date_from.day == 1 and self.date_to == last else None


def month_end(first: date) -> date:
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def parse_month(value: str) -> date:
    match = _MONTH.match((value or "").strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or not 2000 <= int(match.group(1)) <= 2100:
        raise ServiceError(_("Give the month as YYYY-MM, e.g. 2026-10."), code="bad_month", field="month")
    return date(int(match.group(1)), int(match.group(2)), 1)


def _parse_day(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ServiceError(_("Give dates as YYYY-MM-DD."), code="bad_date", field=name) from None


def _period(*, month: str, date_from: str, date_to: str) -> tuple[date, date]:
    if date_from or date_to:
        start = _parse_day(date_from, "date_from") if date_from else None
        end = _parse_day(date_to, "date_to") if date_to else timezone.localdate()
        start = start or end.replace(day=1)
    else:
        start = parse_month(month) if month else timezone.localdate().replace(day=1)
        end = month_end(start)
    if end < start:
        raise ServiceError(_("The period ends before it starts."), code="bad_period", field="date_to")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise ServiceError(_("A report covers at most two years."), code="period_too_long", field="date_from")
    return start, end


def report_community_ids(*, user: Any) -> set[int]:
    return community_ids_with_roles(user=user, roles=REPORT_ROLES)


def _int(value: str, name: str) -> int | None:
    if not value:
        return None
    if not value.strip().isdigit():
        raise ServiceError(_("Unknown %(name)s.") % {"name": name}, code=f"bad_{name}", field=name)
    return int(value)


def report_scope_build(*, user: Any, params: dict[str, str]) -> ReportScope:
    """Validate the query string (``community``, ``zone``, ``department``, ``month`` or
    ``date_from``/``date_to``) against what ``user`` may see."""
    allowed = report_community_ids(user=user)
    if not allowed:
        raise Forbidden(_("Reports are for managers, supervisors and quality officers."), code="no_report_role")
    get = {key: str(params.get(key) or "").strip() for key in
           ("community", "zone", "department", "month", "date_from", "date_to")}
    community_id = _int(get["community"], "community")
    if community_id is not None and community_id not in allowed:
        raise Forbidden(_("You cannot see this community's reports."), code="community_forbidden")
    zone_id = _int(get["zone"], "zone")
    if zone_id is not None:
        zone_community = Zone.objects.filter(pk=zone_id).values_list("community_id", flat=True).first()
        if zone_community is None or zone_community not in allowed:
            raise ServiceError(_("Unknown zone."), code="bad_zone", field="zone")
        if community_id is not None and zone_community != community_id:
            raise ServiceError(_("This zone is in another community."), code="bad_zone", field="zone")
        community_id = zone_community
    if get["department"] and get["department"] not in Department.values:
        raise ServiceError(_("Unknown department."), code="bad_department", field="department")
    start, end = _period(month=get["month"], date_from=get["date_from"], date_to=get["date_to"])
    ids = (community_id,) if community_id is not None else tuple(sorted(allowed))
    filters = {key: value for key, value in get.items() if value and key not in ("month",)}
    filters.update(date_from=start.isoformat(), date_to=end.isoformat())
    if community_id is not None:
        filters["community"] = str(community_id)
    return ReportScope(community_ids=ids, date_from=start, date_to=end, zone_id=zone_id,
                       department=get["department"], community_id=community_id, filters=filters)


def scope_for_community_month(*, community: Community, month: date) -> ReportScope:
    """The monthly review's scope: built by the service that already checked the actor."""
    return ReportScope(community_ids=(community.pk,), date_from=month, date_to=month_end(month),
                       community_id=community.pk,
                       filters={"community": str(community.pk), "date_from": month.isoformat(),
                                "date_to": month_end(month).isoformat()})
