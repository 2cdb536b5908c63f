"""Facet values in a table of their own, pointed at by number from each document."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def to_values(apps, schema_editor):
    SearchFacet = apps.get_model("search", "SearchFacet")
    SearchFacetWaarde = apps.get_model("search", "SearchFacetWaarde")
    SearchFacetWaarde.objects.bulk_create(
        [
            SearchFacetWaarde(facet=facet, waarde=waarde, label=label)
            for facet, waarde, label in SearchFacet.objects.values_list("facet", "waarde", "label").distinct()
        ],
        batch_size=2000,
    )
    SearchFacet.objects.update(
        facetwaarde_id=Subquery(
            SearchFacetWaarde.objects.filter(
                facet=OuterRef("facet"), waarde=OuterRef("waarde"), label=OuterRef("label")
            ).values("pk")[:1]
        )
    )


def to_columns(apps, schema_editor):
    SearchFacet = apps.get_model("search", "SearchFacet")
    for row in SearchFacet.objects.select_related("facetwaarde").iterator(chunk_size=2000):
        SearchFacet.objects.filter(pk=row.pk).update(
            facet=row.facetwaarde.facet, waarde=row.facetwaarde.waarde, label=row.facetwaarde.label
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0006_alledaagse_synoniemen")]

    operations = [
        migrations.CreateModel(
            name="SearchFacetWaarde",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("facet", models.CharField(max_length=30, verbose_name="facet")),
                ("waarde", models.CharField(max_length=200, verbose_name="waarde")),
                ("label", models.CharField(max_length=300, verbose_name="label")),
            ],
            options={
                "verbose_name": "facetwaarde",
                "verbose_name_plural": "facetwaarden",
                "constraints": [
                    models.UniqueConstraint(fields=("facet", "waarde", "label"), name="search_facetwaarde_uniek")
                ],
            },
        ),
        migrations.AddField(
            model_name="searchfacet",
            name="facetwaarde",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="search.searchfacetwaarde",
                verbose_name="facetwaarde",
            ),
        ),
        migrations.RunPython(to_values, to_columns),
        migrations.RemoveIndex(model_name="searchfacet", name="search_sear_facet_cb1f6e_idx"),
        migrations.RemoveField(model_name="searchfacet", name="facet"),
        migrations.RemoveField(model_name="searchfacet", name="waarde"),
        migrations.RemoveField(model_name="searchfacet", name="label"),
        migrations.AlterField(
            model_name="searchfacet",
            name="facetwaarde",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="search.searchfacetwaarde",
                verbose_name="facetwaarde",
            ),
        ),
        migrations.AlterModelOptions(
            name="searchfacet",
            options={
                "verbose_name": "facetwaarde van een document",
                "verbose_name_plural": "facetwaarden van documenten",
            },
        ),
        migrations.AddConstraint(
            model_name="searchfacet",
            constraint=models.UniqueConstraint(fields=("document", "facetwaarde"), name="search_facet_uniek"),
        ),
    ]
