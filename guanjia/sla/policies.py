"""Which deadline applies to which order: the shipped defaults and their resolution.

The table below is the one place the standards' numbers live (SLA-1 … SLA-4, SLA-7, REQ-4,
REQ-6); docs/sla.md prints it. A community overrides a clock type by entering its own
``SlaPolicy`` rows for that type.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models.signals import post_delete, post_save

from guanjia.core.taxonomy import Category, Kind, Urgency

from .choices import ClockType, DurationUnit


@dataclass(frozen=True)
class Rule:
    clock_type: str
    duration: int
    unit: str
    working_time: bool
    pauses: bool
    kind: str = ""
    urgency: str = ""
    category: str = ""
    active: bool = True

    def matches(self, *, kind: str, urgency: str, category: str) -> bool:
        return all(not want or want == have
                   for want, have in ((self.kind, kind), (self.urgency, urgency), (self.category, category)))

    @property
    def specificity(self) -> int:
        return sum(1 for value in (self.kind, self.urgency, self.category) if value)


@dataclass(frozen=True)
class Resolved:
    """A rule applied to one order: how long, and how the time is counted."""

    duration: timedelta  # desk time when working_time, wall time otherwise
    working_time: bool
    pauses: bool
    days: float = 0  # set for day-based working-time rules: converted with the community's desk day


C, K, U = ClockType, Kind, Urgency
M, H, D = DurationUnit.MINUTES, DurationUnit.HOURS, DurationUnit.DAYS
_UNIT_LENGTHS: dict[str, timedelta] = {M: timedelta(minutes=1), H: timedelta(hours=1), D: timedelta(days=1)}

DEFAULT_POLICIES: tuple[Rule, ...] = (
    # SLA-1: confirm with the resident within 15 minutes (desk time; urgent: around the clock).
    Rule(C.ACKNOWLEDGE, 15, M, working_time=True, pauses=True),
    # SLA-2: urgent, on site within 15 minutes; order problems (noise, blocked door) within 5.
    Rule(C.ON_SITE, 15, M, working_time=False, pauses=False, urgency=U.URGENT),
    Rule(C.ON_SITE, 5, M, working_time=False, pauses=False, urgency=U.URGENT, category=Category.ORDER),
    # SLA-1: a complaint gets a progress report within 2 hours.
    Rule(C.PROGRESS, 2, H, working_time=True, pauses=True, kind=K.COMPLAINT),
    # SLA-3 / SLA-4: handling plan — normal 2 working days, complex 5, facility complaint 24 h.
    Rule(C.PLAN, 2, D, working_time=True, pauses=True, kind=K.COMPLAINT, urgency=U.NORMAL),
    Rule(C.PLAN, 2, D, working_time=True, pauses=True, kind=K.REPAIR, urgency=U.NORMAL),
    Rule(C.PLAN, 24, H, working_time=False, pauses=True, kind=K.COMPLAINT, urgency=U.NORMAL,
         category=Category.FACILITY),
    Rule(C.PLAN, 5, D, working_time=True, pauses=True, urgency=U.COMPLEX),
    # SLA-1: a complaint's loop is closed within 48 hours.
    Rule(C.CLOSE, 48, H, working_time=False, pauses=True, kind=K.COMPLAINT),
    # SLA-7: callback within 48 hours of resolution, every kind.
    Rule(C.CALLBACK, 48, H, working_time=False, pauses=False),
    # REQ-4: the time promised at a hand-over is the deadline itself (duration from the event).
    Rule(C.PROMISE, 0, M, working_time=False, pauses=False),
    # REQ-6: the resident hears about progress at least every 24 hours while the order is open.
    Rule(C.DAILY_UPDATE, 24, H, working_time=False, pauses=True),
)

# Clocks that run from receipt; (re)classification starts, moves or cancels them.
RECEIPT_CLOCKS = (C.ACKNOWLEDGE, C.ON_SITE, C.PROGRESS, C.PLAN, C.CLOSE, C.DAILY_UPDATE)


def _rule_from_row(row: Any) -> Rule:
    return Rule(row.clock_type, row.duration, row.unit, row.working_time, row.pauses,
                row.kind, row.urgency, row.category, row.active)


def pick_rule(rules: Iterable[Rule], *, clock_type: str, kind: str, urgency: str, category: str) -> Rule | None:
    """The most specific matching rule of ``clock_type`` (None: the clock does not apply)."""
    candidates = [rule for rule in rules if rule.clock_type == clock_type
                  and rule.matches(kind=kind, urgency=urgency, category=category)]
    if not candidates:
        return None
    best = max(candidates, key=lambda rule: rule.specificity)
    return best if best.active else None


def rules_for_community(community_id: int) -> list[Rule]:
    """The community's own rules replace the defaults type by type."""
    from .models import SlaPolicy

    own = [_rule_from_row(row) for row in SlaPolicy.objects.filter(community_id=community_id)]
    overridden = {rule.clock_type for rule in own}
    return own + [rule for rule in DEFAULT_POLICIES if rule.clock_type not in overridden]


def resolve(rule: Rule, *, urgency: str) -> Resolved:
    # SLA-2: an urgent case cannot wait for office hours, whatever the rule says.
    working_time = rule.working_time and urgency != U.URGENT
    if rule.unit == D and working_time:
        return Resolved(timedelta(0), True, rule.pauses, days=rule.duration)
    amount = _UNIT_LENGTHS[rule.unit] * rule.duration
    return Resolved(amount, working_time, rule.pauses)


# Escalation and warning defaults; each can be set in Django settings under the same name.
SLA_WARN_FRACTION = 0.2  # warn when 20% of the clock's span is left …
SLA_WARN_CAP = timedelta(hours=1)  # … but never earlier than an hour before the deadline
# After the breach (level 1, area supervisor), each further step waits this fraction of the
# clock's duration: level 2 (project manager) comes another 50% of the duration later.
SLA_LADDER = (0.5,)


def sla_setting(name: str) -> Any:
    """Read at call time, not import time, so tests and deployments can change it."""
    return getattr(settings, f"GUANJIA_{name}", globals()[name])


def policy_table_markdown(rules: Iterable[Rule] = DEFAULT_POLICIES) -> str:
    """The shipped table as Markdown; docs/sla.md embeds it and a test keeps the two equal."""
    lines = ["| clock | kind | urgency | category | deadline | counted on | pauses while waiting |",
             "|---|---|---|---|---|---|---|"]
    for rule in rules:
        if rule.clock_type == ClockType.PROMISE:
            deadline = "the promised time"
        else:
            deadline = f"{rule.duration} {'working ' if rule.working_time and rule.unit == D else ''}{rule.unit}"
        counted = "desk hours, working days" if rule.working_time else "around the clock"
        lines.append(f"| {rule.clock_type} | {rule.kind or 'any'} | {rule.urgency or 'any'} | "
                     f"{rule.category or 'any'} | {deadline} | {counted} | {'yes' if rule.pauses else 'no'} |")
    return "\n".join(lines) + "\n"


# --- Per-process cache of the configuration every new order's clocks read ---------------------
#
# Each intake needs the community's rules and the company's entered calendar days. Both change a
# few times a year, in the admin; loading them for every order was two of an intake's queries. A
# process keeps them, and before each use asks the database one cheap question: the row count,
# latest change and highest id of both tables. Any save, delete or insert changes that answer
# (save() sets updated_at), so an edit made in another gunicorn worker or by a command is seen
# at the next order. Saves in this process also bump a local generation through signals, which
# covers writes rolled back and repeated at the same instant (tests with frozen time).


class _ConfigState:
    """What was loaded under one version; replaced whole, so a thread never mixes two versions."""

    def __init__(self, key: tuple[Any, ...]) -> None:
        self.key = key
        self.rules: dict[int, list[Rule]] = {}
        self.overrides: dict[Any, bool] | None = None


class _ConfigCache:
    def __init__(self) -> None:
        self.state = _ConfigState(())
        self.generation = 0

    def fresh(self) -> _ConfigState:
        """Check the configuration's version (one query); a new, empty state when it changed."""
        key = (self.generation, *_config_version())
        state = self.state
        if key != state.key:
            state = self.state = _ConfigState(key)
        return state


_cache = _ConfigCache()


def _config_version() -> tuple[Any, ...]:
    from django.db import connections, router

    from .models import CalendarDay, SlaPolicy

    connection = connections[router.db_for_read(SlaPolicy)]
    parts = []
    for model in (SlaPolicy, CalendarDay):
        table = connection.ops.quote_name(model._meta.db_table)
        parts.append(f"(SELECT COUNT(*) FROM {table}), (SELECT MAX(updated_at) FROM {table}), "  # noqa: S608 - model tables
                     f"(SELECT MAX(id) FROM {table})")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}")
        return tuple(cursor.fetchone() or ())


class ConfigSnapshot:
    """The rules and entered days as of one version check: what one event's clocks use."""

    def __init__(self) -> None:
        self._state = _cache.fresh()

    def rules(self, community_id: int) -> list[Rule]:
        rules = self._state.rules.get(community_id)
        if rules is None:
            rules = self._state.rules[community_id] = rules_for_community(community_id)
        return rules

    def overrides(self) -> dict[Any, bool]:
        if self._state.overrides is None:
            from .models import CalendarDay

            # A few dozen rows a year: loaded whole, as ``selectors.calendar_overrides`` does.
            self._state.overrides = dict(CalendarDay.objects.values_list("date", "is_working_day"))
        return self._state.overrides


def _bump_generation(**kwargs: Any) -> None:
    _cache.generation += 1


for _signal in (post_save, post_delete):
    for _model in ("sla.SlaPolicy", "sla.CalendarDay"):
        _signal.connect(_bump_generation, sender=_model, dispatch_uid=f"sla-config-cache-{_model}-{_signal}")
