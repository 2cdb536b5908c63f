"""PostgreSQL: the search's GIN indexes with a short pending list (64 kB instead of 4 MB).

A GIN index puts new entries on a pending list that every search reads from start to end,
until a vacuum or a full list moves it into the index. With the default limit of 4 MB and
the spaces writing all day, each search read up to 4 MB of unsorted entries.
`benchmarks/search_gin.py` (20,000 documents, 1,500 writes per setting, one run): p95 79.0 ms
with the default list filling up, 56.5 ms once it was emptied, 46.9 ms with a list of 64 kB
(the smallest allowed) and 49.9 ms without a list (`fastupdate = off`); a write took 7.9 ms
(median) with 64 kB. The short list keeps what a search reads small, while the writer that
fills it moves it into the index in one sorted batch.
"""

from django.db import migrations

INDEXES = ("search_document_zoekvector", "search_document_titelvector")


def _korte_wachtlijst(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in INDEXES:
        schema_editor.execute(f"ALTER INDEX {index} SET (gin_pending_list_limit = 64)")
        # What is already on the list is moved into the index now, not at the next vacuum.
        schema_editor.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")


def _standaard(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in INDEXES:
        schema_editor.execute(f"ALTER INDEX {index} RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [("search", "0009_toegang_en_facetten_postgresql")]

    operations = [migrations.RunPython(_korte_wachtlijst, _standaard)]
