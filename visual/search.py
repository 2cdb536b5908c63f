"""What the supervisor map gives the search index: one document per supervisor, with what
its remits say, so that "IGJ" or "meldpunt calamiteiten" also finds who supervises."""

from datetime import date

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from search.registry import Hint, IndexDocument, join_lines, organisation, registry

from .keuzes import gemeenten_in, situatie_in
from .models import Toezichthouder, Toezichtsgebied


def _context(toezichthouder):
    niveau = str(toezichthouder.get_niveau_display())
    if toezichthouder.geldig_tot and toezichthouder.geldig_tot < date.today():
        # Shown beside the hit, so that nobody takes a former inspectorate for a current one.
        return _("%(niveau)s · bestond tot %(datum)s") % {
            "niveau": niveau,
            "datum": date_format(toezichthouder.geldig_tot, "j F Y"),
        }
    return niveau


def build_toezichthouder(toezichthouder):
    gebieden = list(toezichthouder.toezichtsgebieden.met_gegevens())
    wetten, domeinen = {}, {}
    regels = []
    for g in gebieden:
        wetten.setdefault(g.wet.slug, str(g.wet))
        if g.domein_id:
            domeinen.setdefault(g.domein.slug, str(g.domein))
        regels.append(
            join_lines(
                f"{g.wet}: {g.get_aspect_display()}",
                g.rol,
                g.voorzieningen_label(),
                g.meldtermijn,
                g.melders,
                g.vervolg,
                g.grondslag_label(),
            )
        )
    titel = toezichthouder.naam
    if toezichthouder.afkorting and toezichthouder.afkorting.lower() not in titel.lower():
        titel = f"{titel} ({toezichthouder.afkorting})"
    return IndexDocument(
        soort="toezichthouder",
        soort_label=_("Toezichthouder"),
        titel=titel,
        url=reverse("visual:toezichthouder", args=[toezichthouder.slug]),
        tekst=join_lines(
            toezichthouder.omschrijving,
            toezichthouder.get_niveau_display(),
            toezichthouder.get_soort_display(),
            *regels,
        ),
        context=_context(toezichthouder),
        facetten={
            "wet": sorted(wetten.items()),
            "domein": sorted(domeinen.items()),
            "organisatie": organisation(toezichthouder.organisatie.naam if toezichthouder.organisatie else ""),
        },
    )


registry.register(
    Toezichthouder, build_toezichthouder, queryset=lambda: Toezichthouder.objects.select_related("organisatie")
)

MAX_GEMEENTEN = 2


@registry.register_hints
def navigator_voor_gemeente(tekst, user):
    """A search naming a municipality is most likely "who supervises there?": point to the
    navigator with that municipality (and the situation, if the search names one)."""
    situatie = situatie_in(tekst)
    hints = []
    for code, naam in gemeenten_in(tekst)[:MAX_GEMEENTEN]:
        params = {"gemeente": code, **({"situatie": situatie.slug} if situatie else {})}
        titel = (
            _("Wie houdt toezicht in %(g)s bij: %(s)s?") % {"g": naam, "s": situatie.naam.lower()}
            if situatie
            else _("Wie houdt toezicht in %(g)s?") % {"g": naam}
        )
        hints.append(
            Hint(
                titel=titel,
                url=f"{reverse('visual:navigator')}?{urlencode(params)}",
                tekst=_(
                    "De navigator zegt wie er toezicht houdt, bij wie u meldt en binnen welke termijn, met de bron."
                ),
            )
        )
    return hints


def _reindex_supervisor(instance):
    toezichthouder_id = getattr(instance, "toezichthouder_id", None)
    if toezichthouder_id is None:
        return

    def run():
        toezichthouder = Toezichthouder.objects.filter(pk=toezichthouder_id).first()
        if toezichthouder is not None:
            registry.reindex(toezichthouder)

    # After the commit, when the remit's many-to-many relations are saved too.
    transaction.on_commit(run, robust=True)


def _remit_changed(sender, instance, **kwargs):
    _reindex_supervisor(instance)


def _remit_links_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Toezichtsgebied):
        _reindex_supervisor(instance)


post_save.connect(_remit_changed, sender=Toezichtsgebied, dispatch_uid="visual-search-remit-saved")
post_delete.connect(_remit_changed, sender=Toezichtsgebied, dispatch_uid="visual-search-remit-deleted")
m2m_changed.connect(_remit_links_changed, dispatch_uid="visual-search-remit-links")
