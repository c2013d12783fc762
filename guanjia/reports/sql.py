"""Portable SQL pieces the KPIs need: elapsed seconds between two timestamps, percentiles, and a
grouped queryset joined to the rows it describes.

Everything here runs in the database. PostgreSQL has ``percentile_cont``; SQLite has no
ordered-set aggregates, so there the same interpolated value is read with two ``ORDER BY …
LIMIT … OFFSET`` queries — still aggregated in SQL, never by loading the orders.
"""

import copy
import json
import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Self, cast

from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Aggregate, BooleanField, Count, Expression, F, FloatField, Func, Q, QuerySet
from django.db.models.expressions import BaseExpression
from django.db.models.sql.compiler import SQLCompiler
from django.db.models.sql.constants import LOUTER
from django.db.models.sql.datastructures import Join


class EpochSeconds(Func):
    """``end - start`` in seconds, as a float."""

    output_field = FloatField()
    arity = 2

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, function: str | None = None,
               template: str | None = None, arg_joiner: str | None = None,
               **extra_context: Any) -> tuple[str, Any]:
        return super().as_sql(compiler, connection, function=function,
                              template=template or "CAST(EXTRACT(EPOCH FROM (%(expressions)s)) AS double precision)",
                              arg_joiner=arg_joiner or " - ", **extra_context)

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        # Django stores datetimes as UTC text; julianday() reads it with the fraction of a second.
        return super().as_sql(compiler, connection,
                              template="((julianday(%(expressions)s)) * 86400.0)",
                              arg_joiner=") - julianday(", **extra_context)


class PercentileCont(Aggregate):
    """PostgreSQL's continuous percentile (linear interpolation between neighbouring rows)."""

    function = "percentile_cont"
    name = "PercentileCont"
    output_field = FloatField()
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression: Any, *, fraction: float, **extra: Any) -> None:
        if not 0 <= fraction <= 1:
            raise ValueError(fraction)
        super().__init__(expression, fraction=repr(float(fraction)), **extra)


def percentile_value(queryset: QuerySet, expression: Expression | F, *, fraction: float,
                     filter: Q | None = None) -> float | None:
    """The ``fraction`` percentile of ``expression`` over ``queryset`` (same result on both databases)."""
    rows = queryset.filter(filter) if filter is not None else queryset
    if connection.vendor == "postgresql":
        return rows.aggregate(value=PercentileCont(expression, fraction=fraction))["value"]
    values = rows.annotate(_pv=expression).exclude(_pv__isnull=True)
    count = values.aggregate(n=Count("pk"))["n"]
    if not count:
        return None
    # percentile_cont's definition: position p·(n−1) between the ordered values, interpolated.
    position = fraction * (count - 1)
    low = math.floor(position)
    pair = list(values.order_by("_pv").values_list("_pv", flat=True)[low:low + 2])
    if len(pair) == 1 or position == low:
        return float(pair[0])
    return float(pair[0]) + (float(pair[1]) - float(pair[0])) * (position - low)


def estimated_rows(queryset: QuerySet) -> float:
    """PostgreSQL's own estimate of the rows ``queryset`` returns (planning only, no rows read).

    The planner decides from this same estimate whether a set fits in memory to be hashed, so
    it is the figure to check before asking for one; counting would read every row. Other
    databases answer 0: SQLite indexes an ``IN`` set whatever its size.
    """
    if connection.vendor != "postgresql":
        return 0
    sql, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return float(plan[0]["Plan"]["Plan Rows"])


class DerivedJoin:
    """``LEFT OUTER JOIN (<grouped queryset>) AS alias ON alias.<key> = <parent>.<pk>``.

    An entry of a query's ``alias_map``, with the interface Django documents on
    ``django.db.models.sql.datastructures.Join`` (``table_name``, ``table_alias``, ``join_type``,
    ``parent_alias``, ``as_sql()``, ``relabeled_clone()``): Django has no public way to join a
    derived table. The joined queryset must return at most one row per ``key``, so the parent's
    rows are neither repeated nor lost — and PostgreSQL drops the join from a query that reads
    none of its columns.
    """

    join_type = LOUTER
    nullable = True
    filtered_relation = None
    join_field = None

    def __init__(self, queryset: QuerySet, *, name: str, key: str, parent_alias: str, parent_column: str) -> None:
        self.queryset, self.key = queryset, key
        self.table_name = self.table_alias = name
        self.parent_alias, self.parent_column = parent_alias, parent_column

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        sql, params = self.queryset.query.get_compiler(connection=connection).as_sql()
        alias, qn = compiler.quote_name_unless_alias(self.table_alias), connection.ops.quote_name
        on = f"{alias}.{qn(self.key)} = {compiler.quote_name_unless_alias(self.parent_alias)}.{qn(self.parent_column)}"
        return f"LEFT OUTER JOIN ({sql}) {alias} ON ({on})", tuple(params)

    def relabeled_clone(self, change_map: dict[str, str]) -> "DerivedJoin":
        clone = copy.copy(self)
        clone.table_alias = change_map.get(self.table_alias, self.table_alias)
        clone.parent_alias = change_map.get(self.parent_alias, self.parent_alias)
        return clone


class JoinedCountAboveZero(Expression):
    """Whether the derived table's count ``column`` is above zero for this row (no row: false)."""

    output_field = BooleanField()

    def __init__(self, alias: str, column: str) -> None:
        super().__init__()
        self.alias, self.column = alias, column

    # The params are a list, as Django 5.2's own expressions return them (``Col``, ``Value``) and
    # callers may add lists to them; the stubs' tuple is Django 6's.
    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, Any]:
        column = f"{compiler.quote_name_unless_alias(self.alias)}.{connection.ops.quote_name(self.column)}"
        return f"COALESCE({column}, 0) > 0", []

    def relabeled_clone(self, change_map: Mapping[str, str]) -> Self:
        return self.__class__(change_map.get(self.alias, self.alias), self.column)

    def get_group_by_cols(self) -> list[BaseExpression]:
        return [self]


def counts_joined(rows: QuerySet, counted: QuerySet, *, key: str, conditions: dict[str, Q],
                  name: str) -> tuple[QuerySet, dict[str, BaseExpression]]:
    """``rows`` with ``counted`` grouped by ``key`` (the rows' primary key) joined once, and for each
    of ``conditions`` whether any of a row's ``counted`` matches it.

    One pass over ``counted`` answers every condition for every row, where a correlated
    ``EXISTS`` per condition probes an index once per row and condition, and an ``IN (set)``
    per condition reads ``counted`` once per reference in the query (PostgreSQL does not share
    identical subqueries).
    """
    # Counting ``key`` (never null) rather than the primary key lets an index holding ``key`` and
    # the conditions' columns answer without visiting the table.
    grouped = counted.order_by().values(key).annotate(
        **{column: Count(key, filter=condition) for column, condition in conditions.items()})
    rows = rows.all()
    # A ``Join`` by its interface only (see ``DerivedJoin``): Django has no type for a derived table.
    join = cast(Join, DerivedJoin(grouped, name=name, key=key, parent_alias=rows.query.get_initial_alias(),
                                  parent_column=rows.model._meta.pk.column))
    alias = rows.query.join(join)
    flags: dict[str, BaseExpression] = {column: JoinedCountAboveZero(alias, column) for column in conditions}
    return rows, flags


@contextmanager
def analytic_queries() -> Iterator[None]:
    """Run a report's reads in one transaction with PostgreSQL's JIT compiler off.

    A report's aggregates carry many FILTER clauses, which pushes their estimated cost over
    ``jit_above_cost``: compiling them then takes far longer (seconds) than running them (the
    benchmark at 1,000,000 orders spent 25 s in JIT for a 0.5 s query). ``SET LOCAL`` ends with
    the transaction, so nothing else on the connection is affected.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        yield
