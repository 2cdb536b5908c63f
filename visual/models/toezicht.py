"""Who supervises what: supervisors, the situations people ask about, and remits."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class Niveau(models.TextChoices):
    LOKAAL = "lokaal", _("Lokaal")
    REGIONAAL = "regionaal", _("Regionaal")
    RIJK = "rijk", _("Rijk")


NIVEAU_VOLGORDE = [Niveau.LOKAAL, Niveau.REGIONAAL, Niveau.RIJK]


class Taak(models.TextChoices):
    """What a supervisor does in a situation, in the order in which they come into play:
    whoever receives the report acts before whoever supports afterwards."""

    ONTVANGEN = "ontvangen", _("ontvangt de melding of het signaal")
    BEOORDELEN = "beoordelen", _("beoordeelt het zelfonderzoek van de aanbieder")
    ONDERZOEKEN = "onderzoeken", _("onderzoekt")
    OPVOLGEN = "opvolgen", _("volgt op")
    KWALITEIT = "kwaliteit", _("houdt toezicht op de kwaliteit")
    RECHTMATIGHEID = "rechtmatigheid", _("houdt toezicht op de rechtmatigheid")
    STELSEL = "stelsel", _("houdt stelseltoezicht")
    ONAFHANKELIJK_ONDERZOEK = "onafhankelijk-onderzoek", _("doet onafhankelijk onderzoek")
    ONDERSTEUNEN = "ondersteunen", _("ondersteunt")


TAAK_VOLGORDE = list(Taak.values)

# What a remit's source may leave to the editors: the law it pairs the supervisor with, its
# dates, its role. Each one the editors state themselves is listed in `Toezichtsgebied.redactie`.
REDACTIE_ONDERDELEN = ["wet", "begindatum", "einddatum", "rol"]


class GeldigheidQuerySet(models.QuerySet):
    def geldig_op(self, peildatum=None):
        peildatum = peildatum or date.today()
        return self.filter(
            Q(geldig_vanaf__isnull=True) | Q(geldig_vanaf__lte=peildatum),
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=peildatum),
        )

    def beeindigd_op(self, peildatum=None):
        return self.filter(geldig_tot__lt=peildatum or date.today())


class Geldigheid(models.Model):
    geldig_vanaf = models.DateField(_("geldig vanaf"), null=True, blank=True)
    geldig_tot = models.DateField(_("geldig tot en met"), null=True, blank=True)

    class Meta:
        abstract = True

    def is_geldig_op(self, peildatum=None):
        peildatum = peildatum or date.today()
        return (self.geldig_vanaf is None or self.geldig_vanaf <= peildatum) and (
            self.geldig_tot is None or self.geldig_tot >= peildatum
        )


class ToezichthouderQuerySet(GeldigheidQuerySet):
    def aanwijsbaar_door(self, gemeente):
        """Whom a municipality's college can designate as its Wmo supervisor (art. 6.1 Wmo
        2015): a GGD or other regional body, or its own officials; never an inspectorate,
        nor the general role every municipality fills (that is what a designation names)."""
        return self.filter(Q(niveau=Niveau.REGIONAAL) | Q(niveau=Niveau.LOKAAL, gemeente=gemeente))


class Toezichthouder(Geldigheid):
    """A supervisor, or a role every municipality fills itself (its Wmo supervisor)."""

    class Soort(models.TextChoices):
        RIJKSINSPECTIE = "rijksinspectie", _("Rijksinspectie")
        SAMENWERKINGSVERBAND = "samenwerkingsverband", _("Samenwerkingsverband van inspecties")
        REGIONAAL = "regionaal", _("Regionale toezichthouder")
        GEMEENTELIJK = "gemeentelijk", _("Gemeentelijke rol")
        ONDERZOEKER = "onderzoeker", _("Andere onderzoeksinstantie")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    naam = models.CharField(_("naam"), max_length=255)
    afkorting = models.CharField(_("afkorting"), max_length=50, blank=True)
    niveau = models.CharField(_("niveau"), max_length=20, choices=Niveau.choices)
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    per_gemeente = models.BooleanField(
        _("rol van elke gemeente"),
        default=False,
        help_text=_(
            "Aan als elke gemeente deze rol zelf invult; de naam wordt dan met de "
            "gemeente getoond, bijvoorbeeld 'toezichthouder Wmo van de gemeente Ede'."
        ),
    )
    organisatie = models.ForeignKey(
        "portal.Organisatie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    gemeente = models.ForeignKey(
        "portal.Gemeente",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigen toezichthouder van de gemeente"),
        help_text=_("Alleen voor de eigen toezichthouders Wmo die één gemeente heeft aangewezen."),
    )
    website = models.URLField(_("website"), blank=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    opvolger = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="voorgangers",
        verbose_name=_("opgevolgd door"),
    )
    bron = models.CharField(_("bron"), max_length=500, blank=True)
    bron_pagina = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bron in de kennisbank"),
        help_text=_("De kennisbankpagina van de bron, als het portaal er een heeft."),
    )

    objects = ToezichthouderQuerySet.as_manager()

    panels = [
        FieldPanel("naam"),
        FieldPanel("afkorting"),
        FieldPanel("slug"),
        FieldPanel("niveau"),
        FieldPanel("soort"),
        FieldPanel("per_gemeente"),
        FieldPanel("gemeente"),
        FieldPanel("organisatie"),
        FieldPanel("website"),
        FieldPanel("omschrijving"),
        MultiFieldPanel(
            [FieldPanel("geldig_vanaf"), FieldPanel("geldig_tot"), FieldPanel("opvolger")], heading=_("Geldigheid")
        ),
        FieldPanel("bron"),
        FieldPanel("bron_pagina"),
    ]

    class Meta:
        verbose_name = _("toezichthouder")
        verbose_name_plural = _("toezichthouders")
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def getoonde_bron(self, zichtbaar):
        """The citation as a user sees it: as with a remit's (Toezichtsgebied.getoonde_bron), not
        where it names a page the user may not see."""
        return self.bron if zichtbaar else str(BRON_NIET_OPENBAAR)

    def naam_voor(self, gemeente=None):
        if self.per_gemeente and gemeente is not None:
            return f"{self.naam} ({gemeente.naam})"
        return self.naam


class Situatie(models.Model):
    """A situation someone asks 'who must I tell, who supervises?' about."""

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    naam = models.CharField(_("naam"), max_length=100)
    synoniemen = models.CharField(
        _("andere benamingen"),
        max_length=255,
        blank=True,
        help_text=_("Gescheiden door komma's; de navigator herkent ook deze woorden."),
    )
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    eerste_stap = models.TextField(
        _("eerst"),
        blank=True,
        help_text=_("Wat eerst aan de orde is, voordat een toezichthouder in beeld komt (zoals de klachtenregeling)."),
    )
    eerste_stap_bron = models.CharField(_("bron van de eerste stap"), max_length=500, blank=True)
    eerste_stap_bron_pagina = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bron van de eerste stap in de kennisbank"),
        help_text=_("De kennisbankpagina van die bron, als het portaal er een heeft."),
    )
    volgorde = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("situatie")
        verbose_name_plural = _("situaties")
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam

    def namen(self):
        """Its name and synonyms: what a visitor may type for it."""
        return [self.naam, *[x.strip() for x in self.synoniemen.split(",") if x.strip()]]


class ToezichtsgebiedQuerySet(GeldigheidQuerySet):
    def geldig_op(self, peildatum=None):
        peildatum = peildatum or date.today()
        return (
            super()
            .geldig_op(peildatum)
            .filter(
                Q(toezichthouder__geldig_vanaf__isnull=True) | Q(toezichthouder__geldig_vanaf__lte=peildatum),
                Q(toezichthouder__geldig_tot__isnull=True) | Q(toezichthouder__geldig_tot__gte=peildatum),
            )
        )

    def met_gegevens(self):
        return self.select_related(
            "toezichthouder__opvolger",
            "wet",
            "domein",
            "regio",
        ).prefetch_related(
            "voorzieningsoorten", "gemeenten", "situaties", "wettelijke_grondslag__wet", "kennisbank_paginas"
        )


BRON_NIET_OPENBAAR = _("niet openbaar: een pagina van de kennisbank die voor u niet zichtbaar is")


class Toezichtsgebied(Geldigheid):
    """A remit: supervisor x law x aspect x kinds of voorziening x municipalities x period."""

    class Aspect(models.TextChoices):
        KWALITEIT = "kwaliteit", _("Kwaliteit")
        NALEVING = "naleving", _("Naleving")
        RECHTMATIGHEID = "rechtmatigheid", _("Rechtmatigheid")
        STELSEL = "stelsel", _("Stelsel")
        CALAMITEITENMELDINGEN = "calamiteitenmeldingen", _("Calamiteitenmeldingen")
        ONDERZOEK = "onderzoek", _("Onafhankelijk onderzoek")

    class Dekking(models.TextChoices):
        ALLE = "alle", _("Alle gemeenten")
        LIJST = "lijst", _("Een lijst van gemeenten")
        REGIO = "regio", _("Een regio")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    toezichthouder = models.ForeignKey(
        Toezichthouder, on_delete=models.CASCADE, related_name="toezichtsgebieden", verbose_name=_("toezichthouder")
    )
    wet = models.ForeignKey("kennisbank.Wet", on_delete=models.PROTECT, related_name="+", verbose_name=_("wet"))
    domein = models.ForeignKey(
        "kennisbank.Domein",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("domein"),
        help_text=_("Leeg voor een onderzoeker over alle domeinen heen."),
    )
    aspect = models.CharField(_("aspect"), max_length=30, choices=Aspect.choices)
    rol = models.TextField(_("rol"), help_text=_("Wat deze toezichthouder hier doet, in één of twee zinnen."))
    taken = models.JSONField(
        _("taken"),
        default=list,
        blank=True,
        help_text=_(
            "Wat de toezichthouder hier doet, als lijst van: ontvangen, beoordelen, onderzoeken, "
            "opvolgen, kwaliteit, rechtmatigheid, stelsel, onafhankelijk-onderzoek, ondersteunen. "
            "Bepaalt de volgorde in het antwoord."
        ),
    )
    taakbronnen = models.JSONField(
        _("bron per taak"),
        default=dict,
        blank=True,
        help_text=_('Per taak de bron die zegt dat de toezichthouder dit doet, zoals {"ontvangen": "..."}.'),
    )
    alle_voorzieningen = models.BooleanField(_("alle voorzieningen onder deze wet"), default=True)
    voorzieningsoorten = models.ManyToManyField(
        "kennisbank.Voorzieningsoort",
        blank=True,
        related_name="+",
        verbose_name=_("soorten voorziening"),
        help_text=_("Alleen als niet alle voorzieningen onder de wet vallen."),
    )
    gemeente_als_aanbieder = models.BooleanField(
        _("ook de gemeente als aanbieder (toegang, indicatiestelling)"), default=False
    )
    welzijn = models.BooleanField(_("ook welzijnsactiviteiten"), default=False)
    dekking = models.CharField(_("gemeenten"), max_length=10, choices=Dekking.choices, default=Dekking.ALLE)
    gemeenten = models.ManyToManyField(
        "portal.Gemeente", blank=True, related_name="+", verbose_name=_("lijst van gemeenten")
    )
    regio = models.ForeignKey(
        "portal.Regio", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("regio")
    )
    situaties = models.ManyToManyField(
        Situatie, blank=True, related_name="toezichtsgebieden", verbose_name=_("situaties")
    )
    meldtermijn = models.CharField(
        _("meldtermijn"),
        max_length=255,
        blank=True,
        help_text=_("Alleen bij calamiteitenmeldingen: binnen welke termijn, zoals de bron het zegt."),
    )
    melders = models.CharField(_("wie moet melden"), max_length=500, blank=True)
    meldplichten = models.JSONField(
        _("meldplichten"),
        default=list,
        blank=True,
        help_text=_(
            "Wie hier meldt en op grond waarvan, als lijst van {wie, grondslag, bron}: "
            "ook waar een bron een melder noemt zonder dat de wet het zegt."
        ),
    )
    vervolg = models.TextField(_("wat volgt op een melding"), blank=True)
    terugval = models.BooleanField(
        _("alleen als niets anders is vastgelegd"),
        default=False,
        help_text=_(
            "Aan voor de algemene regel (zoals 'de toezichthouder Wmo van de gemeente'): "
            "getoond als voor de gemeente geen andere toezichthouder dit gebied heeft."
        ),
    )
    uitsluitend = models.BooleanField(
        _("één toezichthouder per gemeente"),
        default=False,
        help_text=_(
            "Aan als per gemeente maar één toezichthouder dit gebied kan hebben; twee "
            "tegelijk worden dan als tegenstrijdig gemeld."
        ),
    )
    hoe_na_te_gaan = models.TextField(
        _("hoe u het nagaat"),
        blank=True,
        help_text=_("Voor een algemene regel: hoe een gemeente vindt wie het bij haar is."),
    )
    wettelijke_grondslag = models.ManyToManyField(
        "kennisbank.Wetsartikel", blank=True, related_name="+", verbose_name=_("wettelijke grondslag")
    )
    bron = models.CharField(_("bron"), max_length=500)
    bron_citaat = models.TextField(
        _("passage uit de bron"),
        blank=True,
        help_text=_("Letterlijk de passage van de bron die de wet en de datums noemt; delen gescheiden door ' … '."),
    )
    redactie = models.JSONField(
        _("vastgesteld door de redactie"),
        default=list,
        blank=True,
        help_text=_(
            "Wat niet in de bron staat maar door de redactie is vastgesteld, als lijst van: wet, "
            "begindatum, einddatum, rol. De bron zegt dan 'redactie, op basis van ...'."
        ),
    )
    bron_url = models.URLField(_("link naar de bron"), blank=True, max_length=500)
    bron_pagina = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bron in de kennisbank"),
        help_text=_("De kennisbankpagina van de bron, als het portaal er een heeft."),
    )
    kennisbank_paginas = models.ManyToManyField(
        "wagtailcore.Page",
        blank=True,
        related_name="+",
        verbose_name=_("kennisbankpagina's"),
        help_text=_("Toezichtkaders, normen, handreikingen en hulpmiddelen die hier gelden."),
    )

    objects = ToezichtsgebiedQuerySet.as_manager()

    panels = [
        FieldPanel("toezichthouder"),
        FieldPanel("slug"),
        FieldPanel("wet"),
        FieldPanel("domein"),
        FieldPanel("aspect"),
        FieldPanel("rol"),
        FieldPanel("taken"),
        FieldPanel("taakbronnen"),
        MultiFieldPanel(
            [
                FieldPanel("alle_voorzieningen"),
                FieldPanel("voorzieningsoorten"),
                FieldPanel("gemeente_als_aanbieder"),
                FieldPanel("welzijn"),
            ],
            heading=_("Voorzieningen"),
        ),
        MultiFieldPanel([FieldPanel("dekking"), FieldPanel("gemeenten"), FieldPanel("regio")], heading=_("Gemeenten")),
        FieldPanel("situaties"),
        MultiFieldPanel(
            [FieldPanel("meldtermijn"), FieldPanel("melders"), FieldPanel("meldplichten"), FieldPanel("vervolg")],
            heading=_("Melden"),
        ),
        MultiFieldPanel(
            [FieldPanel("terugval"), FieldPanel("uitsluitend"), FieldPanel("hoe_na_te_gaan")], heading=_("Regels")
        ),
        MultiFieldPanel([FieldPanel("geldig_vanaf"), FieldPanel("geldig_tot")], heading=_("Geldigheid")),
        FieldPanel("wettelijke_grondslag"),
        FieldPanel("bron"),
        FieldPanel("bron_citaat"),
        FieldPanel("redactie"),
        FieldPanel("bron_url"),
        FieldPanel("bron_pagina"),
        FieldPanel("kennisbank_paginas"),
    ]

    class Meta:
        verbose_name = _("toezichtsgebied")
        verbose_name_plural = _("toezichtsgebieden")
        ordering = ["toezichthouder__naam", "wet__naam", "aspect"]

    def __str__(self):
        return f"{self.toezichthouder} · {self.wet} · {self.get_aspect_display()}"

    @property
    def is_meldpunt(self):
        return self.aspect == self.Aspect.CALAMITEITENMELDINGEN

    def clean(self):
        super().clean()
        onbekend = [t for t in (self.taken or []) if t not in TAAK_VOLGORDE]
        if not isinstance(self.taken, list) or onbekend:
            raise ValidationError(
                {
                    "taken": _("Onbekende taak: %(t)s. Kies uit: %(lijst)s.")
                    % {
                        "t": ", ".join(map(str, onbekend)) or str(self.taken),
                        "lijst": ", ".join(TAAK_VOLGORDE),
                    }
                }
            )
        if not isinstance(self.taakbronnen, dict) or any(t not in TAAK_VOLGORDE for t in self.taakbronnen):
            raise ValidationError(
                {
                    "taakbronnen": _("Geef per taak uit de lijst van taken een bron: %(lijst)s.")
                    % {"lijst": ", ".join(TAAK_VOLGORDE)}
                }
            )
        if not isinstance(self.redactie, list) or any(r not in REDACTIE_ONDERDELEN for r in self.redactie):
            raise ValidationError({"redactie": _("Kies uit: %(lijst)s.") % {"lijst": ", ".join(REDACTIE_ONDERDELEN)}})

    def voorzieningen_label(self):
        if self.alle_voorzieningen:
            parts = [str(_("alle voorzieningen"))]
        else:
            parts = [v.naam for v in self.voorzieningsoorten.all()]
        if self.gemeente_als_aanbieder:
            parts.append(str(_("de gemeente als aanbieder (toegang, indicatiestelling)")))
        if self.welzijn:
            parts.append(str(_("welzijnsactiviteiten")))
        return ", ".join(parts)

    def getoonde_bron(self, zichtbaar):
        """(citation, link) as a user sees them; `zichtbaar` says whether the user may see every
        page the citation names: its source page and the documents whose titles it copies
        (visual/gegevens.py, portal/privacy.py). The citation copies a title ("Toezichtskader
        … 2025, norm 1.2.3") and the link leads to the same document, so where one is hidden
        neither shows: only that the source is not public."""
        if not zichtbaar:
            return str(BRON_NIET_OPENBAAR), ""
        return self.bron, self.bron_url

    def grondslag_label(self):
        return "; ".join(str(a) for a in self.wettelijke_grondslag.all())
