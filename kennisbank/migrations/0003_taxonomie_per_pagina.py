"""The four taxonomies of every kennisbank page in one table each, keyed on Page, instead of
four join tables per page type (36 in all). Rows and revisions are copied both ways."""

from itertools import groupby

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models

PAGE_MODELS = ["artikelpage", "handreikingpage", "kaderonderdeelpage", "kennisbronpage",
               "normpage", "procedurepage", "publicatiepage", "toezichtkaderpage",
               "toezichtsvormpage"]
# Old field on every page type, new through-model, its child relation, its target field.
TAXONOMIES = [
    ("wetten", "PaginaWet", "indeling_wetten", "wet"),
    ("domeinen", "PaginaDomein", "indeling_domeinen", "domein"),
    ("doelgroepen", "PaginaDoelgroep", "indeling_doelgroepen", "doelgroep"),
    ("onderwerpen", "PaginaOnderwerp", "indeling_onderwerpen", "onderwerp"),
]


def _old_through(apps, model_name, field):
    return apps.get_model("kennisbank", model_name)._meta.get_field(field).remote_field.through


def _kennisbank_revisions(apps):
    Revision = apps.get_model("wagtailcore", "Revision")
    return Revision.objects.filter(content_type__app_label="kennisbank",
                                   content_type__model__in=PAGE_MODELS)


def forwards(apps, schema_editor):
    for field, through_name, relation, target in TAXONOMIES:
        through = apps.get_model("kennisbank", through_name)
        rows = []
        for model_name in PAGE_MODELS:
            source = f"{model_name}_id"
            pairs = (_old_through(apps, model_name, field).objects
                     .order_by(source, "id").values_list(source, f"{target}_id"))
            for page_id, group in groupby(pairs, key=lambda pair: pair[0]):
                rows += [through(page_id=page_id, sort_order=position, **{f"{target}_id": value})
                         for position, (_page, value) in enumerate(group)]
        through.objects.bulk_create(rows, batch_size=500)
    live_rows = {relation: {} for _field, _through, relation, _target in TAXONOMIES}
    for _field, through_name, relation, target in TAXONOMIES:
        rows = (apps.get_model("kennisbank", through_name).objects
                .order_by("page_id", "sort_order").values_list("pk", "page_id", f"{target}_id"))
        for pk, page_id, value in rows:
            live_rows[relation].setdefault(page_id, []).append((pk, value))
    # The old loader set the taxonomies after publishing the revision, so a page without
    # unpublished changes may have a latest revision without them: that revision is meant
    # to equal the live page, and the admin edits it, so it gets the live page's rows.
    Page = apps.get_model("wagtailcore", "Page")
    in_sync = set(Page.objects.filter(has_unpublished_changes=False,
                                      latest_revision__isnull=False)
                  .values_list("latest_revision_id", flat=True))
    changed = []
    for revision in _kennisbank_revisions(apps).iterator():
        content = revision.content
        if not any(field in content for field, *_rest in TAXONOMIES):
            continue
        page_id = int(revision.object_id)
        for field, _through, relation, target in TAXONOMIES:
            old_values = content.pop(field, None) or []
            rows = live_rows[relation].get(page_id, [])
            if revision.pk not in in_sync:
                pks = dict((value, pk) for pk, value in rows)
                rows = [(pks.get(value), value) for value in old_values]
            content[relation] = [
                {"pk": pk, "sort_order": position, "page": page_id, target: value}
                for position, (pk, value) in enumerate(rows)]
        changed.append(revision)
    apps.get_model("wagtailcore", "Revision").objects.bulk_update(changed, ["content"],
                                                                  batch_size=500)


def backwards(apps, schema_editor):
    page_types = {}
    for model_name in PAGE_MODELS:
        model = apps.get_model("kennisbank", model_name)
        for pk in model.objects.values_list("pk", flat=True):
            page_types[pk] = model_name
    for field, through_name, _relation, target in TAXONOMIES:
        rows = {}
        pairs = (apps.get_model("kennisbank", through_name).objects
                 .order_by("page_id", "sort_order", "id").values_list("page_id", f"{target}_id"))
        for page_id, value in pairs:
            model_name = page_types.get(page_id)
            if model_name is not None:
                old = _old_through(apps, model_name, field)
                rows.setdefault(old, []).append(
                    old(**{f"{model_name}_id": page_id, f"{target}_id": value}))
        for old, objs in rows.items():
            old.objects.bulk_create(objs, batch_size=500)
    changed = []
    for revision in _kennisbank_revisions(apps).iterator():
        content = revision.content
        if not any(relation in content for _f, _t, relation, _target in TAXONOMIES):
            continue
        for field, _through, relation, target in TAXONOMIES:
            content[field] = [row[target] for row in content.pop(relation, None) or []]
        changed.append(revision)
    apps.get_model("wagtailcore", "Revision").objects.bulk_update(changed, ["content"],
                                                                  batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('kennisbank', '0002_toezichtkaderpage_toetspunten_kop'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PaginaDoelgroep',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('doelgroep', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pagina_indelingen', to='kennisbank.doelgroep', verbose_name='doelgroep')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='indeling_doelgroepen', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='pagina')),
            ],
            options={
                'verbose_name': 'doelgroep van een pagina',
                'verbose_name_plural': "doelgroepen van pagina's",
                'ordering': ['sort_order'],
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('page', 'doelgroep'), name='uniek_pagina_doelgroep')],
            },
        ),
        migrations.CreateModel(
            name='PaginaDomein',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('domein', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pagina_indelingen', to='kennisbank.domein', verbose_name='domein')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='indeling_domeinen', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='pagina')),
            ],
            options={
                'verbose_name': 'domein van een pagina',
                'verbose_name_plural': "domeinen van pagina's",
                'ordering': ['sort_order'],
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('page', 'domein'), name='uniek_pagina_domein')],
            },
        ),
        migrations.CreateModel(
            name='PaginaOnderwerp',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('onderwerp', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pagina_indelingen', to='kennisbank.onderwerp', verbose_name='onderwerp')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='indeling_onderwerpen', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='pagina')),
            ],
            options={
                'verbose_name': 'onderwerp van een pagina',
                'verbose_name_plural': "onderwerpen van pagina's",
                'ordering': ['sort_order'],
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('page', 'onderwerp'), name='uniek_pagina_onderwerp')],
            },
        ),
        migrations.CreateModel(
            name='PaginaWet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='indeling_wetten', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='pagina')),
                ('wet', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pagina_indelingen', to='kennisbank.wet', verbose_name='wet')),
            ],
            options={
                'verbose_name': 'wet van een pagina',
                'verbose_name_plural': "wetten van pagina's",
                'ordering': ['sort_order'],
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('page', 'wet'), name='uniek_pagina_wet')],
            },
        ),
        migrations.RunPython(forwards, backwards),
        *[migrations.RemoveField(model_name=model_name, name=field)
          for model_name in PAGE_MODELS for field, *_rest in TAXONOMIES],
    ]
