"""Fast bulk writes for generated data (the demo history and the benchmark's million orders).

``bulk_create`` prepares every value of every model instance through the field machinery,
which costs ~100 µs a row: hours for the benchmark's fourteen million rows. ``BulkTable``
takes plain tuples in a column order the caller names, fills every other column once with
its model default, and writes with ``COPY`` (text format, encoded here) on PostgreSQL or
``executemany`` on SQLite. It is for data the application generates itself — never for user
input, which goes through services.

Values are what the database stores, in the cheapest Python form:

- date-times as whole seconds since the Unix epoch (``int``); an aware ``datetime`` also works;
- durations as whole seconds (``int``);
- JSON as its text (``str``), encoded once by the caller for values that repeat;
- foreign keys as ids; ``None`` for NULL.

``indexes_deferred`` drops a table's secondary indexes, unique and foreign-key constraints
for a large load and builds them again after it, as ``pg_restore`` does: one sorted build
and one set-based check instead of millions of random index insertions and row-by-row
deferred trigger checks at COMMIT.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from django.db import connection, models
from django.db.models.fields import NOT_PROVIDED
from django.utils import timezone

COPY_CHUNK = 5000  # lines per write to the COPY stream: big enough to amortise the call, small in memory
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def epoch_seconds(value: dt.datetime) -> int:
    """An aware datetime as the whole seconds ``BulkTable`` takes for date-time columns."""
    return int(value.timestamp())


class _Clock:
    """Epoch seconds to the UTC text a database parses, through two lookup tables.

    Formatting a ``datetime`` costs ~2 µs; the benchmark writes thirty million of them. A day
    string per date seen and one string per second of the day make it two lookups.
    """

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix
        self.days: dict[int, str] = {}
        self.seconds: list[str] = []

    def ready(self) -> "_Clock":
        if not self.seconds:  # built on first use, not at import: the web app never needs it
            self.seconds = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}{self.suffix}" for s in range(86400)]
        return self

    def text(self, value: Any) -> str:
        if value.__class__ is not int:
            return self.aware(value)
        day, second = divmod(value, 86400)
        found = self.days.get(day)
        if found is None:
            found = self.days[day] = (_EPOCH + dt.timedelta(days=day)).strftime("%Y-%m-%d ")
        return found + self.seconds[second]

    def aware(self, value: dt.datetime) -> str:
        return value.isoformat()


class _NaiveUtcClock(_Clock):
    def aware(self, value: dt.datetime) -> str:
        adapted = connection.ops.adapt_datetimefield_value(value)
        assert adapted is not None  # None only ever stands for a None value
        return adapted


_PG_CLOCK = _Clock("+00")
_SQLITE_CLOCK = _NaiveUtcClock("")  # Django keeps SQLite date-times as naive UTC text


def column_of(field: models.Field) -> str:
    """A stored field's column: the type allows None, which only fields without one have (many-to-many)."""
    if field.column is None:
        raise ValueError(f"{field} has no column")
    return field.column


def _copy_text(value: str) -> str:
    return value.translate(_COPY_ESCAPES)


def _pg_duration(value: Any) -> str:
    # PostgreSQL reads a bare number as seconds.
    return str(value) if value.__class__ is int else str(value.total_seconds())


def _pg_encoder(field: models.Field) -> Callable[[Any], str]:
    """A non-string, non-NULL value to COPY text. ``str`` covers ids, numbers, UUIDs and
    booleans (PostgreSQL reads ``True``); strings pass as they are and are checked per chunk."""
    internal = field.get_internal_type()
    if internal == "DateTimeField":
        return _PG_CLOCK.ready().text
    if internal == "DurationField":
        return _pg_duration
    return str


def _sqlite_encoder(field: models.Field) -> Callable[[Any], Any] | None:
    """One value to what Django's SQLite backend stores; ``None`` when it goes in as it is."""
    internal = field.get_internal_type()
    if internal == "DateTimeField":
        return _SQLITE_CLOCK.ready().text
    if internal == "DurationField":
        return lambda v: v * 1_000_000 if v.__class__ is int else (
            (v.days * 86400 + v.seconds) * 1_000_000 + v.microseconds)
    if internal == "UUIDField":
        # Django keeps a UUID on SQLite as 32 hex digits: a dashed string would never match a lookup.
        return lambda v: v.replace("-", "") if v.__class__ is str else v.hex
    if internal == "DateField":
        return lambda v: v.isoformat()
    return None


def _constant(field: models.Field, now: int) -> Any:
    """The value a column not given takes in every row, or an error if each row needs its own."""
    if isinstance(field, models.DateTimeField) and (
            field.auto_now or field.auto_now_add or field.default is timezone.now):
        return now  # created_at / updated_at: the time of the load, as bulk_create would set them
    if field.default is not NOT_PROVIDED:
        value = field.default() if callable(field.default) else field.default
        if callable(field.default) and not isinstance(value, dict | list):
            # uuid4, a random token, timezone.now: a single value repeated would be wrong.
            raise ValueError(f"{field.model.__name__}.{field.name} needs a value per row")
        if isinstance(value, dt.timedelta):
            return int(value.total_seconds())
        if field.get_internal_type() == "JSONField":
            import json

            return json.dumps(value)
        return value
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField):
        return ""
    raise ValueError(f"{field.model.__name__}.{field.name} has no default: the generator must set it")


class BulkTable:
    """Rows of ``model`` given as tuples in ``columns`` order (attnames: ``order_id``, not ``order``).

    Leave ``id`` out to let the database number the rows; include it when children were
    pointed at ids from ``allocate_ids``.
    """

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no column {sorted(unknown)}")
        rest = [f for name, f in fields.items() if name not in columns and not f.primary_key]
        self.table = model._meta.db_table
        self.given = [fields[name] for name in columns]
        self.rest = rest
        now = epoch_seconds(timezone.now())
        self.constants = tuple(_constant(f, now) for f in rest)
        names = [column_of(f) for f in (*self.given, *rest)]
        self.column_list = ", ".join(connection.ops.quote_name(n) for n in names)

    def write(self, rows: Iterable[Sequence[Any]]) -> int:
        """Insert ``rows``; returns how many were written."""
        if connection.vendor == "postgresql":
            return self._copy(rows)
        return self._executemany(rows)

    def _copy(self, rows: Iterable[Sequence[Any]]) -> int:
        written = 0
        with connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY {connection.ops.quote_name(self.table)} ({self.column_list}) FROM STDIN") as copy:
            for count, text in self.copy_text(rows):
                copy.write(text)
                written += count
        return written

    def copy_text(self, rows: Iterable[Sequence[Any]]) -> Iterator[tuple[int, str]]:
        """``rows`` as PostgreSQL COPY text, a chunk at a time: (rows in it, text)."""
        encoders = [_pg_encoder(f) for f in self.given]
        rest = [_pg_encoder(f) for f in self.rest]
        tail = "".join("\t" + ("\\N" if v is None else _copy_text(v if isinstance(v, str) else encode(v)))
                       for v, encode in zip(self.constants, rest, strict=True)) + "\n"
        tabs = len(self.given) - 1 + len(self.rest)
        tail_nulls = self.constants.count(None)
        for chunk in _chunks(rows, COPY_CHUNK):
            text = "".join(["\t".join([v if v.__class__ is str else "\\N" if v is None else encoders[i](v)
                                       for i, v in enumerate(row)]) + tail for row in chunk])
            # A few scans of the chunk instead of one escape call per value. Generated text rarely holds a
            # tab, a line break or a backslash: when the only backslashes are the NULL markers and the
            # separators add up, nothing needs escaping; otherwise escape this chunk value by value.
            nulls = sum(row.count(None) for row in chunk) + tail_nulls * len(chunk)
            if (text.count("\t") != tabs * len(chunk) or text.count("\n") != len(chunk) or "\r" in text
                    or text.count("\\") != nulls or text.count("\\N") != nulls):
                text = "".join(["\t".join([_copy_text(v) if v.__class__ is str else "\\N" if v is None
                                           else encoders[i](v) for i, v in enumerate(row)]) + tail for row in chunk])
            yield len(chunk), text

    def _executemany(self, rows: Iterable[Sequence[Any]]) -> int:
        convert = [(i, e) for i, e in enumerate(map(_sqlite_encoder, self.given)) if e is not None]
        constants = tuple(e(v) if (e := _sqlite_encoder(f)) and v is not None else v
                          for v, f in zip(self.constants, self.rest, strict=True))
        marks = ", ".join(["%s"] * (len(self.given) + len(self.rest)))
        sql = f"INSERT INTO {connection.ops.quote_name(self.table)} ({self.column_list}) VALUES ({marks})"  # noqa: S608 - names from the model

        def values(row: Sequence[Any]) -> tuple[Any, ...]:
            if not convert:
                return (*row, *constants)
            out = list(row)
            for i, encode in convert:
                if out[i] is not None:
                    out[i] = encode(out[i])
            return (*out, *constants)

        written = 0
        with connection.cursor() as cursor:
            for chunk in _chunks(rows, COPY_CHUNK):
                cursor.executemany(sql, [values(row) for row in chunk])
                written += len(chunk)
        return written


def _chunks(rows: Iterable[Sequence[Any]], size: int) -> Iterator[list[Sequence[Any]]]:
    chunk: list[Sequence[Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """Primary keys for ``count`` new rows, reserved so children can point at them before the INSERT."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "  # noqa: S608 - table name from the model
                           "FROM generate_series(1, %s)", [count])
            return [row[0] for row in cursor.fetchall()]
        # SQLite: one writer at a time (the generator runs in one transaction).
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


@contextmanager
def indexes_deferred(models_: Sequence[type[models.Model]]) -> Iterator[None]:
    """On PostgreSQL, drop the secondary indexes, unique and foreign-key constraints of these
    tables for the duration of a big load, and build them again afterwards.

    Only for a load that dwarfs what the tables hold, with nobody else using them: the indexes
    are missing meanwhile. Primary keys and CHECK constraints stay. Inside a transaction a
    failed load rolls the drops back with everything else; outside one, the indexes are
    rebuilt before the error propagates. Elsewhere (SQLite, no tables) a no-op.
    """
    if connection.vendor != "postgresql" or not models_:
        yield
        return
    tables = [m._meta.db_table for m in models_]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
            "FROM pg_constraint c WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('u', 'f') "
            "ORDER BY c.contype DESC, c.conname", [tables])
        constraints = cursor.fetchall()  # unique first (a foreign key may need one), then foreign keys
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
            "ORDER BY 1", [tables])
        indexes = cursor.fetchall()
        if connection.in_atomic_block:
            # ALTER TABLE refuses a table with deferred checks pending from earlier in the transaction:
            # run them now. Django's foreign keys are deferred again once the indexes are back.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, name, _definition in reversed(constraints):
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    try:
        yield
    except BaseException:
        if not connection.in_atomic_block:
            _rebuild(indexes, constraints)
        raise
    _rebuild(indexes, constraints)


REBUILD_CONNECTIONS = 2  # a GIN index builds on one core only: a second connection keeps the other busy


def _rebuild(indexes: list[tuple[str, str]], constraints: list[tuple[str, str, str]]) -> None:
    if connection.in_atomic_block:  # other connections could not see the tables: one at a time
        for _name, definition in indexes:
            _run_maintenance(definition)
    else:
        # Biggest first (GIN before B-tree), so the long one starts while the short ones share the other core.
        ordered = sorted((definition for _name, definition in indexes), key=lambda d: " USING gin " not in d)
        with ThreadPoolExecutor(REBUILD_CONNECTIONS) as pool:
            list(pool.map(_run_maintenance_in_thread, ordered))
    # Constraints one at a time: each locks two tables, and concurrent ones would only wait on each other.
    for table, name, definition in constraints:
        _run_maintenance(f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}")
    if connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _run_maintenance(statement: str) -> None:
    with connection.cursor() as cursor:
        # Sorting in memory instead of on disk: the biggest index here is a few hundred MB of keys.
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute(statement)
        cursor.execute("RESET maintenance_work_mem")


def _run_maintenance_in_thread(statement: str) -> None:
    try:
        _run_maintenance(statement)
    finally:
        connection.close()  # this thread's own connection (Django's are per thread)


def statistics_refresh(models_: Sequence[type[models.Model]]) -> None:
    """Fresh planner statistics for these tables after a bulk load, so the queues, searches and
    reports are planned against the new rows at once rather than when autovacuum gets there.

    On PostgreSQL outside a transaction it is ``VACUUM (ANALYZE)``: that also sets the freshly
    copied rows' hint bits and the visibility map now, instead of the first readers (and an
    autovacuum storm) paying for it; the benchmark's first minutes ran 10-70x slower without it.
    """
    tables = [connection.ops.quote_name(m._meta.db_table) for m in models_]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            verb = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            cursor.execute(f"{verb} {', '.join(tables)}")
        elif connection.vendor == "sqlite":
            for table in tables:
                cursor.execute(f"ANALYZE {table}")
