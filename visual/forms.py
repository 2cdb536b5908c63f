from django import forms
from django.utils.translation import gettext_lazy as _

from kennisbank.models import Voorzieningsoort
from portal.forms import IdChoiceField, IdMultipleChoiceField, RedelijkeDatums

from .models import Aanwijzing, Toezichthouder


class AanwijzingForm(RedelijkeDatums, forms.ModelForm):
    """What a municipality official records: the supervisor the college designated, one
    the portal knows or a new one by name and kind."""

    class Meta:
        model = Aanwijzing
        fields = [
            "toezichthouder",
            "nieuwe_toezichthouder",
            "nieuwe_toezichthouder_soort",
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
            "nieuwe_toezichthouder_soort": forms.RadioSelect,
            "toelichting": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"toezichthouder": IdChoiceField, "voorzieningsoorten": IdMultipleChoiceField}

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        # A college designates a GGD, another regional body or its own officials; not an inspectorate.
        toezichthouder = self.fields["toezichthouder"]
        toezichthouder.queryset = Toezichthouder.objects.aanwijsbaar_door(gemeente).geldig_op().order_by("naam")
        toezichthouder.required = False
        toezichthouder.empty_label = _("Niet in de lijst: vul hieronder een nieuwe toezichthouder in")
        toezichthouder.help_text = _("Kies de toezichthouder die het college in het besluit aanwijst.")
        self.fields["nieuwe_toezichthouder"].help_text = _(
            "Alleen als de toezichthouder niet in de lijst staat, zoals 'GGD Haaglanden' of 'Toezichthouders Wmo "
            "van de gemeente %(gemeente)s'. Een redacteur neemt haar op wanneer hij de aanwijzing goedkeurt."
        ) % {"gemeente": gemeente.naam}
        soort = self.fields["nieuwe_toezichthouder_soort"]
        soort.choices = Aanwijzing.SoortToezichthouder.choices
        soort.required = False
        self.fields["voorzieningsoorten"].queryset = Voorzieningsoort.objects.order_by("volgorde")
        self.fields["besluit_url"].help_text = _(
            "Bijvoorbeeld de publicatie in het gemeenteblad op officielebekendmakingen.nl."
        )

    def clean(self):
        data = super().clean()
        self._clean_toezichthouder(data)
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

    def _clean_toezichthouder(self, data):
        gekozen, naam = data.get("toezichthouder"), (data.get("nieuwe_toezichthouder") or "").strip()
        if "toezichthouder" in self.errors:
            return
        if gekozen is not None and naam:
            self.add_error(
                "nieuwe_toezichthouder",
                _("Kies een toezichthouder uit de lijst of vul een nieuwe in, niet allebei."),
            )
            return
        if gekozen is not None:
            data["nieuwe_toezichthouder"], data["nieuwe_toezichthouder_soort"] = "", ""
            return
        if not naam:
            self.add_error(
                "toezichthouder",
                _("Kies de aangewezen toezichthouder uit de lijst, of vul de naam van een nieuwe in."),
            )
            return
        bekend = Toezichthouder.objects.filter(naam__iexact=naam).first()
        if bekend is not None and not self.fields["toezichthouder"].queryset.filter(pk=bekend.pk).exists():
            self.add_error(
                "nieuwe_toezichthouder",
                _(
                    "%(naam)s is in dit portaal een %(soort)s; een college wijst die niet aan als toezichthouder Wmo "
                    "(art. 6.1 Wmo 2015)."
                )
                % {"naam": bekend.naam, "soort": bekend.get_soort_display().lower()},
            )
            return
        if bekend is not None:
            # The name the official typed is a supervisor the portal knows: that one is meant.
            data["toezichthouder"], data["nieuwe_toezichthouder"], data["nieuwe_toezichthouder_soort"] = bekend, "", ""
            return
        if not data.get("nieuwe_toezichthouder_soort") and "nieuwe_toezichthouder_soort" not in self.errors:
            self.add_error(
                "nieuwe_toezichthouder_soort",
                _(
                    "Kies wat voor toezichthouder %(naam)s is: een GGD of regionale toezichthouder, of een eigen "
                    "toezichthouder van de gemeente."
                )
                % {"naam": naam},
            )
        data["nieuwe_toezichthouder"] = naam


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
            "UTF-8, met de kolommen van de open data (hieronder); de CSV-download van het register kan zo "
            "worden ingelezen."
        ),
    )
    proefdraaien = forms.BooleanField(
        label=_("Alleen laten zien wat er zou veranderen (proefdraaien)"), required=False, initial=True
    )
