from django import forms
from django.utils.translation import gettext_lazy as _

from kennisbank.models import Voorzieningsoort
from portal.forms import IdChoiceField, IdMultipleChoiceField

from .models import Aanwijzing, Toezichthouder


class AanwijzingForm(forms.ModelForm):
    """What a municipality official records: the supervisor the college designated."""

    class Meta:
        model = Aanwijzing
        fields = [
            "toezichthouder",
            "alle_voorzieningen",
            "voorzieningsoorten",
            "besluit_datum",
            "besluit_url",
            "geldig_vanaf",
            "geldig_tot",
            "toelichting",
        ]
        widgets = {
            "besluit_datum": forms.DateInput(attrs={"type": "date"}),
            "geldig_vanaf": forms.DateInput(attrs={"type": "date"}),
            "geldig_tot": forms.DateInput(attrs={"type": "date"}),
            "voorzieningsoorten": forms.CheckboxSelectMultiple,
            "toelichting": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"toezichthouder": IdChoiceField, "voorzieningsoorten": IdMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A college designates a supervisor for the Wmo: regional supervisors, not inspectorates.
        self.fields["toezichthouder"].queryset = Toezichthouder.objects.geldig_op().filter(
            soort=Toezichthouder.Soort.REGIONAAL
        )
        self.fields["voorzieningsoorten"].queryset = Voorzieningsoort.objects.order_by("volgorde")
        self.fields["besluit_url"].help_text = _(
            "Bijvoorbeeld de publicatie in het gemeenteblad op officielebekendmakingen.nl."
        )

    def clean(self):
        data = super().clean()
        if not data.get("alle_voorzieningen") and not data.get("voorzieningsoorten"):
            self.add_error(
                "voorzieningsoorten",
                _(
                    "Kies de soorten voorziening waarvoor de aanwijzing geldt, of vink 'voor alle "
                    "Wmo-voorzieningen' aan."
                ),
            )
        vanaf, tot = data.get("geldig_vanaf"), data.get("geldig_tot")
        if vanaf and tot and tot < vanaf:
            self.add_error("geldig_tot", _("De einddatum ligt voor de begindatum."))
        return data


class BeoordelingForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Besluit"),
        widget=forms.RadioSelect,
        choices=[
            ("goedkeuren", _("Goedkeuren: tonen in het overzicht en de navigator")),
            ("afwijzen", _("Afwijzen")),
        ],
    )
    opmerking = forms.CharField(
        label=_("Opmerking"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AanwijzingenImportForm(forms.Form):
    bestand = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_(
            "UTF-8, met de kolommen gemeentecode, toezichthouder (slug), besluit_datum (jjjj-mm-dd) en "
            "besluit_url; naar keuze voorzieningen (slugs gescheiden door ;), geldig_vanaf en geldig_tot."
        ),
    )
    proefdraaien = forms.BooleanField(
        label=_("Alleen laten zien wat er zou veranderen (proefdraaien)"), required=False, initial=True
    )
