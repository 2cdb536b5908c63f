"""The calamity practice case: a fictional case told in chapters, each chapter seen from
several professionals' perspectives, with reflection questions and a discussion guide.

Other code (the group sessions in samenwerking/, the views) reads a case through the
plain-Python API below, never through the stream data itself."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .base import KennisbankPage

MAX_ANTWOORD = 2000

PERSPECTIEVEN = [
    ("huisarts", _("Huisarts")),
    ("kinderopvang", _("Kinderopvang")),
    ("ggz", _("Ggz")),
    ("onderwijs", _("Onderwijs")),
    ("wijkteam", _("Wijkteam")),
    ("jgz", _("Jeugdgezondheidszorg (consultatiebureau)")),
    ("schoolmaatschappelijk-werk", _("Schoolmaatschappelijk werk")),
    ("veilig-thuis", _("Veilig Thuis")),
    ("jeugdbescherming", _("Jeugdbescherming")),
    ("politie", _("Politie")),
    ("verslavingszorg", _("Verslavingszorg")),
    ("woningcorporatie", _("Woningcorporatie")),
]
PERSPECTIEF_LABELS = dict(PERSPECTIEVEN)

SOORT_OPEN = "open"
SOORT_MEERKEUZE = "meerkeuze"
VRAAGSOORTEN = [(SOORT_OPEN, _("Open vraag")), (SOORT_MEERKEUZE, _("Meerkeuzevraag"))]


class OptieBlock(blocks.StructBlock):
    tekst = blocks.CharBlock(label=_("keuze"), max_length=500)
    feedback = blocks.TextBlock(label=_("feedback"), help_text=_("Wat de speler leest na deze keuze."))
    vervolg = blocks.TextBlock(
        label=_("vervolg"),
        required=False,
        help_text=_("Wat er na deze keuze gebeurde, of had kunnen gebeuren."),
    )

    class Meta:
        label = _("Keuze")


class VraagBlock(blocks.StructBlock):
    vraag = blocks.TextBlock(label=_("vraag"))
    soort = blocks.ChoiceBlock(choices=VRAAGSOORTEN, default=SOORT_OPEN, label=_("soort vraag"))
    opties = blocks.ListBlock(OptieBlock(), default=[], label=_("keuzes"))

    class Meta:
        label = _("Reflectievraag")

    def clean(self, value):
        value = super().clean(value)
        aantal = len(value["opties"])
        if value["soort"] == SOORT_MEERKEUZE and aantal < 2:
            raise StructBlockValidationError(
                {"opties": ValidationError(_("Een meerkeuzevraag heeft minstens twee keuzes."))}
            )
        if value["soort"] == SOORT_OPEN and aantal:
            raise StructBlockValidationError(
                {"opties": ValidationError(_("Een open vraag heeft geen keuzes; kies 'Meerkeuzevraag'."))}
            )
        return value


class PerspectiefBlock(blocks.StructBlock):
    professional = blocks.ChoiceBlock(choices=PERSPECTIEVEN, label=_("professional"))
    zag = blocks.TextBlock(label=_("wat zag deze professional?"), required=False)
    wist = blocks.TextBlock(label=_("wat wist deze professional?"), required=False)
    deed = blocks.TextBlock(label=_("wat deed deze professional?"), required=False)
    wist_niet = blocks.TextBlock(label=_("wat wist deze professional niet?"), required=False)

    class Meta:
        label = _("Perspectief")


class HoofdstukBlock(blocks.StructBlock):
    titel = blocks.CharBlock(label=_("titel"), max_length=255)
    moment = blocks.CharBlock(label=_("moment"), max_length=100, help_text=_("Bijvoorbeeld: Maart 2023"))
    verhaal = blocks.TextBlock(label=_("verhaal"))
    perspectieven = blocks.ListBlock(PerspectiefBlock(), default=[], label=_("perspectieven"))
    vragen = blocks.ListBlock(VraagBlock(), default=[], label=_("reflectievragen"))

    class Meta:
        icon = "time"
        label = _("Hoofdstuk")

    def clean(self, value):
        value = super().clean(value)
        gezien = set()
        for item in value["perspectieven"]:
            if item["professional"] in gezien:
                raise StructBlockValidationError(
                    {
                        "perspectieven": ValidationError(
                            _("%(label)s staat twee keer in dit hoofdstuk.")
                            % {"label": PERSPECTIEF_LABELS[item["professional"]]}
                        )
                    }
                )
            gezien.add(item["professional"])
        return value


class ThemaBlock(blocks.StructBlock):
    titel = blocks.CharBlock(label=_("titel"), max_length=255)
    toelichting = blocks.TextBlock(label=_("toelichting"))
    gespreksvragen = blocks.ListBlock(blocks.TextBlock(label=_("gespreksvraag")), default=[], label=_("gespreksvragen"))
    criteria = blocks.ListBlock(
        blocks.PageChooserBlock(
            page_type=[
                "kennisbank.NormPage",
                "kennisbank.KaderOnderdeelPage",
                "kennisbank.PublicatiePage",
                "kennisbank.HandreikingPage",
            ],
            label=_("kennisbankpagina"),
        ),
        default=[],
        label=_("criteria en thema's"),
        help_text=_("Normen en onderdelen van een toezichtkader, en thema's of rapporten uit de kennisbank."),
    )

    class Meta:
        icon = "help"
        label = _("Thema")


class HoofdstukkenBlock(blocks.StreamBlock):
    hoofdstuk = HoofdstukBlock()

    class Meta:
        label = _("Hoofdstukken")

    def clean(self, value):
        value = super().clean(value)
        if not value:
            raise StreamBlockValidationError(non_block_errors=[_("Een casus heeft minstens één hoofdstuk.")])
        return value


class NabesprekingBlock(blocks.StreamBlock):
    thema = ThemaBlock()

    class Meta:
        label = _("Nabespreking")


@dataclass(frozen=True)
class Optie:
    nummer: int
    tekst: str
    feedback: str
    vervolg: str


@dataclass(frozen=True)
class Vraag:
    id: str
    tekst: str
    soort: str
    opties: list = field(default_factory=list)

    @property
    def meerkeuze(self):
        return self.soort == SOORT_MEERKEUZE

    def optie(self, nummer):
        return next((optie for optie in self.opties if optie.nummer == nummer), None)


@dataclass(frozen=True)
class Perspectief:
    slug: str
    label: str
    zag: str
    wist: str
    deed: str
    wist_niet: str


@dataclass(frozen=True)
class Hoofdstuk:
    nummer: int
    titel: str
    moment: str
    verhaal: str
    perspectieven: dict = field(default_factory=dict)
    vragen: list = field(default_factory=list)


@dataclass(frozen=True)
class Thema:
    titel: str
    toelichting: str
    gespreksvragen: list
    criteria: list


def _vraag(child):
    value = child.value
    return Vraag(
        id=str(child.id),
        tekst=value["vraag"],
        soort=value["soort"],
        opties=[
            Optie(nummer=n, tekst=o["tekst"], feedback=o["feedback"], vervolg=o["vervolg"] or "")
            for n, o in enumerate(value["opties"], start=1)
        ],
    )


class OefencasusPage(RoutablePageMixin, KennisbankPage):
    fictief = models.BooleanField(
        _("fictieve casus"),
        default=True,
        help_text=_("Een fictieve casus toont op elke stap de melding 'Fictieve casus'."),
    )
    inleiding = models.TextField(_("inleiding"), blank=True)
    hoofdstukken = StreamField(HoofdstukkenBlock(), verbose_name=_("hoofdstukken"))
    nabespreking = StreamField(NabesprekingBlock(), blank=True, verbose_name=_("nabespreking"))

    soort_label = _("Oefencasus")
    soort_slug = "oefencasus"
    parent_page_types = ["kennisbank.KennisbankIndexPage"]
    subpage_types = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("fictief"),
        FieldPanel("samenvatting"),
        FieldPanel("inleiding"),
        FieldPanel("hoofdstukken"),
        FieldPanel("nabespreking"),
    ]
    promote_panels = [*Page.promote_panels, *KennisbankPage.taxonomy_panels]
    search_fields = [
        *KennisbankPage.search_fields,
        index.SearchField("inleiding"),
        index.SearchField("hoofdstukken"),
        index.SearchField("nabespreking"),
    ]

    class Meta:
        verbose_name = _("oefencasus")
        verbose_name_plural = _("oefencasussen")

    # --- playing alone -------------------------------------------------------------
    def get_context(self, request, *args, **kwargs):
        from ..oefencasus_spel import begonnen_perspectieven

        context = super().get_context(request, *args, **kwargs)
        begonnen = begonnen_perspectieven(request, self)
        context["hoofdstukken"] = self.hoofdstuk_lijst()
        context["perspectief_links"] = [
            {"slug": slug, "label": label, "url": self.speel_url(slug, 1), "bezig": slug in begonnen}
            for slug, label in self.perspectief_keuzes()
        ]
        return context

    def speel_url(self, perspectief, nummer):
        return self.url + self.reverse_subpage("hoofdstuk", args=[perspectief, nummer])

    def tijdlijn_url(self, perspectief):
        return self.url + self.reverse_subpage("tijdlijn", args=[perspectief])

    def _perspectief(self, slug):
        keuzes = dict(self.perspectief_keuzes())
        if slug not in keuzes:
            raise Http404(_("Dit perspectief komt in deze casus niet voor."))
        return slug, keuzes[slug]

    @path("")
    def inleiding_view(self, request):
        return self.render(request)

    @path("speel/<str:perspectief>/<int:nummer>/", name="hoofdstuk")
    def hoofdstuk_view(self, request, perspectief, nummer):
        from ..oefencasus_spel import HoofdstukForm, beantwoord, bewaar_antwoorden, lees_antwoorden

        slug, label = self._perspectief(perspectief)
        hoofdstukken = self.hoofdstuk_lijst()
        if not 1 <= nummer <= len(hoofdstukken):
            raise Http404(_("Dit hoofdstuk bestaat niet."))
        hoofdstuk = hoofdstukken[nummer - 1]
        antwoorden = lees_antwoorden(request, self, slug)
        status = 200
        if request.method == "POST":
            form = HoofdstukForm(hoofdstuk, request.POST)
            if form.is_valid():
                bewaar_antwoorden(request, self, slug, form.antwoorden())
                return HttpResponseRedirect(self.speel_url(slug, nummer) + "#antwoorden")
            status = 400
        else:
            form = HoofdstukForm(hoofdstuk, initial=HoofdstukForm.initial_from(hoofdstuk, antwoorden))
        context = {
            **self.get_context(request),
            "perspectief": slug,
            "perspectief_label": label,
            "hoofdstuk": hoofdstuk,
            "mijn_perspectief": hoofdstuk.perspectieven.get(slug),
            "form": form,
            "beantwoord": [rij for rij in beantwoord(hoofdstuk.vragen, antwoorden) if rij[1]],
            "vorige_url": self.speel_url(slug, nummer - 1) if nummer > 1 else None,
            "volgende_url": self.speel_url(slug, nummer + 1) if nummer < len(hoofdstukken) else None,
            "tijdlijn_url": self.tijdlijn_url(slug),
            "hoofdstuk_links": [(h, self.speel_url(slug, h.nummer)) for h in hoofdstukken],
        }
        return TemplateResponse(request, "kennisbank/oefencasus/hoofdstuk.html", context, status=status)

    @path("speel/<str:perspectief>/tijdlijn/", name="tijdlijn")
    def tijdlijn_view(self, request, perspectief):
        from ..oefencasus_spel import beantwoord, lees_antwoorden, wis_antwoorden

        slug, label = self._perspectief(perspectief)
        if request.method == "POST":
            wis_antwoorden(request, self, slug)
            return HttpResponseRedirect(self.speel_url(slug, 1))
        hoofdstukken = self.hoofdstuk_lijst()
        antwoorden = lees_antwoorden(request, self, slug)
        keuzes = self.perspectief_keuzes()
        context = {
            **self.get_context(request),
            "perspectief": slug,
            "perspectief_label": label,
            "keuzes": keuzes,
            "rijen": [
                (hoofdstuk, [(s, hoofdstuk.perspectieven.get(s)) for s, _label in keuzes]) for hoofdstuk in hoofdstukken
            ],
            "antwoorden_per_hoofdstuk": [(h, beantwoord(h.vragen, antwoorden)) for h in hoofdstukken],
            "themas": self.nabespreking_themas(request.user),
            "laatste_url": self.speel_url(slug, len(hoofdstukken)),
        }
        return TemplateResponse(request, "kennisbank/oefencasus/tijdlijn.html", context)

    # --- the plain-Python API ---------------------------------------------------------
    def hoofdstuk_lijst(self):
        """The chapters in order, numbered from 1, with their perspectives and questions."""
        lijst = []
        for nummer, block in enumerate((b for b in self.hoofdstukken if b.block_type == "hoofdstuk"), start=1):
            value = block.value
            perspectieven = {}
            for item in value["perspectieven"]:
                slug = item["professional"]
                perspectieven[slug] = Perspectief(
                    slug=slug,
                    label=str(PERSPECTIEF_LABELS.get(slug, slug)),
                    zag=item["zag"] or "",
                    wist=item["wist"] or "",
                    deed=item["deed"] or "",
                    wist_niet=item["wist_niet"] or "",
                )
            lijst.append(
                Hoofdstuk(
                    nummer=nummer,
                    titel=value["titel"],
                    moment=value["moment"],
                    verhaal=value["verhaal"],
                    perspectieven=perspectieven,
                    vragen=[_vraag(child) for child in value["vragen"].bound_blocks],
                )
            )
        return lijst

    def perspectief_keuzes(self):
        """(slug, label) of the perspectives that occur in this case, in PERSPECTIEVEN's order."""
        gebruikt = {slug for hoofdstuk in self.hoofdstuk_lijst() for slug in hoofdstuk.perspectieven}
        return [(slug, str(label)) for slug, label in PERSPECTIEVEN if slug in gebruikt]

    def vraag(self, vraag_id):
        """(Hoofdstuk, Vraag) for a question's block id, or None."""
        for hoofdstuk in self.hoofdstuk_lijst():
            for vraag in hoofdstuk.vragen:
                if vraag.id == str(vraag_id):
                    return hoofdstuk, vraag
        return None

    def nabespreking_themas(self, user):
        """The discussion guide's themes, each with only the linked pages `user` may see."""
        from portal.privacy import pages

        ruw = [
            (block.value, [p.pk for p in block.value["criteria"] if p is not None])
            for block in self.nabespreking
            if block.block_type == "thema"
        ]
        alle_ids = {pk for _value, ids in ruw for pk in ids}
        zichtbaar = {page.pk: page for page in pages().viewable_by_user(user).filter(pk__in=alle_ids).specific()}
        return [
            Thema(
                titel=value["titel"],
                toelichting=value["toelichting"],
                gespreksvragen=list(value["gespreksvragen"]),
                criteria=[zichtbaar[pk] for pk in ids if pk in zichtbaar],
            )
            for value, ids in ruw
        ]


class OefencasusVoortgang(models.Model):
    """A signed-in player's answers to one case from one perspective."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="oefencasus_voortgang",
        verbose_name=_("gebruiker"),
    )
    page = models.ForeignKey(
        OefencasusPage, on_delete=models.CASCADE, related_name="voortgang", verbose_name=_("oefencasus")
    )
    perspectief = models.CharField(_("perspectief"), max_length=40, choices=PERSPECTIEVEN)
    antwoorden = models.JSONField(_("antwoorden"), default=dict, blank=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("voortgang oefencasus")
        verbose_name_plural = _("voortgang oefencasussen")
        constraints = [
            models.UniqueConstraint(fields=["user", "page", "perspectief"], name="uniek_voortgang_per_perspectief")
        ]

    def __str__(self):
        return f"{self.page} ({self.perspectief})"
