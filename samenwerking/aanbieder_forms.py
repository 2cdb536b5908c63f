from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from .models import Aanbieder, AanbiederLocatie


class AanbiederForm(forms.ModelForm):
    kvk_nummer = forms.CharField(
        label=_("KvK-nummer"),
        required=False,
        max_length=20,
        help_text=_("Acht cijfers, zoals in het Handelsregister."),
    )

    class Meta:
        model = Aanbieder
        fields = ["naam", "kvk_nummer", "gemeenten", "voorzieningsoorten"]
        widgets = {
            "gemeenten": forms.SelectMultiple(attrs={"size": 8}),
            "voorzieningsoorten": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "gemeenten": _("Houd Ctrl (of Cmd) ingedrukt om meer gemeenten te kiezen."),
        }
        error_messages = {
            "naam": {"required": _("Vul de naam van de aanbieder in.")},
        }

    def clean_naam(self):
        naam = " ".join((self.cleaned_data.get("naam") or "").replace("\x00", "").split())
        if not naam:
            raise forms.ValidationError(_("Vul de naam van de aanbieder in."))
        return naam

    def clean_kvk_nummer(self):
        # Written with spaces or dots on letters and websites; stored as the 8 digits.
        value = (self.cleaned_data.get("kvk_nummer") or "").replace(" ", "").replace(".", "")
        if value and not (len(value) == 8 and value.isascii() and value.isdigit()):
            raise forms.ValidationError(_("Een KvK-nummer bestaat uit precies 8 cijfers."))
        if value and Aanbieder.objects.filter(kvk_nummer=value).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Er is al een aanbieder met dit KvK-nummer."))
        return value or None


class LocatieForm(forms.ModelForm):
    class Meta:
        model = AanbiederLocatie
        fields = ["naam", "adres", "postcode", "plaats", "gemeente"]


LocatieFormSet = inlineformset_factory(
    Aanbieder, AanbiederLocatie, form=LocatieForm, extra=1, can_delete=True, max_num=50, validate_max=True
)


class ZoekAanbiederForm(forms.Form):
    q = forms.CharField(label=_("Naam of KvK-nummer"), required=False, max_length=200)


class ToegangsverzoekForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    reden = forms.CharField(
        label=_("Waarom vraagt u toegang?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef aan waarom u toegang vraagt.")},
    )


class BesluitForm(forms.Form):
    BESLUITEN = [("toekennen", _("Toekennen")), ("afwijzen", _("Afwijzen"))]

    verzoek = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    besluit = forms.ChoiceField(label=_("Besluit"), choices=BESLUITEN)
    toelichting = forms.CharField(
        label=_("Toelichting (verplicht bij afwijzen)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
