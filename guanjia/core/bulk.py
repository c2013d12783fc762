"""Fast bulk writes for generated data (the demo history and the benchmark's million orders).

``bulk_create`` prepares every value of every model instance through the field machinery,
which costs ~100 µs a row: hours for the benchmark's ten million rows. This writer takes plain
dicts, converts each column once-per-type, fills the model's defaults, allocates primary keys
up front and writes with ``COPY`` on PostgreSQL or ``executemany`` on SQLite. It is for data
the application generates itself — never for user input, which goes through services.
"""

import json
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, models
from django.db.models.fields import NOT_PROVIDED


def _identity(value: Any) -> Any:
    return value


def _converter(field: models.Field) -> Callable[[Any], Any]:
    internal = field.get_internal_type()
    sqlite = connection.vendor == "sqlite"
    if internal == "JSONField":
        return lambda v: None if v is None else json.dumps(v, ensure_ascii=False)
    if not sqlite:
        return _identity
    if internal == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if internal == "UUIDField":
        return lambda v: None if v is None else v.hex
    if internal == "DurationField":
        return lambda v: None if v is None else (v.days * 86400 + v.seconds) * 1_000_000 + v.microseconds
    if internal == "DateField":
        return lambda v: None if v is None else v.isoformat()
    return _identity


def _default(field: models.Field) -> Callable[[], Any]:
    if field.default is not NOT_PROVIDED:
        if callable(field.default):
            return field.default
        value = field.default
        return lambda: value
    if field.null:
        return lambda: None
    if isinstance(field, models.CharField | models.TextField):
        return lambda: ""
    if isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
        from django.utils import timezone

        return timezone.now

    def missing() -> Any:
        raise ValueError(f"{field.model.__name__}.{field.name} has no default: the generator must set it")

    return missing


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


def bulk_insert(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Insert ``rows`` (dicts keyed by field attname, ``id`` included) and return how many were written."""
    fields = [f for f in model._meta.concrete_fields]
    columns = [f.column for f in fields]
    names = [f.attname for f in fields]
    converters = [_converter(f) for f in fields]
    defaults = {f.attname: _default(f) for f in fields if f.attname != "id"}

    plan = list(zip(names, converters, strict=True))

    def values(row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple((row[name] if name in row else defaults[name]()) if convert is _identity
                     else convert(row[name] if name in row else defaults[name]()) for name, convert in plan)

    table = model._meta.db_table
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            quoted = ", ".join(f'"{c}"' for c in columns)
            with cursor.cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(values(row))
                    written += 1
        else:
            quoted = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("%s" for _ in columns)
            batch = [values(row) for row in rows]
            cursor.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', batch)  # noqa: S608
            written = len(batch)
    return written
