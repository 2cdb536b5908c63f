"""The year report a supervisor gives its board (seed 004, 2.3), for one organisation and year.

It counts what the user may see: every figure goes through `viewable_by_user`, so a report,
investigation or follow-up in a space the user is not in is not counted. An object belongs to
the organisation when it coordinates it, or, when no coordinating organisation is set, when
the organisation takes part in the object's space. Reports count in the year they were made,
investigations in the year they started (or were created, before they start), publications in
the year their kennisbank page was first published; open recommendations are those open now.

Every figure is counted in the database (a handful of aggregate queries, whatever the number of
reports). With `publicatie`, every count under 5 is shown as "<5", in page, CSV and PDF alike.

"On time" names the term each report was judged by (`Melding.meldtermijn_werkdagen`, the
kennisbank's on the day of the event). When the reports of a year were judged by different
terms, the report counts them per term: how many were judged by it and how many of those came
within it.
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.privacy import pages

from . import paginas
from .models import Bevinding, Melding, Onderzoek, Oordeel, Opvolging, Samenwerkingsruimte

DREMPEL = 5
KLEIN = "<5"


def _belongs(organisatie):
    # The spaces as a subquery: a join to their organisations would count an object once per
    # organisation of its space.
    spaces = Samenwerkingsruimte.objects.filter(organisaties=organisatie).values("pk")
    return Q(coordinerende_organisatie=organisatie) | Q(coordinerende_organisatie__isnull=True, ruimte__in=spaces)


@dataclass
class Jaarrapportage:
    organisatie: object
    jaar: int
    publicatie: bool = False
    meldingen: list = field(default_factory=list)  # (soort label, totaal, {meldtermijn: (getoetst, tijdig)})
    meldtermijnen: list = field(default_factory=list)  # the terms the year's reports were judged by
    zelfonderzoeken: dict = field(default_factory=dict)  # ontvangen, op_tijd
    onderzoeken: list = field(default_factory=list)  # (toezichtsvorm, aantal)
    oordelen: list = field(default_factory=list)  # (norm, {oordeel: aantal})
    publicaties: int = 0
    aanbevelingen: dict = field(default_factory=dict)  # open, in_uitvoering

    def toon(self, aantal):
        """A count as shown: "<5" for a small count in a report marked for publication."""
        if self.publicatie and aantal < DREMPEL:
            return KLEIN
        return str(aantal)

    def termijnen(self):
        """The terms to show "on time" for: those of the year's reports, or (no reports) none named."""
        return self.meldtermijnen or [None]

    def tijdig(self, per_termijn, termijn):
        """Reports within `termijn` as shown; "n van m" (m judged by that term) when the year had several."""
        getoetst, tijdig = per_termijn.get(termijn, (0, 0))
        if len(self.termijnen()) == 1:
            return self.toon(tijdig)
        return _("%(tijdig)s van %(getoetst)s") % {"tijdig": self.toon(tijdig), "getoetst": self.toon(getoetst)}

    def shown(self):
        """The figures as the page shows them, every count through `toon`."""
        t = self.toon
        return {
            "meldtermijn_koppen": [capfirst(Melding.meldtermijn_tekst(n, True)) for n in self.termijnen()],
            "meerdere_meldtermijnen": len(self.termijnen()) > 1,
            "meldingen": [
                (label, t(totaal), [self.tijdig(per_termijn, n) for n in self.termijnen()])
                for label, totaal, per_termijn in self.meldingen
            ],
            "zelfonderzoeken": {key: t(value) for key, value in self.zelfonderzoeken.items()},
            "onderzoeken": [(vorm, t(aantal)) for vorm, aantal in self.onderzoeken],
            "oordeel_labels": [label for _value, label in Oordeel.choices],
            "oordelen": [
                (norm, [t(aantallen[value]) for value in Oordeel.values]) for norm, aantallen in self.oordelen
            ],
            "publicaties": t(self.publicaties),
            "aanbevelingen": {key: t(value) for key, value in self.aanbevelingen.items()},
        }

    def rows(self):
        """(section, label, value shown) for CSV, PDF and page alike."""
        t = self.toon
        rows = []
        termijnen = self.termijnen()
        for label, totaal, per_termijn in self.meldingen:
            rows.append((_("Meldingen"), label, t(totaal)))
            for termijn in termijnen:
                getoetst, tijdig = per_termijn.get(termijn, (0, 0))
                if len(termijnen) > 1:
                    rows.append((_("Meldingen"), _getoetst_aan(label, termijn), t(getoetst)))
                oordeel = Melding.meldtermijn_tekst(termijn, True)
                rows.append(
                    (_("Meldingen"), _("%(soort)s: %(oordeel)s") % {"soort": label, "oordeel": oordeel}, t(tijdig))
                )
        rows.append((_("Zelfonderzoeken"), _("Ontvangen"), t(self.zelfonderzoeken["ontvangen"])))
        rows.append((_("Zelfonderzoeken"), _("Op tijd ontvangen"), t(self.zelfonderzoeken["op_tijd"])))
        for vorm, aantal in self.onderzoeken:
            rows.append((_("Onderzoeken per toezichtsvorm"), vorm, t(aantal)))
        for norm, aantallen in self.oordelen:
            for oordeel, label in Oordeel.choices:
                rows.append((_("Oordelen per norm"), f"{norm}: {label}", t(aantallen[oordeel])))
        rows.append((_("Publicaties"), _("Gepubliceerde rapporten"), t(self.publicaties)))
        rows.append((_("Openstaande aanbevelingen"), _("Open"), t(self.aanbevelingen["open"])))
        rows.append((_("Openstaande aanbevelingen"), _("In uitvoering"), t(self.aanbevelingen["in_uitvoering"])))
        return rows


def _getoetst_aan(soort, termijn):
    if termijn is None:
        return _("%(soort)s: meldtermijn niet vastgelegd") % {"soort": soort}
    return ngettext(
        "%(soort)s: getoetst aan een meldtermijn van %(n)d werkdag",
        "%(soort)s: getoetst aan een meldtermijn van %(n)d werkdagen",
        termijn,
    ) % {"soort": soort, "n": termijn}


def _termijn_volgorde(termijn):
    return (termijn is None, termijn or 0)


def build(user, organisatie, jaar, publicatie=False):
    rapport = Jaarrapportage(organisatie=organisatie, jaar=jaar, publicatie=publicatie)

    meldingen = Melding.objects.viewable_by_user(user).filter(_belongs(organisatie), datum_gemeld__year=jaar)
    per_soort_en_termijn = list(
        meldingen.order_by()
        .values("soort", "meldtermijn_werkdagen")
        .annotate(
            totaal=Count("pk"),
            tijdig=Count("pk", filter=Q(tijdig_gemeld=True)),
            ontvangen=Count("zelfonderzoek"),
            op_tijd=Count("zelfonderzoek", filter=Q(zelfonderzoek__ontvangen_op__lte=F("zelfonderzoek_uiterlijk"))),
        )
    )
    per_soort = {}
    for row in per_soort_en_termijn:
        per_soort.setdefault(row["soort"], {})[row["meldtermijn_werkdagen"]] = (row["totaal"], row["tijdig"])
    for soort, label in Melding.Soort.choices:
        per_termijn = per_soort.get(soort, {})
        rapport.meldingen.append((str(label), sum(getoetst for getoetst, _tijdig in per_termijn.values()), per_termijn))
    rapport.meldtermijnen = sorted(
        {row["meldtermijn_werkdagen"] for row in per_soort_en_termijn}, key=_termijn_volgorde
    )
    rapport.zelfonderzoeken = {
        "ontvangen": sum(row["ontvangen"] for row in per_soort_en_termijn),
        "op_tijd": sum(row["op_tijd"] for row in per_soort_en_termijn),
    }

    onderzoeken = (
        Onderzoek.objects.viewable_by_user(user)
        .filter(_belongs(organisatie))
        .annotate(begin=Coalesce("werkelijk_begin", TruncDate("aangemaakt_op")))
    )
    van_het_jaar = onderzoeken.filter(begin__year=jaar)
    per_vorm = list(
        van_het_jaar.order_by("toezichtsvorm__title")
        .values("toezichtsvorm", "toezichtsvorm__title")
        .annotate(aantal=Count("pk"))
    )
    bevindingen = list(
        Bevinding.objects.viewable_by_user(user)
        .filter(onderzoek__in=van_het_jaar.values("pk"))
        .order_by()
        .values("norm", "norm__path", "norm__code", "norm__title", "oordeel")
        .annotate(aantal=Count("pk"))
    )
    # A framework's pages may have been restricted since: their titles only where the user may see them.
    zichtbaar = set(
        pages()
        .viewable_by_user(user)
        .filter(pk__in=[row["toezichtsvorm"] for row in per_vorm] + [row["norm"] for row in bevindingen])
        .values_list("pk", flat=True)
    )
    per_titel = {}
    for row in per_vorm:
        titel = row["toezichtsvorm__title"] if row["toezichtsvorm"] in zichtbaar else paginas.niet_zichtbaar()
        per_titel[titel] = per_titel.get(titel, 0) + row["aantal"]
    rapport.onderzoeken = sorted(per_titel.items(), key=lambda item: (item[0] == paginas.niet_zichtbaar(), item[0]))

    per_norm = {}
    for row in bevindingen:
        if row["norm"] in zichtbaar:
            titel = row["norm__title"]
        else:
            titel = f"{row['norm__code']} {paginas.niet_zichtbaar()}".strip()
        aantallen = per_norm.setdefault((row["norm__path"], titel), dict.fromkeys(Oordeel.values, 0))
        aantallen[row["oordeel"]] = row["aantal"]
    rapport.oordelen = [(title, aantallen) for (_path, title), aantallen in sorted(per_norm.items())]

    rapport.publicaties = onderzoeken.filter(publicatie__first_published_at__year=jaar).count()

    open_ = (
        Opvolging.objects.viewable_by_user(user)
        .filter(organisatie=organisatie)
        .aggregate(
            open=Count("pk", filter=Q(status=Opvolging.Status.OPEN)),
            in_uitvoering=Count("pk", filter=Q(status=Opvolging.Status.IN_UITVOERING)),
        )
    )
    rapport.aanbevelingen = open_
    return rapport


def as_csv(rapport, response):
    import csv

    writer = csv.writer(response)
    writer.writerow([_("onderdeel"), _("omschrijving"), _("aantal")])
    for row in rapport.rows():
        writer.writerow(row)
    return response


def as_pdf(rapport):
    """The same rows as the CSV, as an A4 PDF (reportlab)."""
    from io import BytesIO
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    buffer = BytesIO()
    titel = _("Jaarrapportage %(jaar)d, %(organisatie)s") % {"jaar": rapport.jaar, "organisatie": rapport.organisatie}
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=titel, author=str(rapport.organisatie), lang="nl")
    styles = getSampleStyleSheet()
    story = [Paragraph(escape(titel), styles["Title"])]
    uitleg = _("Telt wat de opsteller in het portaal mag zien.")
    if rapport.publicatie:
        uitleg += " " + _("Bestemd voor publicatie: aantallen onder de 5 staan als <5.")
    story += [Paragraph(escape(uitleg), styles["Normal"]), Spacer(1, 12)]
    data = [[_("Onderdeel"), _("Omschrijving"), _("Aantal")]]
    cell = styles["BodyText"]
    for onderdeel, omschrijving, waarde in rapport.rows():
        data.append([Paragraph(escape(onderdeel), cell), Paragraph(escape(omschrijving), cell), escape(waarde)])
    table = Table(data, colWidths=[140, 280, 60], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (2, 1), (2, -1), "RIGHT"),
            ]
        )
    )
    story.append(table)
    doc.build(story)
    return buffer.getvalue()
