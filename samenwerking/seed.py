"""Demo spaces (only with PORTAL_DEMO): a joint investigation of Toezicht Wmo and the IGJ, and a
second space of the GGD that the demo inspector is not in. Everything in them is fictional."""

import io

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

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


def load(command):
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
