"""On PostgreSQL only: what the site search needs in the database.

- ``unaccent`` and ``pg_trgm`` (both "trusted" extensions: the database owner may create them);
- ``f_unaccent()``, the immutable wrapper Wagtail's fuzzy search calls with ``Fuzzy(..., unaccent=True)``
  (the same definition as Wagtail's ``enable_unaccent`` command);
- the text search configuration ``french_unaccent``: French stemming that ignores accents, so that "integration"
  finds "intégration" (settings: ``WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"]``);
- trigram indexes on the search index's plain texts, for the fuzzy search (as ``enable_trigram`` creates them).

Every statement can run again without harm. On SQLite (and anything else) the migration does nothing.
"""

from django.db import migrations

STATEMENTS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
    $func$ SELECT public.unaccent('public.unaccent', $1) $func$
    """,
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION french_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END
    $$
    """,
    "CREATE INDEX IF NOT EXISTS sitesearch_title_text_unaccent_trgm "
    "ON wagtailsearch_indexentry USING gin (f_unaccent(title_text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS sitesearch_body_text_unaccent_trgm "
    "ON wagtailsearch_indexentry USING gin (f_unaccent(body_text) gin_trgm_ops)",
]

REVERSE_STATEMENTS = [
    "DROP INDEX IF EXISTS sitesearch_body_text_unaccent_trgm",
    "DROP INDEX IF EXISTS sitesearch_title_text_unaccent_trgm",
    # The configuration, the function and the extensions stay: the search index may still depend on them.
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(run(STATEMENTS), run(REVERSE_STATEMENTS))]
