"""PostgreSQL: each document row carries its principals and facet value numbers as arrays.

For a common word the permitted matches are most of the index; joining them to the
principal and facet tables read both tables whole for every search (a hash of 17,000
principals and 80,000 facet rows at 20,000 documents). With the arrays in the row, who may
see a match is decided on the row the match has read anyway, and the facet counts unnest
the matches' own numbers. The tables stay the source (Django, SQLite and the rebuild of the
Elasticsearch index read them); statement-level triggers keep the arrays in step with
every write to them, in the same transaction.
"""

from django.db import migrations

TABLES = {
    "principalen": ("search_searchprincipal", "text[]", "p.naam::text", "p.naam"),
    "facetten": ("search_searchfacet", "bigint[]", "p.facetwaarde_id", "p.facetwaarde_id"),
}


def _statements():
    forward, backward = [], []
    for column, (table, kind, value, order) in TABLES.items():
        function = f"search_document_{column}"
        refresh = (
            f"UPDATE search_searchdocument d SET {column} = ARRAY("
            f"SELECT {value} FROM {table} p WHERE p.document_id = d.id ORDER BY {order})"
        )
        forward += [
            f"ALTER TABLE search_searchdocument ADD COLUMN {column} {kind} NOT NULL DEFAULT '{{}}'",
            refresh,
            f"""CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                {refresh} WHERE d.id IN (SELECT document_id FROM gewijzigd);
                RETURN NULL;
            END $$""",
        ]
        for name, event, transition in (
            ("ai", "INSERT", "NEW"),
            ("ad", "DELETE", "OLD"),
            ("au_oud", "UPDATE", "OLD"),
            ("au_nieuw", "UPDATE", "NEW"),
        ):
            forward.append(
                f"CREATE TRIGGER {table}_{name} AFTER {event} ON {table} "
                f"REFERENCING {transition} TABLE AS gewijzigd "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )
            backward.append(f"DROP TRIGGER IF EXISTS {table}_{name} ON {table}")
        backward += [
            f"DROP FUNCTION IF EXISTS {function}()",
            f"ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS {column}",
        ]
    return forward, backward


FORWARD, BACKWARD = _statements()


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0008_titelvector_postgresql")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
