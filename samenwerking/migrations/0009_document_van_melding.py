from django.db import migrations, models


def mark_report_documents(apps, schema_editor):
    """The documents linked to a report today: its documents, its self-investigation, its letters."""
    Document = apps.get_model("samenwerking", "Document")
    Melding = apps.get_model("samenwerking", "Melding")
    Zelfonderzoek = apps.get_model("samenwerking", "Zelfonderzoek")
    MeldingBrief = apps.get_model("samenwerking", "MeldingBrief")
    pks = set(Melding.documenten.through.objects.values_list("document_id", flat=True))
    pks |= set(Zelfonderzoek.objects.exclude(document=None).values_list("document_id", flat=True))
    pks |= set(MeldingBrief.objects.exclude(document=None).values_list("document_id", flat=True))
    Document.objects.filter(pk__in=pks).update(van_melding=True)


class Migration(migrations.Migration):
    dependencies = [
        ("samenwerking", "0008_meldtermijn_werkdagen"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="van_melding",
            field=models.BooleanField(default=False, editable=False, verbose_name="hoort of hoorde bij een melding"),
        ),
        migrations.RunPython(mark_report_documents, migrations.RunPython.noop),
    ]
