"""The breakdowns of the dashboard and the review: volume by channel, kind, category, department,
zone, building and hour of day — each one GROUP BY query with the complaint on-time parts."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.expressions import Combinable
from django.db.models.functions import ExtractHour
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from guanjia.core.taxonomy import Category, Channel, Department, Kind

from .kpis import KPI_BY_CODE, KPIS, ORDERS, kpi_aggregates
from .scope import SHANGHAI


@dataclass(frozen=True)
class Dimension:
    code: str
    label: Promise
    key: Callable[[], Combinable]  # the value grouped by
    name: Callable[[], Combinable] | None = None  # a display name read in the same query
    choices: dict[str, Any] | None = None  # labels for coded values
    param: str = ""  # the query parameter that filters the orders list by this value
    # Whether the table shows complaints on time and late orders too. Only where a manager acts
    # on it (who handles, what, where): each costs the clock lookups of the period once more.
    timeliness: bool = False


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("category", _("Category"), lambda: F("category"), choices=dict(Category.choices),
              param="category", timeliness=True),
    Dimension("department", _("Department"), lambda: F("department"), choices=dict(Department.choices),
              param="department", timeliness=True),
    Dimension("zone", _("Zone"), lambda: F("room__unit__building__zone_id"),
              name=lambda: F("room__unit__building__zone__name"), param="zone", timeliness=True),
    Dimension("channel", _("Channel"), lambda: F("channel"), choices=dict(Channel.choices), param="channel"),
    Dimension("kind", _("Kind"), lambda: F("kind"), choices=dict(Kind.choices), param="kind"),
    Dimension("building", _("Building"), lambda: F("room__unit__building_id"),
              name=lambda: F("room__unit__building__number"), param="building"),
    Dimension("hour", _("Hour of day"), lambda: ExtractHour("created_at", tzinfo=SHANGHAI), param="hour"),
)
DIMENSION_BY_CODE = {dimension.code: dimension for dimension in DIMENSIONS}


def _label(dimension: Dimension, key: Any, name: Any) -> str:
    if key is None or key == "":
        return str(_("(none)"))
    if dimension.choices is not None:
        return str(dimension.choices.get(key, key))
    if dimension.code == "hour":
        return f"{int(key):02d}:00"
    if dimension.code == "building":
        return f"{name}栋"
    return str(name if name is not None else key)


def breakdown_rows(orders: QuerySet, dimension: Dimension) -> list[dict[str, Any]]:
    """Counted orders grouped by ``dimension`` (one GROUP BY): total, complaints, on-time parts, late."""
    on_time = KPI_BY_CODE["complaint_on_time"]
    values = {"key": dimension.key()}
    if dimension.name is not None:
        values["name"] = dimension.name()
    counts = {"total": Count("pk"), "complaints": Count("pk", filter=Q(kind=Kind.COMPLAINT))}
    if dimension.timeliness:
        counts.update(on_time_den=Count("pk", filter=on_time.population),
                      on_time_num=Count("pk", filter=on_time.hits),
                      late=Count("pk", filter=Q(handling_late=True)))
    return list(orders.values(**values).annotate(**counts))


# Volume breakdowns counted together, one GROUP BY over all the keys of a group: one scan of the
# orders per group, and few combinations to add up — channel, kind and hour of day read from the
# order alone (at most 7 × 5 × 24), buildings through the register on their own. (Buildings by
# hour were 17,000 combinations company-wide at 1,000,000 orders: more Python adding them up
# than the scan they saved.)
VOLUME_GROUPS = (("channel", "kind", "hour"), ("building",))


def volume_rows(orders: QuerySet, dimensions: tuple[Dimension, ...]) -> dict[str, list[dict[str, Any]]]:
    """Orders and complaints by several breakdowns at once (``breakdown_rows`` shape for each;
    ``breakdown_table`` adds up the rows sharing a key)."""
    values: dict[str, Any] = {}
    for dimension in dimensions:
        values[f"{dimension.code}_key"] = dimension.key()
        if dimension.name is not None:
            values[f"{dimension.code}_name"] = dimension.name()
    rows = orders.values(**values).annotate(total=Count("pk"), complaints=Count("pk", filter=Q(kind=Kind.COMPLAINT)))
    result: dict[str, list[dict[str, Any]]] = {dimension.code: [] for dimension in dimensions}
    for row in rows:
        for dimension in dimensions:
            named = {"name": row[f"{dimension.code}_name"]} if dimension.name is not None else {}
            result[dimension.code].append({"key": row[f"{dimension.code}_key"], **named,
                                           "total": row["total"], "complaints": row["complaints"]})
    return result


# The timeliness breakdowns share one grain: counting it once costs one pass of clock look-ups
# instead of one per breakdown; each table then adds up the few grouped rows by its own key.
TIMELINESS_GRAIN = {"category": "category", "department": "department", "zone": "zone_key"}
# Parts of a grain row that are not counts or sums (they do not add up).
_GRAIN_KEYS = ("category", "department", "zone_key", "zone_name")


def timeliness_grain_rows(orders: QuerySet, *, kpis: bool = False) -> list[dict[str, Any]]:
    """Counted orders grouped by category, department and zone at once (one GROUP BY).

    With ``kpis`` every order KPI's parts (``kpi_aggregates``) are counted in the same pass:
    their totals (``grain_totals``) are the KPI query's row, so a page that shows both the KPIs
    and the timeliness tables looks up each order's clocks once, not once per panel.
    """
    on_time = KPI_BY_CODE["complaint_on_time"]
    counts: dict[str, Any] = {
        "total": Count("pk"), "complaints": Count("pk", filter=Q(kind=Kind.COMPLAINT)),
        "late": Count("pk", filter=Q(handling_late=True))}
    if kpis:
        for kpi in KPIS:
            if kpi.source == ORDERS:
                counts.update(kpi_aggregates(kpi))
    else:
        counts.update(on_time_den=Count("pk", filter=on_time.population),
                      on_time_num=Count("pk", filter=on_time.hits))
    rows = list(orders.values("category", "department", zone_key=F("room__unit__building__zone_id"),
                              zone_name=F("room__unit__building__zone__name")).annotate(**counts))
    if kpis:
        for row in rows:
            row["on_time_den"], row["on_time_num"] = row[f"{on_time.code}__den"], row[f"{on_time.code}__num"]
    return rows


def grain_totals(grain: list[dict[str, Any]]) -> dict[str, Any]:
    """The grain rows added up: what the same aggregate over all their orders returns (a sum
    stays ``None`` when no row had one, as ``Sum`` over no rows)."""
    totals: dict[str, Any] = {}
    for row in grain:
        for name, value in row.items():
            if name in _GRAIN_KEYS:
                continue
            if value is None:
                totals.setdefault(name, None)
            else:
                totals[name] = value if totals.get(name) is None else totals[name] + value
    return totals


def grain_rows_for(dimension: Dimension, grain: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``grain`` rows keyed by ``dimension`` (``breakdown_table`` adds up rows sharing a key)."""
    column = TIMELINESS_GRAIN[dimension.code]
    parts = ("total", "complaints", "on_time_den", "on_time_num", "late")
    return [{"key": row[column], **({"name": row["zone_name"]} if dimension.name is not None else {}),
             **{part: row[part] for part in parts}} for row in grain]


def breakdown_table(dimension: Dimension, *parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of ``parts`` (live counts, summarised months) added up by key, labelled and sorted."""
    merged: dict[Any, dict[str, Any]] = {}
    for rows in parts:
        for row in rows:
            into = merged.get(row["key"])
            if into is None:
                merged[row["key"]] = dict(row)
                continue
            for name, value in row.items():
                if name not in ("key", "name"):
                    into[name] = (into.get(name) or 0) + (value or 0)
    if dimension.code == "hour":
        ordered = sorted(merged.values(), key=lambda row: row["key"])
    else:
        ordered = sorted(merged.values(), key=lambda row: (-row["total"], str(row["key"])))
    result = []
    for row in ordered:
        den = row.get("on_time_den")
        result.append({**row, "label": _label(dimension, row["key"], row.get("name")),
                       "param": dimension.param, "value": "" if row["key"] is None else str(row["key"]),
                       "on_time": round(100.0 * row["on_time_num"] / den, 1) if den else None})
    return result


def breakdown(orders: QuerySet, dimension: Dimension) -> list[dict[str, Any]]:
    """Counted orders grouped by ``dimension``, as the tables show them."""
    return breakdown_table(dimension, breakdown_rows(orders, dimension))


# A dashboard table shows this many rows (the busiest); a company's hundreds of zones and
# thousands of buildings are added up in one "other" row, and the export keeps every row.
SHOWN_ROWS = 30
_ADDED = ("total", "complaints", "on_time_den", "on_time_num", "late")


def breakdown_head(rows: list[dict[str, Any]], *, limit: int = SHOWN_ROWS) -> tuple[list[dict[str, Any]],
                                                                                 dict[str, Any] | None]:
    """The first ``limit`` rows of a table, and the rest added up (``None`` when nothing is left)."""
    if len(rows) <= limit:
        return rows, None
    rest = rows[limit:]
    other: dict[str, Any] = {"count": len(rest)}
    for name in _ADDED:
        if name in rest[0]:
            other[name] = sum(row.get(name) or 0 for row in rest)
    den = other.get("on_time_den")
    other["on_time"] = round(100.0 * other["on_time_num"] / den, 1) if den else None
    return rows[:limit], other
