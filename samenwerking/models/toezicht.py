"""The supervisors' work in a space: providers, joint investigations with their findings and
publication procedure, calamity and violence reports, learnings and their recommendations.

Everything in a space takes its rights from the space (querysets.py). Two things reach wider,
each only by a recorded decision: a learning (LeerpuntVerruiming) and an investigation's report
(published through the kennisbank's editors' workflow). Calamity and violence reports, the
provider's self-investigation and the letters about them are never public at any level
(Toezichtskader Toezicht Wmo GGD Rotterdam-Rijnmond 2025, Openbaarmaking: "worden niet openbaar
gemaakt"): `weiger_openbaarmaking` refuses it in the model layer, whoever asks.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..querysets import (
    AanbevelingQuerySet,
    AanbiederQuerySet,
    BevindingQuerySet,
    BevindingVersieQuerySet,
    LeerpuntQuerySet,
    LeerpuntVerruimingQuerySet,
    MeldingOnderdeelQuerySet,
    MeldingQuerySet,
    OnderzoekQuerySet,
    OpvolgingQuerySet,
    ProcedurestapQuerySet,
    ToegangsverzoekQuerySet,
)
from .inhoud import Document
from .ruimte import Samenwerkingsruimte

kvk_validator = RegexValidator(r"^\d{8}$", _("Een KvK-nummer bestaat uit precies 8 cijfers."))


class NooitOpenbaar(PermissionDenied):
    """Raised by every path that would make a report, self-investigation or letter public."""


class BeslotenNietOpenbaar(NooitOpenbaar):
    """Raised for an investigation's report (and its documents) after the decision step of the
    publication procedure decided not to publish it."""


def _besloten_niet_openbaar(obj):
    if isinstance(obj, Onderzoek) and obj.pk:
        return Procedurestap.objects.filter(onderzoek=obj, besluit=Procedurestap.Besluit.NIET_OPENBAAR).exists()
    if isinstance(obj, Document) and obj.pk:
        return Procedurestap.objects.filter(
            Q(onderzoek__rapport_concept=obj) | Q(onderzoek__rapport_definitief=obj),
            besluit=Procedurestap.Besluit.NIET_OPENBAAR,
        ).exists()
    return False


def weiger_openbaarmaking(obj):
    """The hard rule: called by every publication path (and by anything that would give an
    object a public principal) before it acts. Raises for what must never be public, and for a
    report that was decided not to be published."""
    if isinstance(obj, Melding | MeldingBrief | Zelfonderzoek | MeldingUitstel):
        raise NooitOpenbaar(
            _(
                "Meldingen van calamiteiten en geweld, zelfonderzoeken en de brieven daarover "
                "worden nooit openbaar gemaakt."
            )
        )
    if isinstance(obj, Document) and obj.pk and is_meldingdocument(obj.pk):
        raise NooitOpenbaar(_("Dit document hoort bij een melding en wordt nooit openbaar gemaakt."))
    # An investigation is published with its report: one chosen from a report's documents makes
    # it unpublishable too, whichever path would attach a publication.
    if isinstance(obj, Onderzoek) and any(
        pk and is_meldingdocument(pk) for pk in (obj.rapport_concept_id, obj.rapport_definitief_id)
    ):
        raise NooitOpenbaar(_("Het rapport van dit onderzoek hoort bij een melding en wordt nooit openbaar gemaakt."))
    if _besloten_niet_openbaar(obj):
        raise BeslotenNietOpenbaar(
            _("Besloten is om het rapport van dit onderzoek niet openbaar te maken; het wordt niet gepubliceerd.")
        )


def is_meldingdocument(document_pk):
    """Whether a document is, or was, part of a report: marked when it was linked, or linked."""
    return (
        Document.objects.filter(pk=document_pk, van_melding=True).exists()
        or Melding.objects.filter(
            Q(documenten=document_pk) | Q(brieven__document=document_pk) | Q(zelfonderzoek__document=document_pk)
        ).exists()
    )


def markeer_meldingdocumenten(pks):
    pks = [pk for pk in pks if pk is not None]
    if pks:
        Document.objects.filter(pk__in=pks, van_melding=False).update(van_melding=True)


def on_report_documents_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A document added to a report's documents is marked, from either side of the relation."""
    if action != "post_add":
        return
    markeer_meldingdocumenten([instance.pk] if reverse else pk_set or [])


def _meldingteksten(leerpunt):
    """The texts of reports a learning could take over: what every report, self-investigation,
    letter and extension says in its own fields, and the documents of the reports of the
    learning's space and of the report it comes from."""
    yield from Melding.objects.values_list("samenvatting", flat=True).iterator(chunk_size=500)
    yield from Melding.objects.exclude(beoordeling_toelichting="").values_list("beoordeling_toelichting", flat=True)
    yield from Zelfonderzoek.objects.exclude(toelichting="").values_list("toelichting", flat=True)
    yield from MeldingBrief.objects.exclude(toelichting="").values_list("toelichting", flat=True)
    yield from MeldingUitstel.objects.values_list("reden", flat=True)
    meldingen = Melding.objects.filter(Q(ruimte=leerpunt.ruimte_id) | Q(pk=leerpunt.melding_id))
    documenten = (
        Q(document__in=meldingen.values("documenten"))
        | Q(document__in=Zelfonderzoek.objects.filter(melding__in=meldingen).values("document"))
        | Q(document__in=MeldingBrief.objects.filter(melding__in=meldingen).values("document"))
    )
    from .inhoud import DocumentVersie

    yield from DocumentVersie.objects.filter(documenten).exclude(tekst="").values_list("tekst", flat=True)


def weiger_meldingtekst(leerpunt, teksten):
    """The hard rule for what a learning says once it reaches beyond its space: no passage of a
    report's text pasted into its title, text, recommendations or notes (`teksten`). Called by
    every widening and by every text added to a learning that is already wider. The reports of
    every space count (a member may have pasted from another space of theirs); the refusal
    names only the passage of the learning's own text, nothing of the report."""
    from ..passages import Passages

    passages = Passages(teksten)
    for bron in _meldingteksten(leerpunt):
        gevonden = passages.uit(bron)
        if gevonden:
            raise ValidationError(
                _(
                    "Deze tekst neemt letterlijk tekst over uit een melding, een zelfonderzoek of een brief "
                    "daarover („%(passage)s”). Die worden nooit openbaar gemaakt: schrijf het leerpunt in "
                    "eigen woorden."
                )
                % {"passage": gevonden}
            )


class Aanbieder(models.Model):
    """A provider of support. Providers are not secret; what is known about them is, so a
    provider's page lists only what the user may see in spaces."""

    naam = models.CharField(_("naam"), max_length=200)
    kvk_nummer = models.CharField(
        _("KvK-nummer"), max_length=8, unique=True, null=True, blank=True, validators=[kvk_validator]
    )
    gemeenten = models.ManyToManyField(
        "portal.Gemeente", blank=True, related_name="aanbieders", verbose_name=_("gemeenten waar de aanbieder werkt")
    )
    voorzieningsoorten = models.ManyToManyField(
        "kennisbank.Voorzieningsoort", blank=True, related_name="+", verbose_name=_("soorten voorziening")
    )
    fictief = models.BooleanField(_("fictief (demo)"), default=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = AanbiederQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanbieder")
        verbose_name_plural = _("aanbieders")
        ordering = ["naam", "pk"]

    def __str__(self):
        return self.naam


class AanbiederLocatie(models.Model):
    aanbieder = models.ForeignKey(
        Aanbieder, on_delete=models.CASCADE, related_name="locaties", verbose_name=_("aanbieder")
    )
    naam = models.CharField(_("naam"), max_length=200, blank=True)
    adres = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    plaats = models.CharField(_("plaats"), max_length=100, blank=True)
    gemeente = models.ForeignKey(
        "portal.Gemeente",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["aanbieder", "plaats", "naam", "pk"]

    def __str__(self):
        return ", ".join(part for part in (self.naam, self.adres, self.plaats) if part)


class Onderzoek(models.Model):
    class Status(models.TextChoices):
        VOORBEREIDING = "voorbereiding", _("Voorbereiding")
        VELDWERK = "veldwerk", _("Veldwerk")
        RAPPORTAGE = "rapportage", _("Rapportage")
        OPENBAARMAKING = "openbaarmaking", _("Openbaarmaking")
        AFGEROND = "afgerond", _("Afgerond")

    ruimte = models.ForeignKey(
        Samenwerkingsruimte, on_delete=models.CASCADE, related_name="onderzoeken", verbose_name=_("ruimte")
    )
    titel = models.CharField(_("titel"), max_length=200)
    toezichtsvorm = models.ForeignKey(
        "kennisbank.ToezichtsvormPage",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("toezichtsvorm"),
    )
    aanleiding = models.TextField(_("aanleiding"), max_length=4000, blank=True)
    # The version of the framework the norms come from; it stays when a newer version appears.
    kader = models.ForeignKey(
        "kennisbank.ToezichtkaderPage", on_delete=models.PROTECT, related_name="+", verbose_name=_("toetsingskader")
    )
    normen = models.ManyToManyField(
        "kennisbank.NormPage", through="OnderzoekNorm", related_name="+", verbose_name=_("normen")
    )
    aanbieders = models.ManyToManyField(Aanbieder, blank=True, related_name="onderzoeken", verbose_name=_("aanbieders"))
    gemeenten = models.ManyToManyField(
        "portal.Gemeente", blank=True, related_name="+", verbose_name=_("betrokken gemeenten")
    )
    organisaties = models.ManyToManyField(
        "portal.Organisatie", blank=True, related_name="+", verbose_name=_("deelnemende toezichthouders")
    )
    coordinerende_organisatie = models.ForeignKey(
        "portal.Organisatie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coördinerende organisatie"),
    )
    contactpersonen = models.TextField(
        _("contactpersonen bij de aanbieder"),
        max_length=2000,
        blank=True,
        help_text=_("Eén naam per regel. Alleen voor de ruimte; de controle op persoonsgegevens kent deze namen."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.VOORBEREIDING)
    gepland_begin = models.DateField(_("geplande start"), null=True, blank=True)
    gepland_eind = models.DateField(_("gepland einde"), null=True, blank=True)
    werkelijk_begin = models.DateField(_("werkelijke start"), null=True, blank=True)
    werkelijk_eind = models.DateField(_("werkelijk einde"), null=True, blank=True)
    rapport_concept = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("conceptrapport")
    )
    rapport_definitief = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("definitief rapport"),
    )
    reactie_aanbieder = models.TextField(_("reactie van de aanbieder"), max_length=3000, blank=True)
    publicatie = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("publicatie in de kennisbank"),
    )
    fictief = models.BooleanField(_("fictief (demo)"), default=False)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = OnderzoekQuerySet.as_manager()

    class Meta:
        verbose_name = _("onderzoek")
        verbose_name_plural = _("onderzoeken")
        ordering = ["-aangemaakt_op", "-pk"]

    def __str__(self):
        return self.titel

    def save(self, *args, **kwargs):
        # A report decided not to be published, or one that is a calamity report's document,
        # never gets a publication, whichever path attaches it. Checked when it is attached:
        # a document of a published report linked to a report afterwards does not make the
        # investigation impossible to save.
        if self.publicatie_id and (
            self.publicatie_id != self._opgeslagen_publicatie() or _besloten_niet_openbaar(self)
        ):
            weiger_openbaarmaking(self)
        super().save(*args, **kwargs)

    def _opgeslagen_publicatie(self):
        if self._state.adding or self.pk is None:
            return None
        return type(self).objects.filter(pk=self.pk).values_list("publicatie", flat=True).first()

    @property
    def is_open(self):
        return self.status != self.Status.AFGEROND

    @classmethod
    def check_statuswijziging(cls, van, naar):
        """The framework's phases in their order: forward to any later one, or back to the one
        before (a report sent back to fieldwork, say); anything else raises ValidationError."""
        volgorde = list(cls.Status.values)
        if naar not in volgorde:
            raise ValidationError({"status": _("Kies een status uit de lijst.")})
        if van not in volgorde or volgorde.index(naar) >= volgorde.index(van) - 1:
            return
        raise ValidationError(
            {
                "status": _(
                    "De status volgt de fasen van het onderzoek (%(fasen)s): vooruit naar een latere fase, of één "
                    "fase terug. Van ‘%(van)s’ kan het onderzoek terug naar ‘%(vorige)s’, niet naar ‘%(naar)s’."
                )
                % {
                    "fasen": ", ".join(str(label).lower() for label in cls.Status.labels),
                    "van": cls.Status(van).label,
                    "vorige": cls.Status(volgorde[volgorde.index(van) - 1]).label,
                    "naar": cls.Status(naar).label,
                }
            }
        )


class OnderzoekNorm(models.Model):
    """A norm of the investigation's framework version in its toetsingskader, in order."""

    onderzoek = models.ForeignKey(
        Onderzoek, on_delete=models.CASCADE, related_name="toetsnormen", verbose_name=_("onderzoek")
    )
    norm = models.ForeignKey("kennisbank.NormPage", on_delete=models.PROTECT, related_name="+", verbose_name=_("norm"))
    volgorde = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("norm in het toetsingskader")
        verbose_name_plural = _("normen in het toetsingskader")
        ordering = ["onderzoek", "volgorde", "pk"]
        constraints = [models.UniqueConstraint(fields=["onderzoek", "norm"], name="onderzoeknorm_uniek")]

    def __str__(self):
        return str(self.norm_id)


class Oordeel(models.TextChoices):
    VOLDOET = "voldoet", _("Voldoet")
    VOLDOET_GEDEELTELIJK = "voldoet_gedeeltelijk", _("Voldoet gedeeltelijk")
    VOLDOET_NIET = "voldoet_niet", _("Voldoet niet")
    NIET_GETOETST = "niet_getoetst", _("Niet getoetst")


class Bevinding(models.Model):
    """The judgement of one norm for one provider; every change is kept in BevindingVersie."""

    Oordeel = Oordeel

    onderzoek = models.ForeignKey(
        Onderzoek, on_delete=models.CASCADE, related_name="bevindingen", verbose_name=_("onderzoek")
    )
    norm = models.ForeignKey("kennisbank.NormPage", on_delete=models.PROTECT, related_name="+", verbose_name=_("norm"))
    aanbieder = models.ForeignKey(
        Aanbieder, on_delete=models.PROTECT, related_name="bevindingen", verbose_name=_("aanbieder")
    )
    oordeel = models.CharField(_("oordeel"), max_length=30, choices=Oordeel.choices, default=Oordeel.NIET_GETOETST)
    toelichting = models.TextField(_("toelichting"), max_length=4000, blank=True)
    bewijs = models.ManyToManyField(
        Document, blank=True, related_name="bevindingen", verbose_name=_("onderbouwing (documenten)")
    )
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), auto_now=True)

    objects = BevindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("bevinding")
        verbose_name_plural = _("bevindingen")
        ordering = ["onderzoek", "norm", "aanbieder", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["onderzoek", "norm", "aanbieder"], name="bevinding_per_norm_en_aanbieder")
        ]

    def __str__(self):
        return f"{self.get_oordeel_display()} ({self.pk})"

    @property
    def ruimte_id(self):
        return self.onderzoek.ruimte_id


class BevindingVersie(models.Model):
    bevinding = models.ForeignKey(
        Bevinding, on_delete=models.CASCADE, related_name="versies", verbose_name=_("bevinding")
    )
    oordeel = models.CharField(_("oordeel"), max_length=30, choices=Oordeel.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    bewijs = models.JSONField(_("onderbouwing (documentnummers)"), default=list, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("door")
    )
    op = models.DateTimeField(_("op"), auto_now_add=True)

    objects = BevindingVersieQuerySet.as_manager()

    class Meta:
        verbose_name = _("versie van een bevinding")
        verbose_name_plural = _("versies van bevindingen")
        ordering = ["bevinding", "-op", "-pk"]

    def __str__(self):
        return f"{self.bevinding_id}: {self.oordeel}"


class Procedurestap(models.Model):
    """One step of the framework's publication procedure for an investigation's report. The
    steps, their order and terms are read from the kennisbank's ProcedurePage (the step is
    kept by reference and its title copied, so the history survives an edit of the page)."""

    class Besluit(models.TextChoices):
        OPENBAAR = "openbaar", _("Openbaar maken")
        NIET_OPENBAAR = "niet_openbaar", _("Niet openbaar maken")

    onderzoek = models.ForeignKey(
        Onderzoek, on_delete=models.CASCADE, related_name="procedurestappen", verbose_name=_("onderzoek")
    )
    stap = models.ForeignKey(
        "kennisbank.ProcedureStap", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("stap")
    )
    volgorde = models.PositiveIntegerField(_("volgorde"))
    titel = models.CharField(_("titel"), max_length=255)
    begonnen_op = models.DateField(_("begonnen op"))
    uiterlijk_op = models.DateField(_("uiterlijk op"), null=True, blank=True)
    vroegst_op = models.DateField(_("niet eerder dan"), null=True, blank=True)
    uitstel_tot = models.DateField(_("uitstel tot"), null=True, blank=True)
    uitstel_reden = models.TextField(_("reden van het uitstel"), max_length=2000, blank=True)
    afgerond_op = models.DateField(_("afgerond op"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting"), max_length=4000, blank=True)
    # Only on the decision step: to publish or not. Not to publish closes the procedure.
    besluit = models.CharField(_("besluit over de openbaarmaking"), max_length=20, choices=Besluit.choices, blank=True)
    motivering = models.TextField(_("motivering van het besluit"), max_length=4000, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("door")
    )

    objects = ProcedurestapQuerySet.as_manager()

    class Meta:
        verbose_name = _("stap van de openbaarmaking")
        verbose_name_plural = _("stappen van de openbaarmaking")
        ordering = ["onderzoek", "volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["onderzoek", "volgorde"], name="procedurestap_uniek"),
            models.CheckConstraint(
                condition=~Q(besluit="niet_openbaar") | ~Q(motivering=""), name="procedurestap_niet_openbaar_motivering"
            ),
        ]

    def __str__(self):
        return self.titel

    @property
    def termijn(self):
        return self.uitstel_tot or self.uiterlijk_op


class Melding(models.Model):
    """A calamity or violence report. Never public (see `weiger_openbaarmaking`)."""

    class Soort(models.TextChoices):
        CALAMITEIT = "calamiteit", _("Calamiteit")
        GEWELD = "geweld", _("Geweld bij de verstrekking van een voorziening")

    class Status(models.TextChoices):
        ONTVANGEN = "ontvangen", _("Ontvangen")
        ZELFONDERZOEK = "zelfonderzoek", _("Zelfonderzoek loopt")
        BEOORDELING = "beoordeling", _("Zelfonderzoek in beoordeling")
        OPVOLGING = "opvolging", _("In opvolging")
        AFGESLOTEN = "afgesloten", _("Afgesloten")

    class Beoordeling(models.TextChoices):
        SLUITEN = "sluiten", _("Melding sluiten")
        TOELICHTING = "toelichting", _("Om een toelichting of aanvulling vragen")
        OPVOLGINGSONDERZOEK = (
            "opvolgingsonderzoek",
            _("Opvolgingsonderzoek (implementatie verbetermaatregelen toetsen)"),
        )
        OVERNEMEN = "overnemen", _("Het onderzoek overnemen")
        ANDERE_VORM = "andere_vorm", _("Een andere vorm van toezicht inzetten")

    ruimte = models.ForeignKey(
        Samenwerkingsruimte, on_delete=models.CASCADE, related_name="meldingen", verbose_name=_("ruimte")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    aanbieder = models.ForeignKey(
        Aanbieder, on_delete=models.PROTECT, related_name="meldingen", verbose_name=_("aanbieder")
    )
    gemeenten = models.ManyToManyField(
        "portal.Gemeente", blank=True, related_name="+", verbose_name=_("betrokken gemeenten")
    )
    coordinerende_organisatie = models.ForeignKey(
        "portal.Organisatie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coördinerende organisatie"),
    )
    datum_gebeurtenis = models.DateField(_("datum van de gebeurtenis"))
    datum_gemeld = models.DateField(_("datum van de melding"))
    tijdig_gemeld = models.BooleanField(_("tijdig gemeld"), default=True, editable=False)
    # The term is the kennisbank's and may change; a report keeps the one it was judged by.
    meldtermijn_werkdagen = models.PositiveSmallIntegerField(
        _("meldtermijn (werkdagen)"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Het aantal werkdagen waarbinnen de melding gedaan moest worden, volgens de kennisbank op de dag "
            "van de gebeurtenis. Leeg bij een oude melding waarvan de termijn niet meer te achterhalen was."
        ),
    )
    samenvatting = models.TextField(_("vertrouwelijke samenvatting"), max_length=8000)
    betrokkenen = models.TextField(
        _("namen van betrokkenen"),
        max_length=2000,
        blank=True,
        help_text=_("Eén naam per regel. Alleen voor de ruimte; de controle op persoonsgegevens kent deze namen."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ONTVANGEN)
    zelfonderzoek_uiterlijk = models.DateField(_("zelfonderzoek uiterlijk"), editable=False)
    beoordeling = models.CharField(
        _("uitkomst van de beoordeling"), max_length=30, choices=Beoordeling.choices, blank=True
    )
    beoordeling_toelichting = models.TextField(_("toelichting op de beoordeling"), max_length=4000, blank=True)
    beoordeeld_op = models.DateField(_("beoordeeld op"), null=True, blank=True)
    afgesloten_op = models.DateField(_("afgesloten op"), null=True, blank=True)
    documenten = models.ManyToManyField(Document, blank=True, related_name="+", verbose_name=_("documenten"))
    fictief = models.BooleanField(_("fictief (demo)"), default=False)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = MeldingQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-datum_gemeld", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(datum_gemeld__gte=models.F("datum_gebeurtenis")), name="melding_niet_voor_gebeurtenis"
            )
        ]
        # The due items of "Mijn samenwerking": the open reports of the user's spaces by their
        # term, without reading the closed ones of past years.
        indexes = [
            models.Index(fields=["ruimte", "status", "zelfonderzoek_uiterlijk"], name="melding_open_termijn_idx")
        ]

    def __str__(self):
        return self.weergavenaam(self.get_soort_display(), self.datum_gemeld)

    @staticmethod
    def weergavenaam(soort_label, datum_gemeld):
        """How a report is named, from its kind's label and its date (for lists built from rows)."""
        return f"{soort_label} {datum_gemeld:%d-%m-%Y}"

    @staticmethod
    def meldtermijn_tekst(werkdagen, tijdig):
        """Whether a report came within its term, naming the term ("binnen 3 werkdagen gemeld");
        for lists built from rows too. Without a known term: "tijdig gemeld"."""
        if werkdagen is None:
            return gettext("tijdig gemeld") if tijdig else gettext("niet tijdig gemeld")
        if tijdig:
            tekst = ngettext("binnen %(n)d werkdag gemeld", "binnen %(n)d werkdagen gemeld", werkdagen)
        else:
            tekst = ngettext("niet binnen %(n)d werkdag gemeld", "niet binnen %(n)d werkdagen gemeld", werkdagen)
        return tekst % {"n": werkdagen}

    @property
    def meldtermijn_oordeel(self):
        return self.meldtermijn_tekst(self.meldtermijn_werkdagen, self.tijdig_gemeld)

    _DATA = ("datum_gebeurtenis", "datum_gemeld")

    @classmethod
    def from_db(cls, db, field_names, values):
        melding = super().from_db(db, field_names, values)
        melding._geladen_data = {veld: melding.__dict__[veld] for veld in cls._DATA if veld in melding.__dict__}
        return melding

    def _nieuwe_data(self):
        """Whether the report is new or its dates differ from those it was judged by."""
        geladen = getattr(self, "_geladen_data", {})
        return self._state.adding or any(getattr(self, veld) != waarde for veld, waarde in geladen.items())

    def clean(self):
        super().clean()
        if self.datum_gebeurtenis and self.datum_gemeld and self.datum_gemeld < self.datum_gebeurtenis:
            raise ValidationError({"datum_gemeld": _("De melding kan niet vóór de gebeurtenis zijn gedaan.")})

    def save(self, *args, **kwargs):
        from ..termijnen import binnen_werkdagen, calamiteitstermijnen, zelfonderzoek_uiterlijk

        # Judged once, by the kennisbank's terms of its dates: a later edit of the form of
        # supervision (or its unpublication) neither judges a recorded report again nor stops
        # its course. Only new dates are judged anew.
        opnieuw = self._nieuwe_data()
        if opnieuw:
            self.meldtermijn_werkdagen = calamiteitstermijnen(self.datum_gebeurtenis).melden_werkdagen
            self.tijdig_gemeld = binnen_werkdagen(self.datum_gebeurtenis, self.datum_gemeld, self.meldtermijn_werkdagen)
        laatste = self.uitstellen.order_by("-pk").first() if self.pk else None
        if laatste:
            self.zelfonderzoek_uiterlijk = laatste.nieuwe_termijn
        elif opnieuw or self.zelfonderzoek_uiterlijk is None:
            weken = calamiteitstermijnen(self.datum_gemeld).zelfonderzoek_weken
            self.zelfonderzoek_uiterlijk = zelfonderzoek_uiterlijk(self.datum_gemeld, weken)
        super().save(*args, **kwargs)
        self._geladen_data = {veld: getattr(self, veld) for veld in self._DATA}

    @property
    def is_open(self):
        return self.status != self.Status.AFGESLOTEN


class Zelfonderzoek(models.Model):
    """The provider's own investigation of the calamity, received by the supervisor."""

    melding = models.OneToOneField(
        Melding, on_delete=models.CASCADE, related_name="zelfonderzoek", verbose_name=_("melding")
    )
    ontvangen_op = models.DateField(_("ontvangen op"))
    document = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("document")
    )
    toelichting = models.TextField(_("toelichting"), max_length=4000, blank=True)

    objects = MeldingOnderdeelQuerySet.as_manager()

    class Meta:
        verbose_name = _("zelfonderzoek")
        verbose_name_plural = _("zelfonderzoeken")

    def __str__(self):
        return f"Zelfonderzoek {self.pk}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        markeer_meldingdocumenten([self.document_id])


class MeldingUitstel(models.Model):
    """An extension of the self-investigation's term, with its reasons; the last one counts."""

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="uitstellen", verbose_name=_("melding"))
    reden = models.TextField(_("reden"), max_length=2000)
    nieuwe_termijn = models.DateField(_("nieuwe termijn"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("door")
    )
    op = models.DateTimeField(_("op"), auto_now_add=True)

    objects = MeldingOnderdeelQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitstel")
        verbose_name_plural = _("uitstellen")
        ordering = ["melding", "pk"]

    def __str__(self):
        return f"{self.nieuwe_termijn}"


class MeldingBrief(models.Model):
    class Soort(models.TextChoices):
        TERUGKOPPELING = "terugkoppeling", _("Brief met de bevindingen")
        AFSLUITING = "afsluiting", _("Afsluitbrief")

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="brieven", verbose_name=_("melding"))
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    verzonden_op = models.DateField(_("verzonden op"))
    document = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("document")
    )
    # The letter goes to the provider with a copy to the aldermen of the municipalities concerned.
    kopie_aan = models.ManyToManyField(
        "portal.Gemeente", blank=True, related_name="+", verbose_name=_("kopie aan de wethouder(s) van")
    )
    toelichting = models.TextField(_("toelichting"), max_length=4000, blank=True)

    objects = MeldingOnderdeelQuerySet.as_manager()

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        ordering = ["melding", "verzonden_op", "pk"]

    def __str__(self):
        return self.get_soort_display()

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        markeer_meldingdocumenten([self.document_id])


class Thema(models.Model):
    """A theme learnings are tagged with: the Jaarbeeld 2016 themes and those editors add."""

    naam = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    bron = models.CharField(_("bron"), max_length=255, blank=True)
    pagina = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pagina in de kennisbank"),
    )

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Reikwijdte(models.TextChoices):
    RUIMTE = "ruimte", _("De ruimte")
    TOEZICHTHOUDERS = "toezichthouders", _("Alle toezichthouders in het portaal")
    OPENBAAR = "openbaar", _("Openbaar in de kennisbank")


REIKWIJDTE_VOLGORDE = [Reikwijdte.RUIMTE, Reikwijdte.TOEZICHTHOUDERS, Reikwijdte.OPENBAAR]


class Leerpunt(models.Model):
    """A de-identified lesson. Its reach widens one step at a time, each a coordinator's
    recorded decision; `reikwijdte` always equals the last decision's `naar`."""

    Reikwijdte = Reikwijdte

    ruimte = models.ForeignKey(
        Samenwerkingsruimte, on_delete=models.CASCADE, related_name="leerpunten", verbose_name=_("ruimte")
    )
    titel = models.CharField(_("titel"), max_length=200)
    tekst = models.TextField(_("tekst"), max_length=8000)
    onderzoek = models.ForeignKey(
        Onderzoek,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leerpunten",
        verbose_name=_("onderzoek"),
    )
    melding = models.ForeignKey(
        Melding, on_delete=models.SET_NULL, null=True, blank=True, related_name="leerpunten", verbose_name=_("melding")
    )
    normen = models.ManyToManyField("kennisbank.NormPage", blank=True, related_name="+", verbose_name=_("normen"))
    themas = models.ManyToManyField(Thema, blank=True, related_name="leerpunten", verbose_name=_("thema's"))
    aanbieders = models.ManyToManyField(Aanbieder, blank=True, related_name="leerpunten", verbose_name=_("aanbieders"))
    gemeenten = models.ManyToManyField("portal.Gemeente", blank=True, related_name="+", verbose_name=_("gemeenten"))
    reikwijdte = models.CharField(
        _("zichtbaar voor"), max_length=20, choices=Reikwijdte.choices, default=Reikwijdte.RUIMTE, editable=False
    )
    pagina = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pagina in de kennisbank"),
    )
    fictief = models.BooleanField(_("fictief (demo)"), default=False)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = LeerpuntQuerySet.as_manager()

    class Meta:
        verbose_name = _("leerpunt")
        verbose_name_plural = _("leerpunten")
        ordering = ["-aangemaakt_op", "-pk"]

    def __str__(self):
        return self.titel

    def volgende_reikwijdte(self):
        index = REIKWIJDTE_VOLGORDE.index(self.reikwijdte)
        return REIKWIJDTE_VOLGORDE[index + 1] if index + 1 < len(REIKWIJDTE_VOLGORDE) else None

    def verruim(self, naar, *, door, reden, bevestigde_signalen=()):
        """Widen the reach by exactly one step and record the decision, in one transaction.
        Whether `door` may decide (a coordinator of the space) is the caller's check; the
        rule that a reach only grows one recorded step at a time is kept here, for every caller."""
        from django.db import transaction

        if not reden or not reden.strip():
            raise ValidationError({"reden": _("Geef aan waarom het leerpunt breder zichtbaar wordt.")})
        with transaction.atomic():
            current = type(self).objects.select_for_update().get(pk=self.pk)
            if naar != current.volgende_reikwijdte():
                raise ValidationError(
                    {
                        "naar": _("Een leerpunt wordt stap voor stap breder zichtbaar: de volgende stap is %(stap)s.")
                        % {
                            "stap": Reikwijdte(current.volgende_reikwijdte()).label
                            if current.volgende_reikwijdte()
                            else "-"
                        }
                    }
                )
            opvolgingen = Opvolging.objects.filter(aanbeveling__leerpunt=current).values_list("toelichting", flat=True)
            weiger_meldingtekst(
                current,
                [current.titel, current.tekst, *current.aanbevelingen.values_list("tekst", flat=True), *opvolgingen],
            )
            verruiming = LeerpuntVerruiming.objects.create(
                leerpunt=current,
                van=current.reikwijdte,
                naar=naar,
                reden=reden.strip(),
                bevestigde_signalen=list(bevestigde_signalen),
                door=door,
                door_email=getattr(door, "email", "") or "",
            )
            type(self).objects.filter(pk=self.pk).update(reikwijdte=naar)
            self.reikwijdte = naar
        return verruiming


class LeerpuntVerruiming(models.Model):
    """A coordinator's decision to widen a learning by one step, with the personal-data
    signals they confirmed were not personal data."""

    leerpunt = models.ForeignKey(
        Leerpunt, on_delete=models.CASCADE, related_name="verruimingen", verbose_name=_("leerpunt")
    )
    van = models.CharField(_("van"), max_length=20, choices=Reikwijdte.choices)
    naar = models.CharField(_("naar"), max_length=20, choices=Reikwijdte.choices)
    reden = models.TextField(_("reden"), max_length=2000)
    bevestigde_signalen = models.JSONField(_("bevestigde signalen"), default=list, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("door")
    )
    door_email = models.CharField(_("e-mailadres van de beslisser"), max_length=254, blank=True)
    op = models.DateTimeField(_("op"), auto_now_add=True)

    objects = LeerpuntVerruimingQuerySet.as_manager()

    class Meta:
        verbose_name = _("verruiming")
        verbose_name_plural = _("verruimingen")
        ordering = ["leerpunt", "op", "pk"]

    def __str__(self):
        return f"{self.van} → {self.naar}"


class Aanbeveling(models.Model):
    leerpunt = models.ForeignKey(
        Leerpunt, on_delete=models.CASCADE, related_name="aanbevelingen", verbose_name=_("leerpunt")
    )
    tekst = models.TextField(_("aanbeveling"), max_length=4000)
    organisaties = models.ManyToManyField(
        "portal.Organisatie", through="Opvolging", related_name="+", verbose_name=_("betrokken organisaties")
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = AanbevelingQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanbeveling")
        verbose_name_plural = _("aanbevelingen")
        ordering = ["leerpunt", "pk"]

    def __str__(self):
        return self.tekst[:60]


class Opvolging(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_UITVOERING = "in_uitvoering", _("In uitvoering")
        AFGEROND = "afgerond", _("Afgerond")

    aanbeveling = models.ForeignKey(
        Aanbeveling, on_delete=models.CASCADE, related_name="opvolgingen", verbose_name=_("aanbeveling")
    )
    organisatie = models.ForeignKey(
        "portal.Organisatie", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisatie")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    datum = models.DateField(_("datum"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting"), max_length=2000, blank=True)
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("bijgewerkt door"),
    )
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = OpvolgingQuerySet.as_manager()

    class Meta:
        verbose_name = _("opvolging")
        verbose_name_plural = _("opvolgingen")
        ordering = ["aanbeveling", "organisatie", "pk"]
        constraints = [models.UniqueConstraint(fields=["aanbeveling", "organisatie"], name="opvolging_per_organisatie")]

    def __str__(self):
        return self.get_status_display()


class Toegangsverzoek(models.Model):
    """A supervisor outside a space asks to join because it works on the same provider; the
    space's coordinators decide. Both the request and the decision are also in the audit log."""

    class Besluit(models.TextChoices):
        TOEGEKEND = "toegekend", _("Toegekend")
        AFGEWEZEN = "afgewezen", _("Afgewezen")

    ruimte = models.ForeignKey(
        Samenwerkingsruimte, on_delete=models.CASCADE, related_name="toegangsverzoeken", verbose_name=_("ruimte")
    )
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.CASCADE, related_name="+", verbose_name=_("aanbieder"))
    aanvrager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="toegangsverzoeken",
        verbose_name=_("aanvrager"),
    )
    reden = models.TextField(_("reden"), max_length=2000)
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    besluit = models.CharField(_("besluit"), max_length=20, choices=Besluit.choices, blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    besloten_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    toelichting_besluit = models.TextField(_("toelichting bij het besluit"), max_length=2000, blank=True)

    objects = ToegangsverzoekQuerySet.as_manager()

    class Meta:
        verbose_name = _("toegangsverzoek")
        verbose_name_plural = _("toegangsverzoeken")
        ordering = ["-aangevraagd_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ruimte", "aanvrager"], condition=Q(besluit=""), name="toegangsverzoek_een_open_per_ruimte"
            )
        ]

    def __str__(self):
        return f"Toegangsverzoek {self.pk}"
