"""A covering index on the SLA clocks for the reports' clock flags (PostgreSQL only).

A company-wide report over a recent period counts the clocks created since the period began per
order, in one pass hash-joined to the orders (``kpis.Sources.hashed``); with the columns the flags
test included, that pass is an index-only range scan instead of a visit to every clock row. Built
concurrently, so the clock table stays writable while it is built. SQLite (the embedded demo)
reads its small clock table through the existing ``created_at`` index.
"""

from django.db import migrations

INDEX = "clock_created_flags_idx"
CREATE = (f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON sla_clock (created_at) "
          "INCLUDE (order_id, type, state, due_at, met_at, breached_at)")
DROP = f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}"


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ('reports', '0004_month_volume_summary'),
        ('sla', '0001_clocks_policies_calendar'),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP), elidable=False),
    ]
