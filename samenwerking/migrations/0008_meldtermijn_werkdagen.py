"""A report keeps the term to report it was judged by (`meldtermijn_werkdagen`), so its labels
name that term instead of a "3" typed into them.

Existing reports are filled from the kennisbank, by the rule `samenwerking.termijnen` reads the
terms with (imported rather than copied, so that the number is read, never retyped), for the
date those reports were judged by: until now the day of the report. Where the kennisbank no
longer states a term, the field stays empty and the report says "tijdig gemeld".
"""

from django.db import migrations, models


def vul_meldtermijnen(apps, schema_editor):
    from samenwerking.termijnen import gepubliceerde_calamiteitstermijnen, kies_calamiteitstermijnen

    Melding = apps.get_model("samenwerking", "Melding")
    ToezichtsvormPage = apps.get_model("kennisbank", "ToezichtsvormPage")
    meldingen = list(Melding.objects.filter(meldtermijn_werkdagen__isnull=True).only("pk", "datum_gemeld"))
    gevonden = gepubliceerde_calamiteitstermijnen(ToezichtsvormPage.objects.filter(live=True)) if meldingen else []
    if not gevonden:
        return
    for melding in meldingen:
        melding.meldtermijn_werkdagen = kies_calamiteitstermijnen(gevonden, melding.datum_gemeld).melden_werkdagen
    Melding.objects.bulk_update(meldingen, ["meldtermijn_werkdagen"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("kennisbank", "0005_oefencasus"),
        ("samenwerking", "0007_indexen"),
    ]

    operations = [
        migrations.AddField(
            model_name="melding",
            name="meldtermijn_werkdagen",
            field=models.PositiveSmallIntegerField(
                blank=True,
                editable=False,
                help_text=(
                    "Het aantal werkdagen waarbinnen de melding gedaan moest worden, volgens de kennisbank op de "
                    "dag van de gebeurtenis. Leeg bij een oude melding waarvan de termijn niet meer te achterhalen "
                    "was."
                ),
                null=True,
                verbose_name="meldtermijn (werkdagen)",
            ),
        ),
        migrations.AlterField(
            model_name="melding",
            name="tijdig_gemeld",
            field=models.BooleanField(default=True, editable=False, verbose_name="tijdig gemeld"),
        ),
        migrations.RunPython(vul_meldtermijnen, migrations.RunPython.noop),
    ]
