"""PostgreSQL only: a GIN index of character bigrams for keyword search in the staff queues.

Chinese has no spaces and the words people search for are mostly two characters (漏水, 电梯,
噪音): pg_trgm cannot use its index for a two-character pattern, so the index holds every
pair of adjacent characters of the contact name and description instead. A search for
"电梯困人" asks the index for rows holding 电梯, 梯困 and 困人, then checks the real substring.
SQLite (the embedded demo) keeps the plain scan; the migration does nothing there.
"""

from django.db import migrations

# Kept in step with the keyword search in guanjia.tickets.selectors (_keyword, _in_bigram_index),
# which calls this function; 0007 replaced its body (migrations never import app code).
CREATE = [
    """
    CREATE OR REPLACE FUNCTION guanjia_bigrams(text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT substr(lower($1), i, 2)), '{}'::text[])
        FROM generate_series(1, char_length($1) - 1) AS i
    $$
    """,
    """
    CREATE INDEX IF NOT EXISTS wo_keyword_bigrams_idx ON tickets_workorder
    USING gin (guanjia_bigrams(contact_name || ' ' || description))
    """,
]
DROP = ["DROP INDEX IF EXISTS wo_keyword_bigrams_idx", "DROP FUNCTION IF EXISTS guanjia_bigrams(text)"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    dependencies = [("tickets", "0005_community_newest_first_index")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP), elidable=False)]
