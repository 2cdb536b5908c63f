from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import PlainSelect

from .models import (
    ArtikelPage,
    Doelgroep,
    Domein,
    HandreikingPage,
    KennisbronPage,
    OefencasusPage,
    Onderwerp,
    ProcedurePage,
    PublicatiePage,
    ToezichtkaderPage,
    ToezichtsvormPage,
    Wet,
)

SOORTEN = {
    "toezichtkader": (ToezichtkaderPage, _("Toezichtkaders")),
    "handreiking": (HandreikingPage, _("Handreikingen")),
    "publicatie": (PublicatiePage, _("Publicaties")),
    "kennisbron": (KennisbronPage, _("Kennisbronnen")),
    "toezichtsvorm": (ToezichtsvormPage, _("Toezichtsvormen")),
    "procedure": (ProcedurePage, _("Procedures")),
    "artikel": (ArtikelPage, _("Artikelen")),
    "oefencasus": (OefencasusPage, _("Oefencasussen")),
}


class SlugChoiceField(forms.ModelChoiceField):
    widget = PlainSelect

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)
        self.error_messages["invalid_choice"] = _("Deze keuze bestaat niet. Kies een van de waarden uit de lijst.")


class KennisbankFilterForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        widget=PlainSelect,
        choices=[("", _("Alle soorten")), *[(key, label) for key, (_m, label) in SOORTEN.items()]],
        error_messages={"invalid_choice": _("Onbekende soort. Kies een soort uit de lijst.")},
    )
    wet = SlugChoiceField(Wet.objects.all(), label=_("Wet"), empty_label=_("Alle wetten"))
    domein = SlugChoiceField(Domein.objects.all(), label=_("Domein"), empty_label=_("Alle domeinen"))
    doelgroep = SlugChoiceField(Doelgroep.objects.all(), label=_("Doelgroep"), empty_label=_("Alle doelgroepen"))
    onderwerp = SlugChoiceField(Onderwerp.objects.all(), label=_("Onderwerp"), empty_label=_("Alle onderwerpen"))
    pagina = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=10000,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("Het paginanummer moet een getal zijn."),
            "min_value": _("Het paginanummer moet 1 of hoger zijn."),
            "max_value": _("Dit paginanummer bestaat niet."),
        },
    )
