from django.db import migrations

SYNONIEMEN = [
    ("IGJ", ["Inspectie Gezondheidszorg en Jeugd", "Health and Youth Care Inspectorate"]),
    ("Wmo", ["Wmo 2015", "Wet maatschappelijke ondersteuning",
             "Wet maatschappelijke ondersteuning 2015", "Social Support Act"]),
    ("TSD", ["Toezicht Sociaal Domein", "Samenwerkend Toezicht Sociaal Domein"]),
    ("STJ", ["Samenwerkend Toezicht Jeugd"]),
    ("GGD", ["Gemeentelijke Gezondheidsdienst", "Gemeentelijke Gezondheidsdiensten",
             "Municipal Health Service"]),
    ("VNG", ["Vereniging van Nederlandse Gemeenten", "Association of Netherlands Municipalities"]),
    ("LVB", ["licht verstandelijke beperking", "lichte verstandelijke beperking",
             "licht verstandelijk beperkt", "mild intellectual disability"]),
    ("pgb", ["persoonsgebonden budget", "persoonsgebonden budgetten", "personal budget"]),
    ("VOG", ["verklaring omtrent het gedrag", "certificate of conduct"]),
    ("Awb", ["Algemene wet bestuursrecht", "General Administrative Law Act"]),
    ("Woo", ["Wet open overheid", "Open Government Act"]),
    ("AVG", ["Algemene verordening gegevensbescherming", "GDPR",
             "General Data Protection Regulation"]),
    ("MO/BW", ["maatschappelijke opvang en beschermd wonen", "MO en BW", "MOBW"]),
    ("MO", ["maatschappelijke opvang", "social shelter"]),
    ("BW", ["beschermd wonen", "sheltered housing"]),
    ("calamiteit", ["calamiteiten", "calamity", "calamities"]),
    ("toezicht", ["supervision", "oversight"]),
    ("toezichthouder", ["toezichthouders", "supervisor", "supervisors", "inspectorate"]),
    ("gemeente", ["gemeenten", "municipality", "municipalities"]),
    ("geweld", ["violence"]),
    ("melding", ["meldingen", "report", "notification"]),
    ("cliënt", ["cliënten", "client", "clients"]),
    ("aanbieder", ["aanbieders", "zorgaanbieder", "zorgaanbieders", "provider", "providers"]),
    ("handreiking", ["handreikingen", "guidance", "guideline"]),
    ("jeugd", ["youth"]),
]


def seed(apps, schema_editor):
    Synoniem = apps.get_model("search", "Synoniem")
    for term, varianten in SYNONIEMEN:
        Synoniem.objects.get_or_create(term=term, defaults={"varianten": "\n".join(varianten)})


def unseed(apps, schema_editor):
    apps.get_model("search", "Synoniem").objects.filter(
        term__in=[term for term, _v in SYNONIEMEN]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
