"""What the top bar shows a member of staff: who is logged in, the screens their roles let them
use, and the warnings that only the people who keep the configuration can act on.

A link to a screen the user would be refused is worse than no link: the desk clicks it in the
middle of a call and meets a 403. So every link here follows the same roles the screen checks.
"""

from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse

from guanjia.accounts.choices import SUPERVISING_ROLES, Role
from guanjia.reports.scope import REPORT_ROLES
from guanjia.sla.selectors import calendar_warnings
from guanjia.tickets.services.access import PLAN_APPROVING_ROLES

# Who reads the answer review: those who approve answers, and quality, who audits them.
ANSWER_REVIEW_ROLES = SUPERVISING_ROLES | {Role.QUALITY}
# Who watches the clock across the desk: the board is their screen; a technician's is "my jobs".
BOARD_ROLES = SUPERVISING_ROLES | {Role.QUALITY, Role.ZONE_MANAGER}
# Who keeps the holiday calendar and is told when next year's is missing.
CALENDAR_ROLES = SUPERVISING_ROLES
_CACHE_ATTR = "_console_nav"


@dataclass(frozen=True)
class StaffNav:
    name: str
    role_labels: list[str]
    board: bool
    plans: bool
    reports_url: str = ""
    review_url: str = ""
    warnings: list[Any] = field(default_factory=list)


def _url(name: str) -> str:
    # Other apps' screens may not be mounted in every deployment.
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def user_roles(*, user: Any) -> set[str]:
    """Every role the user holds anywhere, in one query (company-wide roles included)."""
    roles = set(user.roles.values_list("role", flat=True))
    if user.is_superuser:
        roles.add(Role.COMPANY_ADMIN)
    return roles


def staff_nav(*, user: Any) -> StaffNav:
    """The top bar for ``user``, computed once per request however often a template asks."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    roles = user_roles(user=user)
    labels = sorted({str(Role(r).label) for r in roles if r in Role.values})
    nav = StaffNav(
        name=str(user), role_labels=labels, board=bool(roles & BOARD_ROLES),
        plans=bool(roles & PLAN_APPROVING_ROLES),
        reports_url=_url("reports:dashboard") if roles & REPORT_ROLES else "",
        review_url=_url("answers:review") if roles & ANSWER_REVIEW_ROLES else "",
        warnings=calendar_warnings() if roles & CALENDAR_ROLES else [],
    )
    setattr(user, _CACHE_ATTR, nav)
    return nav
