from django.db import migrations

# Names of the field that users search by either spelling: former and current names of the
# inspectorates, the other care laws, and the Jeugdwet's "jeugdhulp" beside the everyday
# "jeugdzorg". Existing indexes pick them up with `rebuild_search_index`.
SYNONIEMEN = [
    ("jeugdhulp", ["jeugdzorg", "youth care"]),
    ("IGZ", ["Inspectie voor de Gezondheidszorg"]),
    ("IJZ", ["Inspectie Jeugdzorg"]),
    ("NLA", ["Nederlandse Arbeidsinspectie", "Inspectie SZW",
             "Inspectie Sociale Zaken en Werkgelegenheid", "Netherlands Labour Authority"]),
    ("Inspectie JenV", ["Inspectie Justitie en Veiligheid", "Inspectie VenJ",
                        "Inspectie Veiligheid en Justitie"]),
    ("Wlz", ["Wet langdurige zorg"]),
    ("Zvw", ["Zorgverzekeringswet"]),
    ("Wkkgz", ["Wet kwaliteit, klachten en geschillen zorg"]),
    ("AMHK", ["Advies- en Meldpunt Huiselijk geweld en Kindermishandeling", "Veilig Thuis"]),
    ("RvdK", ["Raad voor de Kinderbescherming"]),
]


def seed(apps, schema_editor):
    Synoniem = apps.get_model("search", "Synoniem")
    for term, varianten in SYNONIEMEN:
        Synoniem.objects.get_or_create(term=term, defaults={"varianten": "\n".join(varianten)})


def unseed(apps, schema_editor):
    apps.get_model("search", "Synoniem").objects.filter(
        term__in=[term for term, _v in SYNONIEMEN]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0003_posting_dekkende_index")]

    operations = [migrations.RunPython(seed, unseed)]
