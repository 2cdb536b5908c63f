"""The search index in the database: documents, who may see them, facets and the words.

The analysed tokens (`titel_tokens`, `tekst_tokens`) are what the database's own full-text
engine indexes: an FTS5 table kept in step by triggers on SQLite, a generated `tsvector`
column with a GIN index on PostgreSQL (migration 0005), beside the title's own vector
(0008) and arrays of the principals and facet value numbers that triggers keep in step with
SearchPrincipal and SearchFacet (0009). None of them is a Django field. A future
migration that makes SQLite rebuild `search_searchdocument` drops its triggers: such a
migration must run migration 0005's SQL for SQLite again.

The database index is always written, also when Elasticsearch is the engine: it is the
source the Elasticsearch index is (re)built from and what answers when that engine is down.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    key = models.CharField(_("sleutel"), max_length=200, unique=True)
    soort = models.CharField(_("soort"), max_length=50, db_index=True)
    soort_label = models.CharField(_("soort (label)"), max_length=100)
    titel = models.CharField(_("titel"), max_length=500)
    titel_folded = models.CharField(_("titel (genormaliseerd)"), max_length=500, db_index=True)
    code = models.CharField(_("code"), max_length=50, blank=True, db_index=True)
    url = models.CharField(_("URL"), max_length=1000, blank=True)
    context = models.CharField(_("context"), max_length=500, blank=True)
    tekst = models.TextField(_("tekst"), blank=True)
    tekst_folded = models.TextField(_("tekst (genormaliseerd)"), blank=True)
    titel_tokens = models.TextField(_("titel (geanalyseerd)"), blank=True)
    tekst_tokens = models.TextField(_("tekst (geanalyseerd)"), blank=True)
    datum = models.DateField(_("datum"), null=True, blank=True)
    bijgewerkt = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        verbose_name = _("zoekdocument")
        verbose_name_plural = _("zoekdocumenten")

    def __str__(self):
        return self.titel


class SearchPrincipal(models.Model):
    """Who may see a document: 'public', 'ingelogd', 'groep:3', later 'rol:…' and 'ruimte:42'."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="principals")
    naam = models.CharField(_("principaal"), max_length=100)

    class Meta:
        verbose_name = _("toegang tot zoekdocument")
        verbose_name_plural = _("toegang tot zoekdocumenten")
        constraints = [models.UniqueConstraint(fields=["naam", "document"], name="search_principal_uniek")]


class SearchFacetWaarde(models.Model):
    """One value of a facet ("organisatie" = "igj", labelled "Inspectie …").

    Documents point at it by number, so the facet counts over many thousands of matches
    group small integers from one covering index instead of strings."""

    facet = models.CharField(_("facet"), max_length=30)
    waarde = models.CharField(_("waarde"), max_length=200)
    label = models.CharField(_("label"), max_length=300)

    class Meta:
        verbose_name = _("facetwaarde")
        verbose_name_plural = _("facetwaarden")
        constraints = [models.UniqueConstraint(fields=["facet", "waarde", "label"], name="search_facetwaarde_uniek")]

    def __str__(self):
        return f"{self.facet}: {self.label}"


class SearchFacet(models.Model):
    """A facet value of a document."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facetten")
    facetwaarde = models.ForeignKey(
        SearchFacetWaarde, on_delete=models.CASCADE, related_name="+", verbose_name=_("facetwaarde")
    )

    class Meta:
        verbose_name = _("facetwaarde van een document")
        verbose_name_plural = _("facetwaarden van documenten")
        constraints = [models.UniqueConstraint(fields=["document", "facetwaarde"], name="search_facet_uniek")]

    @property
    def facet(self):
        return self.facetwaarde.facet

    @property
    def waarde(self):
        return self.facetwaarde.waarde

    @property
    def label(self):
        return self.facetwaarde.label


class SearchWord(models.Model):
    """The words of the indexed text, for "bedoelde u …?"."""

    woord = models.CharField(_("woord"), max_length=100, unique=True)
    aantal = models.PositiveIntegerField(_("aantal"), default=1)

    class Meta:
        verbose_name = _("woord")
        verbose_name_plural = _("woorden")


class PendingIndexUpdate(models.Model):
    """An index update the search engine did not take; replayed on the next success."""

    class Actie(models.TextChoices):
        BIJWERKEN = "bijwerken", _("Bijwerken")
        VERWIJDEREN = "verwijderen", _("Verwijderen")
        HERBOUWEN = "herbouwen", _("Alles herbouwen")

    key = models.CharField(_("sleutel"), max_length=200, unique=True)
    actie = models.CharField(_("actie"), max_length=20, choices=Actie.choices)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    pogingen = models.PositiveIntegerField(_("pogingen"), default=1)
    fout = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        verbose_name = _("openstaande indexwijziging")
        verbose_name_plural = _("openstaande indexwijzigingen")
        ordering = ["aangemaakt"]

    def __str__(self):
        return f"{self.get_actie_display()} {self.key}"


class Synoniem(models.Model):
    """A term and its other spellings; searching one finds the others."""

    term = models.CharField(_("term"), max_length=100, unique=True, help_text=_("Bijvoorbeeld de afkorting: IGJ."))
    varianten = models.TextField(
        _("varianten"),
        help_text=_("Eén per regel: de volledige naam, andere schrijfwijzen, een Engelse term."),
    )

    class Meta:
        verbose_name = _("synoniem")
        verbose_name_plural = _("synoniemen")
        ordering = ["term"]

    def __str__(self):
        return self.term

    def variant_list(self):
        return [line.strip() for line in self.varianten.splitlines() if line.strip()]
