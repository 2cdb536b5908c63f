"""The database's own full-text engine over the analysed tokens, in place of the postings.

SQLite: an external-content FTS5 table over `search_searchdocument`, kept in step by
triggers, so that every write (bulk loads and cascading deletes included) and every rollback
reach it in the same transaction. The tokens are analysed in Python already; the tokenizer
only splits on the spaces between them ('.' and ',' stay inside codes such as 2.2.2).

PostgreSQL: a generated `tsvector` column (title as weight A, text as weight D) with a GIN
index, built with the 'simple' configuration so that it neither stems nor drops words again.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        titel_tokens, tekst_tokens,
        content='search_searchdocument', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '.,'")""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, titel_tokens, tekst_tokens)
        VALUES (new.id, new.titel_tokens, new.tekst_tokens);
    END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, titel_tokens, tekst_tokens)
        VALUES ('delete', old.id, old.titel_tokens, old.tekst_tokens);
    END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, titel_tokens, tekst_tokens)
        VALUES ('delete', old.id, old.titel_tokens, old.tekst_tokens);
        INSERT INTO search_fts(rowid, titel_tokens, tekst_tokens)
        VALUES (new.id, new.titel_tokens, new.tekst_tokens);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRESQL = [
    """ALTER TABLE search_searchdocument ADD COLUMN zoekvector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, titel_tokens), 'A')
        || setweight(to_tsvector('simple'::regconfig, tekst_tokens), 'D')) STORED""",
    "CREATE INDEX search_document_zoekvector ON search_searchdocument USING gin (zoekvector)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS search_document_zoekvector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS zoekvector",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_meer_synoniemen")]

    operations = [
        migrations.DeleteModel(name="SearchPosting"),
        migrations.RunPython(_run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
                             _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})),
    ]
