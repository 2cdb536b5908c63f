from django.db import migrations

# Everyday words for the subjects of the norms (kennisbank/content/31-*.yaml and 20-*.yaml):
# what a resident, a relative or a new council member types, beside the framework's term.
# Each line gives its reason. Existing indexes pick them up with `rebuild_search_index`.
SYNONIEMEN = [
    # Norm "Medicatieveiligheid"; Thuisarts.nl and the Rijksoverheid write "medicijnen".
    ("medicatie", ["medicijnen", "medicijn", "geneesmiddelen", "geneesmiddel"]),
    ("medicatieveiligheid", ["veilig medicijngebruik", "medicijnveiligheid",
                             "fouten met medicijnen", "medication safety"]),
    # Norm "De aanbieder beschikt over een klachtenregeling"; the Rijksoverheid's page is
    # "Een klacht indienen" (Wkkgz and Wmo 2015 art. 2.5.2).
    ("klachtenregeling", ["klacht indienen", "klachtenprocedure", "klagen over de zorg",
                          "complaints procedure"]),
    # Norm "De cliënt heeft medezeggenschap"; the body that holds it is the cliëntenraad
    # (Wmcz 2018, Wmo 2015 art. 2.5.3), what users call inspraak.
    ("medezeggenschap", ["inspraak", "cliëntenraad", "cliëntenraden", "meepraten",
                         "client participation"]),
    # Norm "De aanbieder borgt de privacy van de cliënt": AVG, beroepsgeheim.
    ("privacy", ["persoonsgegevens", "beroepsgeheim", "geheimhouding", "gegevensbescherming"]),
    # Norm "De beroepskracht is vakbekwaam en gekwalificeerd".
    ("vakbekwaam", ["deskundig", "deskundigheid", "bekwaam", "gekwalificeerd", "competent"]),
    # The norms' word for staff; residents say medewerker or hulpverlener.
    ("beroepskracht", ["beroepskrachten", "medewerker", "medewerkers", "hulpverlener",
                       "hulpverleners", "professional", "professionals"]),
    # Norm on zelfredzaamheid and participatie (Wmo 2015 art. 1.1.1): the Rijksoverheid
    # writes "zo lang mogelijk zelfstandig" and "meedoen".
    ("zelfredzaamheid", ["zelfredzaam", "zelfstandig", "zelf redden", "self-reliance"]),
    ("participatie", ["meedoen", "meedoen in de samenleving", "participation"]),
    # Norm "Het netwerk van de cliënt wordt betrokken": the informal network is mantelzorg.
    ("mantelzorg", ["mantelzorger", "mantelzorgers", "informele zorg", "informal care"]),
    # Norm on the Meldcode; the law's term is "geweld in afhankelijkheidsrelaties".
    ("huiselijk geweld", ["partnergeweld", "geweld in afhankelijkheidsrelaties",
                          "relationeel geweld", "domestic violence"]),
    ("kindermishandeling", ["mishandeling van kinderen", "verwaarlozing", "child abuse"]),
    # Norm "De aanbieder leert van incidenten"; users name them after what happened.
    ("incident", ["incidenten", "voorval", "voorvallen", "ongeluk", "ongelukken"]),
    # Norms on the hulpvraag and the toegang (Wmo 2015 art. 2.3.2, the keukentafelgesprek).
    ("hulpvraag", ["hulp vragen", "hulp aanvragen", "ondersteuning aanvragen",
                   "keukentafelgesprek"]),
    ("toegang", ["wijkteam", "wijkteams", "sociaal wijkteam", "Wmo-loket", "zorgloket"]),
    # Norm "De beroepskracht bejegent de cliënt op professionele wijze".
    ("bejegening", ["bejegenen", "respectvolle omgang", "hoe medewerkers met je omgaan"]),
    # Norm "Er is continuïteit in de verleende ondersteuning".
    ("continuïteit", ["vaste hulpverlener", "steeds andere hulpverleners", "wisselende zorg"]),
    # The norms speak of burgers and cliënten; municipalities write inwoners.
    ("inwoner", ["inwoners", "burger", "burgers", "resident", "residents"]),
]


def seed(apps, schema_editor):
    Synoniem = apps.get_model("search", "Synoniem")
    for term, varianten in SYNONIEMEN:
        Synoniem.objects.get_or_create(term=term, defaults={"varianten": "\n".join(varianten)})


def unseed(apps, schema_editor):
    apps.get_model("search", "Synoniem").objects.filter(
        term__in=[term for term, _v in SYNONIEMEN]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0005_database_fulltext")]

    operations = [migrations.RunPython(seed, unseed)]
