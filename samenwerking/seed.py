"""The themes learnings are tagged with (always), and the demo spaces (only with PORTAL_DEMO): a
joint investigation of Toezicht Wmo and the IGJ, and a second space of the GGD that the demo
inspector is not in. Everything in the demo spaces is fictional and says so."""

import io

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.models import Organisatie, User
from portal.roles import TOEZICHTHOUDER
from portal.seed import DEMO_PASSWORD

from .models import Bericht, Document, Lidmaatschap, Samenwerkingsruimte, Taak

GGD = "Toezicht Wmo GGD Rotterdam-Rijnmond"
IGJ = "Inspectie Gezondheidszorg en Jeugd"
ANDERE_REGIO = "Toezicht Wmo Zuid-Holland Zuid"
LVB = "Gezamenlijk onderzoek LVB Nissewaard"
NETWERK = "Netwerk Wmo-toezicht Rotterdam"
ACCOUNTS = [
    # e-mail, name, organisation
    ("toezichthouder-zhz@demo.toezichtportaal.nl", "Zara Zuid", ANDERE_REGIO),
    ("meelezer@demo.toezichtportaal.nl", "Mees Meelezer", "Toezicht Sociaal Domein"),
]
DOCUMENTEN = [
    (
        "Plan van aanpak (fictief)",
        "hele_ruimte",
        [
            "Plan van aanpak gezamenlijk onderzoek",
            "Fictief voorbeeld voor de demo van het portaal.",
            "Aanleiding: signalen over de begeleiding van mensen met een licht verstandelijke beperking (LVB).",
            "Werkwijze: documentonderzoek, gesprekken met cliënten en begeleiders, observaties.",
        ],
    ),
    (
        "Verslag eerste bezoek (fictief)",
        "hele_ruimte",
        [
            "Verslag eerste bezoek",
            "Fictief voorbeeld voor de demo van het portaal.",
            "Bevindingen en afspraken van het eerste bezoek aan de fictieve aanbieder.",
        ],
    ),
    (
        "Afstemming met de gemeente (fictief, coördinatoren)",
        "alleen_coordinatoren",
        [
            "Afstemming met de gemeente",
            "Fictief voorbeeld voor de demo van het portaal.",
            "Alleen zichtbaar voor de coördinatoren van de ruimte.",
        ],
    ),
]


def _pdf(regels):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(regels[0])
    pdf.setFont("Helvetica-Bold", 24)
    pdf.drawString(72, 780, "FICTIEF")
    pdf.setFont("Helvetica", 12)
    for index, regel in enumerate(regels):
        pdf.drawString(72, 740 - 20 * index, regel)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# The three themes of the Jaarbeeld 2016 ("Drie thema's in het sociaal domein"), each a chapter of it.
JAARBEELD_SLUG = "jaarbeeld-2016-beleid-in-de-praktijk"
JAARBEELD_THEMAS = [
    ("vroegsignalering-en-preventie", "Vroegsignalering en preventie"),
    ("eigen-kracht", "Eigen kracht"),
    ("veiligheid", "Veiligheid"),
]


def bron_van_thema(pagina, hoofdstuk):
    """The source as readers cite it: publisher, title, year, section."""
    jaar = f" ({pagina.jaar})" if pagina.jaar else ""
    return f"{pagina.uitgever}, {pagina.title}{jaar}, hoofdstuk “{hoofdstuk}”"


def load_themas(command):
    """The Jaarbeeld's themes as Thema rows; an editor's change to a theme's text is kept."""
    from kennisbank.models import PublicatiePage

    from .models import Thema

    pagina = PublicatiePage.objects.filter(slug=JAARBEELD_SLUG).first()
    for slug, naam in JAARBEELD_THEMAS:
        thema, created = Thema.objects.get_or_create(
            slug=slug,
            defaults={
                "naam": naam,
                "omschrijving": "Een van de drie thema's die de samenwerkende inspecties in het sociaal "
                "domein zagen in hun toezicht van 2016.",
            },
        )
        if pagina is not None and (created or thema.pagina_id is None):
            thema.pagina = pagina
            thema.bron = bron_van_thema(pagina, naam)
            thema.save(update_fields=["pagina", "bron"])
    _editors_manage_themas()
    command.report(f"Thema's: {Thema.objects.count()}")


def _editors_manage_themas():
    """Editors keep the list of themes, as they keep the kennisbank's taxonomies."""
    from django.contrib.auth.models import Group, Permission

    from portal.roles import EDITOR_ROLES

    permissions = Permission.objects.filter(
        content_type__app_label="samenwerking", content_type__model="thema", codename__regex=r"^(add|change|view)_"
    )
    for group in Group.objects.filter(name__in=EDITOR_ROLES):
        group.permissions.add(*permissions)


def load(command):
    load_themas(command)
    if not settings.PORTAL_DEMO:
        return
    from django.contrib.auth.models import Group

    andere_regio, _created = Organisatie.objects.get_or_create(
        naam=ANDERE_REGIO, defaults={"soort": Organisatie.Soort.REGIONALE_TOEZICHTHOUDER, "afkorting": "Toezicht ZHZ"}
    )
    for email, name, organisatie in ACCOUNTS:
        if User.objects.filter(email=email).exists():
            continue
        first, _sep, last = name.partition(" ")
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            organisatie=Organisatie.objects.get(naam=organisatie),
        )
        user.groups.add(user.organisatie.groep, Group.objects.get(name=TOEZICHTHOUDER))
    toezichthouder = User.objects.get(email="toezichthouder@demo.toezichtportaal.nl")
    inspecteur = User.objects.get(email="inspecteur@demo.toezichtportaal.nl")
    meelezer = User.objects.get(email="meelezer@demo.toezichtportaal.nl")
    if not Samenwerkingsruimte.objects.filter(titel=LVB).exists():
        _lvb(toezichthouder, inspecteur, meelezer)
    if not Samenwerkingsruimte.objects.filter(titel=NETWERK).exists():
        _netwerk(toezichthouder, andere_regio)
    if settings.PORTAL_DEMO_TOEZICHT:
        _toezicht(Samenwerkingsruimte.objects.get(titel=LVB), toezichthouder, inspecteur)
    command.report(
        "Demo-samenwerkingsruimtes: "
        + ", ".join(Samenwerkingsruimte.objects.filter(titel__in=[LVB, NETWERK]).values_list("titel", flat=True))
    )


def _lvb(toezichthouder, inspecteur, meelezer):
    from datetime import date, timedelta

    from .actions import _store_version
    from .uploads import check_upload

    ruimte = Samenwerkingsruimte.objects.create(
        titel=LVB,
        soort=Samenwerkingsruimte.Soort.GEZAMENLIJK_ONDERZOEK,
        aangemaakt_door=toezichthouder,
        doel="Fictief demo-onderzoek: Toezicht Wmo en de IGJ onderzoeken samen de begeleiding van inwoners "
        "met een licht verstandelijke beperking in Nissewaard (naar het voorbeeld van een proeftuin uit "
        "het Visietraject Sociaal Domein).",
    )
    ruimte.organisaties.set(Organisatie.objects.filter(naam__in=[GGD, IGJ]))
    Lidmaatschap.objects.create(ruimte=ruimte, gebruiker=toezichthouder, rol=Lidmaatschap.Rol.COORDINATOR)
    Lidmaatschap.objects.create(ruimte=ruimte, gebruiker=inspecteur, rol=Lidmaatschap.Rol.DEELNEMER)
    Lidmaatschap.objects.create(ruimte=ruimte, gebruiker=meelezer, rol=Lidmaatschap.Rol.MEELEZER)
    for naam, vertrouwelijkheid, regels in DOCUMENTEN:
        document = Document.objects.create(
            ruimte=ruimte, naam=naam, vertrouwelijkheid=vertrouwelijkheid, aangemaakt_door=toezichthouder
        )
        upload = SimpleUploadedFile(f"{naam.split(' (')[0].lower().replace(' ', '-')}.pdf", _pdf(regels))
        _store_version(toezichthouder, document, upload, check_upload(upload))
    vraag = Bericht.objects.create(
        ruimte=ruimte,
        auteur=toezichthouder,
        tekst="Welkom in deze (fictieve) ruimte. Zullen we het plan van aanpak deze week vaststellen?",
    )
    Bericht.objects.create(
        ruimte=ruimte,
        auteur=inspecteur,
        antwoord_op=vraag,
        tekst="Goed idee. Ik heb nog een aanvulling op de werkwijze.",
    )
    vandaag = date.today()
    Taak.objects.create(
        ruimte=ruimte,
        titel="Plan van aanpak vaststellen",
        toegewezen_aan=toezichthouder,
        deadline=vandaag + timedelta(days=7),
        aangemaakt_door=toezichthouder,
    )
    Taak.objects.create(
        ruimte=ruimte,
        titel="Gesprekken met begeleiders plannen",
        toegewezen_aan=inspecteur,
        deadline=vandaag + timedelta(days=14),
        aangemaakt_door=toezichthouder,
    )


def _netwerk(toezichthouder, andere_regio):
    ruimte = Samenwerkingsruimte.objects.create(
        titel=NETWERK,
        soort=Samenwerkingsruimte.Soort.NETWERK,
        aangemaakt_door=toezichthouder,
        doel="Fictief demo-netwerk van Toezicht Wmo met de gemeente Rotterdam en een toezichthouder uit "
        "een andere regio.",
    )
    gemeente = Organisatie.objects.get(naam="Gemeente Rotterdam")
    ruimte.organisaties.set([gemeente, andere_regio])
    Lidmaatschap.objects.create(ruimte=ruimte, gebruiker=toezichthouder, rol=Lidmaatschap.Rol.COORDINATOR)
    Lidmaatschap.objects.create(ruimte=ruimte, organisatie=gemeente, rol=Lidmaatschap.Rol.DEELNEMER)
    Lidmaatschap.objects.create(ruimte=ruimte, organisatie=andere_regio, rol=Lidmaatschap.Rol.DEELNEMER)
    Bericht.objects.create(
        ruimte=ruimte, auteur=toezichthouder, tekst="Fictief: agenda voor het volgende netwerkoverleg volgt."
    )


# The supervisors' work in the Nissewaard space (issue "Joint investigations, calamity reports
# and learnings"): fictional providers, an investigation whose report waits for the provider's
# zienswijze, a calamity report on its 8-week clock, and a learning shared with all supervisors.
DEMO_ONDERZOEK = "Kwaliteit van de begeleiding van inwoners met een LVB in Nissewaard (fictief)"
DEMO_AANBIEDERS = [
    ("Begeleidingsdienst De Oude Maas (fictief)", "Spijkenisse"),
    ("Stichting Wooncoach Voorne (fictief)", "Hekelingen"),
]
# A fixed mix of judgements, so the demo's findings matrix reads the same after every load.
DEMO_OORDELEN = ["voldoet", "voldoet", "voldoet_gedeeltelijk", "voldoet", "voldoet_niet", "niet_getoetst", "voldoet"]
DEMO_TOELICHTINGEN = {
    "voldoet_gedeeltelijk": "Fictief: de afspraken staan in het dossier, maar worden niet bij elke evaluatie "
    "bijgewerkt.",
    "voldoet_niet": "Fictief: in de onderzochte dossiers ontbreekt een actuele risico-inschatting.",
    "niet_getoetst": "Fictief: deze norm is in dit onderzoek niet getoetst.",
}


def _provider_norms(kader):
    """The norms of the framework's provider part, in the order of the framework."""
    from kennisbank.models import KaderOnderdeelPage, NormPage

    deel = KaderOnderdeelPage.objects.child_of(kader).order_by("path").first()
    return list(NormPage.objects.descendant_of(deel).order_by("path")) if deel else []


def _toezicht(ruimte, toezichthouder, inspecteur):
    from .models import Onderzoek

    if Onderzoek.objects.filter(ruimte=ruimte, titel=DEMO_ONDERZOEK).exists():
        return
    from portal.models import Gemeente

    ggd = Organisatie.objects.get(naam=GGD)
    igj = Organisatie.objects.get(naam=IGJ)
    nissewaard = Gemeente.objects.filter(naam="Nissewaard").first()
    aanbieders = _demo_aanbieders(nissewaard)
    onderzoek = _demo_onderzoek(ruimte, toezichthouder, inspecteur, aanbieders, ggd, igj, nissewaard)
    _demo_melding(ruimte, toezichthouder, aanbieders[0], ggd, nissewaard)
    _demo_leerpunt(ruimte, toezichthouder, onderzoek, aanbieders, ggd, nissewaard)


def _demo_aanbieders(gemeente):
    from .models import Aanbieder, AanbiederLocatie

    aanbieders = []
    for naam, plaats in DEMO_AANBIEDERS:
        aanbieder, created = Aanbieder.objects.get_or_create(naam=naam, defaults={"fictief": True})
        if created:
            if gemeente:
                aanbieder.gemeenten.add(gemeente)
            AanbiederLocatie.objects.create(
                aanbieder=aanbieder, naam="Hoofdlocatie (fictief)", plaats=plaats, gemeente=gemeente
            )
        aanbieders.append(aanbieder)
    return aanbieders


def _demo_onderzoek(ruimte, toezichthouder, inspecteur, aanbieders, ggd, igj, gemeente):
    from datetime import date, timedelta

    from kennisbank.models import ToezichtkaderPage, ToezichtsvormPage

    from .models import Bevinding, Onderzoek, OnderzoekNorm

    kader = ToezichtkaderPage.objects.get(slug="rotterdam-rijnmond-2025")
    vandaag = date.today()
    onderzoek = Onderzoek.objects.create(
        ruimte=ruimte,
        titel=DEMO_ONDERZOEK,
        toezichtsvorm=ToezichtsvormPage.objects.get(slug="kwaliteitstoezicht"),
        kader=kader,
        aanleiding="Fictief: signalen van de gemeente over de continuïteit van de begeleiding van inwoners "
        "met een licht verstandelijke beperking bij twee aanbieders.",
        coordinerende_organisatie=ggd,
        status=Onderzoek.Status.OPENBAARMAKING,
        gepland_begin=vandaag - timedelta(days=120),
        gepland_eind=vandaag + timedelta(days=30),
        werkelijk_begin=vandaag - timedelta(days=115),
        reactie_aanbieder="Fictief: wij herkennen ons in de bevindingen en hebben de risico-inschatting in "
        "alle dossiers inmiddels bijgewerkt.",
        fictief=True,
        aangemaakt_door=toezichthouder,
    )
    onderzoek.aanbieders.set(aanbieders)
    onderzoek.organisaties.set([ggd, igj])
    if gemeente:
        onderzoek.gemeenten.add(gemeente)
    normen = _provider_norms(kader)
    OnderzoekNorm.objects.bulk_create(
        OnderzoekNorm(onderzoek=onderzoek, norm=norm, volgorde=volgorde) for volgorde, norm in enumerate(normen)
    )
    teller = 0
    for aanbieder in aanbieders:
        for norm in normen:
            oordeel = DEMO_OORDELEN[teller % len(DEMO_OORDELEN)]
            teller += 1
            Bevinding.objects.create(
                onderzoek=onderzoek,
                norm=norm,
                aanbieder=aanbieder,
                oordeel=oordeel,
                toelichting=DEMO_TOELICHTINGEN.get(oordeel, ""),
                vastgesteld_door=inspecteur if teller % 2 else toezichthouder,
            )
    onderzoek.rapport_concept = _demo_document(
        ruimte, toezichthouder, "Conceptrapport kwaliteitstoezicht (fictief)", ["Conceptrapport"]
    )
    definitief = _demo_document(ruimte, toezichthouder, "Rapport kwaliteitstoezicht (fictief)", ["Definitief rapport"])
    onderzoek.save(update_fields=["rapport_concept"])
    _demo_procedure(onderzoek, toezichthouder, definitief)
    return onderzoek


def _demo_document(ruimte, door, naam, regels):
    from .actions import _store_version
    from .uploads import check_upload

    document = Document.objects.create(ruimte=ruimte, naam=naam, aangemaakt_door=door)
    upload = SimpleUploadedFile(f"{naam.split(' (')[0].lower().replace(' ', '-')}.pdf", _pdf([naam, *regels]))
    _store_version(door, document, upload, check_upload(upload))
    return document


def _demo_procedure(onderzoek, door, definitief):
    """The report through the framework's procedure up to the zienswijze, through the same
    functions as the report page, so the demo holds what a user's steps would: the steps before
    the zienswijze done, each ten days after it began, the zienswijze begun four days ago, and the
    provider's reaction, which runs beside it, given two days ago."""
    from datetime import timedelta

    from . import procedure
    from .models import AuditLogEntry

    definities = procedure.stappen_van(onderzoek.kader)
    zienswijze = next((d for d in definities if d.rol == procedure.ZIENSWIJZE), None)
    if zienswijze is None:
        return
    pad = []
    stap = procedure.voorganger(zienswijze, definities)
    while stap is not None:
        pad.insert(0, stap)
        stap = procedure.voorganger(stap, definities)
    kanaal = AuditLogEntry.Kanaal.BEHEER
    vandaag = timezone.localdate()
    datum = vandaag - timedelta(days=4 + 10 * len(pad))
    procedure.start(door, onderzoek, datum, kanaal)
    for definitie in pad:
        datum += timedelta(days=10)
        procedure.afronden(
            door,
            onderzoek,
            definitie.volgorde,
            kanaal,
            datum=datum,
            document=definitief if definitie.rol == procedure.DEFINITIEF else None,
        )
    reactie = next((d for d in definities if d.rol == procedure.REACTIE), None)
    if reactie is not None and onderzoek.procedurestappen.filter(volgorde=reactie.volgorde).exists():
        procedure.afronden(
            door,
            onderzoek,
            reactie.volgorde,
            kanaal,
            datum=vandaag - timedelta(days=2),
            reactie=onderzoek.reactie_aanbieder,
        )


def _demo_melding(ruimte, door, aanbieder, ggd, gemeente):
    from datetime import date, timedelta

    from .models import Melding

    gemeld = date.today() - timedelta(days=4)
    gebeurtenis = gemeld - timedelta(days=1)
    melding = Melding.objects.create(
        ruimte=ruimte,
        soort=Melding.Soort.CALAMITEIT,
        aanbieder=aanbieder,
        coordinerende_organisatie=ggd,
        datum_gebeurtenis=gebeurtenis,
        datum_gemeld=gemeld,
        samenvatting="Fictief: een cliënt is bij een overdracht tussen twee begeleiders een week zonder "
        "begeleiding gebleven en daarna opgenomen. De aanbieder doet zelf onderzoek.",
        status=Melding.Status.ZELFONDERZOEK,
        fictief=True,
        aangemaakt_door=door,
    )
    if gemeente:
        melding.gemeenten.add(gemeente)
    return melding


def _demo_leerpunt(ruimte, door, onderzoek, aanbieders, ggd, gemeente):
    from datetime import date, timedelta

    from .models import Aanbeveling, Leerpunt, Opvolging, Reikwijdte, Thema

    leerpunt = Leerpunt.objects.create(
        ruimte=ruimte,
        titel="Afspraken over afschalen van begeleiding (fictief)",
        tekst="Fictief leerpunt: bij het afschalen van begeleiding is vaak niet vastgelegd wie de "
        "signalen blijft volgen. Leg bij elke overdracht vast wie de regie houdt en wanneer die "
        "de cliënt weer spreekt.",
        onderzoek=onderzoek,
        fictief=True,
        aangemaakt_door=door,
    )
    leerpunt.normen.set(_provider_norms(onderzoek.kader)[11:13])
    leerpunt.themas.set(Thema.objects.filter(slug="veiligheid"))
    leerpunt.aanbieders.set(aanbieders)
    if gemeente:
        leerpunt.gemeenten.add(gemeente)
    leerpunt.verruim(
        Reikwijdte.TOEZICHTHOUDERS,
        door=door,
        reden="Fictief: het leerpunt is zonder persoonsgegevens en ook voor andere regio's van belang.",
    )
    afgerond = Aanbeveling.objects.create(
        leerpunt=leerpunt, tekst="Fictief: neem in het overdrachtsprotocol op wie de regie houdt."
    )
    Opvolging.objects.create(
        aanbeveling=afgerond,
        organisatie=ggd,
        status=Opvolging.Status.AFGEROND,
        datum=date.today() - timedelta(days=2),
        toelichting="Fictief: het protocol is aangepast en met de aanbieders besproken.",
        bijgewerkt_door=door,
    )
    open_ = Aanbeveling.objects.create(
        leerpunt=leerpunt, tekst="Fictief: evalueer na een half jaar of de afspraken worden nageleefd."
    )
    Opvolging.objects.create(aanbeveling=open_, organisatie=ggd, status=Opvolging.Status.OPEN, bijgewerkt_door=door)
