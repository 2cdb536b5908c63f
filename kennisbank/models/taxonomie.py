"""The taxonomies every kennisbank page shares: laws, domains, audiences, voorzieningen, topics."""

from urllib.parse import quote

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class SlugSnippet(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    naam = models.CharField(_("naam"), max_length=255)

    class Meta:
        abstract = True
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Domein(SlugSnippet):
    class Meta(SlugSnippet.Meta):
        verbose_name = _("domein")
        verbose_name_plural = _("domeinen")


class Doelgroep(SlugSnippet):
    class Meta(SlugSnippet.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")


class Onderwerp(SlugSnippet):
    class Meta(SlugSnippet.Meta):
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen")


class Voorzieningsoort(SlugSnippet):
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    volgorde = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta(SlugSnippet.Meta):
        verbose_name = _("soort voorziening")
        verbose_name_plural = _("soorten voorziening")
        ordering = ["volgorde", "naam"]


class Wet(SlugSnippet, index.Indexed):
    afkorting = models.CharField(_("afkorting"), max_length=50, blank=True)
    bwb_id = models.CharField(
        _("BWB-id"),
        max_length=20,
        blank=True,
        help_text=_("Identificatie op wetten.overheid.nl, bijvoorbeeld BWBR0035362."),
    )
    domein = models.ForeignKey(Domein, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("domein"))
    vindplaats = models.URLField(
        _("vindplaats"),
        max_length=500,
        blank=True,
        help_text=_("Voor een wet zonder eigen BWB-id, zoals een wijzigingswet: de publicatie in het Staatsblad."),
    )
    wijzigt = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="gewijzigd_door",
        verbose_name=_("wijzigt deze wetten"),
        help_text=_("Voor een wijzigingswet: de wetten die zij heeft gewijzigd."),
    )

    panels = [
        FieldPanel("naam"),
        FieldPanel("afkorting"),
        FieldPanel("slug"),
        FieldPanel("bwb_id"),
        FieldPanel("vindplaats"),
        FieldPanel("wijzigt"),
        FieldPanel("domein"),
    ]
    search_fields = [index.SearchField("naam"), index.SearchField("afkorting")]

    class Meta(SlugSnippet.Meta):
        verbose_name = _("wet")
        verbose_name_plural = _("wetten")

    def __str__(self):
        return self.afkorting or self.naam

    @property
    def url(self):
        return f"https://wetten.overheid.nl/{self.bwb_id}/" if self.bwb_id else self.vindplaats


class Wetsartikel(models.Model):
    wet = models.ForeignKey(Wet, on_delete=models.PROTECT, related_name="artikelen", verbose_name=_("wet"))
    artikel = models.CharField(
        _("artikel"), max_length=30, blank=True, help_text=_("Leeg als de hele wet de grondslag is.")
    )
    lid = models.CharField(_("lid"), max_length=10, blank=True)
    sub = models.CharField(_("onderdeel"), max_length=10, blank=True)

    panels = [FieldPanel("wet"), FieldPanel("artikel"), FieldPanel("lid"), FieldPanel("sub")]

    class Meta:
        verbose_name = _("wetsartikel")
        verbose_name_plural = _("wetsartikelen")
        ordering = ["wet__naam", "artikel", "lid", "sub"]
        constraints = [
            models.UniqueConstraint(fields=["wet", "artikel", "lid", "sub"], name="uniek_wetsartikel"),
        ]

    def __str__(self):
        if not self.artikel:
            return str(self.wet)
        parts = [f"art. {self.artikel}"]
        if self.lid:
            parts.append(f"lid {self.lid}")
        if self.sub:
            parts.append(f"sub {self.sub}")
        return f"{' '.join(parts)} {self.wet}"

    @property
    def url(self):
        """The article on wetten.overheid.nl through its Juriconnect reference."""
        if not self.wet.bwb_id:
            return ""
        if not self.artikel:
            return self.wet.url
        url = f"https://wetten.overheid.nl/jci1.3:c:{self.wet.bwb_id}&artikel={quote(self.artikel)}"
        if self.lid:
            url += f"&lid={quote(self.lid)}"
        return url
