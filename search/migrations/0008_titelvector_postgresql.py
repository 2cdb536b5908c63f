"""PostgreSQL: the title's own `tsvector` with a GIN index, to choose which matches to rank.

Ranking every match of a common word with `ts_rank_cd` reads (and decompresses) every
match's full vector from TOAST: 15,000 of 20,000 documents for "Wmo". The title vector is
small enough to stay in the row, and its index finds the matches with the word in the
title without reading any row; the backend ranks those (and a bounded number of others)
in full (search/backends/database.py). SQLite is left as it is: FTS5's bm25() reads no
wide rows.
"""

from django.db import migrations

POSTGRESQL = [
    """ALTER TABLE search_searchdocument ADD COLUMN titelvector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, titel_tokens), 'A')) STORED""",
    "CREATE INDEX search_document_titelvector ON search_searchdocument USING gin (titelvector)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS search_document_titelvector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS titelvector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0007_facetwaarden")]

    operations = [migrations.RunPython(_run(POSTGRESQL), _run(POSTGRESQL_DROP))]
