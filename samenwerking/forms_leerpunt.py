"""Forms of the learnings: writing one, widening its reach, recommendations and their follow-up."""

import hashlib
import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.forms import PlainSelect, RedelijkeDatums
from portal.models import Gemeente, Organisatie

from .models import Aanbeveling, Aanbieder, Leerpunt, Melding, Onderzoek, Opvolging, Thema

MEER_KIEZEN = _("Houd Ctrl (of Cmd) ingedrukt om er meer te kiezen.")


def _normen(user=None):
    """The norms a learning may be tagged with: those the writer may see (none until known)."""
    from kennisbank.models import NormPage

    if user is None:
        return NormPage.objects.none()
    return NormPage.objects.viewable_by_user(user).order_by("path")


class NormKeuze(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class LeerpuntForm(forms.ModelForm):
    """A learning of one space; its source investigation or report is one of that space's."""

    normen = NormKeuze(
        label=_("Normen"), queryset=_normen(), required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    themas = forms.ModelMultipleChoiceField(
        label=_("Thema's"), queryset=Thema.objects.all(), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    aanbieders = forms.ModelMultipleChoiceField(
        label=_("Aanbieders"), queryset=Aanbieder.objects.none(), required=False, help_text=MEER_KIEZEN
    )
    gemeenten = forms.ModelMultipleChoiceField(
        label=_("Gemeenten"),
        queryset=Gemeente.objects.order_by("naam"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=MEER_KIEZEN,
    )

    class Meta:
        model = Leerpunt
        fields = ["titel", "tekst", "onderzoek", "melding", "normen", "themas", "aanbieders", "gemeenten"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "tekst": _(
                "Schrijf het leerpunt zonder namen, geboortedata, adressen of andere gegevens die naar "
                "een persoon leiden. Voordat het breder zichtbaar wordt, controleert het portaal de tekst."
            )
        }

    def __init__(self, *args, ruimte, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["normen"].queryset = _normen(user)
        self.fields["onderzoek"].queryset = Onderzoek.objects.viewable_by_user(user).filter(ruimte=ruimte)
        self.fields["onderzoek"].empty_label = _("(geen onderzoek)")
        self.fields["melding"].queryset = Melding.objects.viewable_by_user(user).filter(ruimte=ruimte)
        self.fields["melding"].empty_label = _("(geen melding)")
        self.fields["aanbieders"].queryset = Aanbieder.objects.viewable_by_user(user)
        self.fields["aanbieders"].widget.attrs["size"] = 6

    def clean(self):
        data = super().clean()
        if data.get("onderzoek") and data.get("melding"):
            raise ValidationError(_("Een leerpunt komt uit één onderzoek of één melding, niet uit allebei."))
        return data


def controle_kenmerk(teksten, signalen):
    """What the coordinator saw: the texts checked and their signals. A change to either (an
    edited text, a recommendation added meanwhile, a new member whose name now appears) shows the
    check again before anything is decided."""
    inhoud = json.dumps(
        [teksten, [(getattr(s, "veld", "tekst"), s.soort, s.begin, s.eind) for s in signalen]], ensure_ascii=False
    )
    return hashlib.sha256(inhoud.encode()).hexdigest()


class SignaalVelden:
    """One confirmation (and a note) per signal of the personal-data check, for a form whose
    texts were checked; `kenmerk` carries what was checked, as `controle_kenmerk` gives it."""

    def _voeg_signalen_toe(self, signalen):
        self.signalen = list(signalen)
        self.signaalvelden = []
        for index, signaal in enumerate(self.signalen):
            self.fields[f"signaal_{index}_bevestigd"] = forms.BooleanField(
                label=_("Geen persoonsgegeven"), required=False
            )
            self.fields[f"signaal_{index}_toelichting"] = forms.CharField(
                label=_("Toelichting"), max_length=500, required=False
            )
            self.signaalvelden.append(
                (signaal, self[f"signaal_{index}_bevestigd"], self[f"signaal_{index}_toelichting"])
            )

    def _controleer_signalen(self, data):
        ontbrekend = [
            signaal.fragment
            for index, signaal in enumerate(self.signalen)
            if not data.get(f"signaal_{index}_bevestigd")
        ]
        if ontbrekend:
            raise ValidationError(
                _(
                    "Bevestig bij elk signaal dat het geen persoonsgegeven is, of pas de tekst aan. "
                    "Nog niet bevestigd: %(fragmenten)s."
                )
                % {"fragmenten": ", ".join(f"„{f}”" for f in ontbrekend)}
            )

    def bevestigde_signalen(self):
        return [
            {
                "veld": getattr(signaal, "veld", "tekst"),
                "plaats": str(getattr(signaal, "plaats", "")),
                "soort": signaal.soort,
                "fragment": signaal.fragment,
                "begin": signaal.begin,
                "eind": signaal.eind,
                "toelichting": self.cleaned_data.get(f"signaal_{index}_toelichting", ""),
            }
            for index, signaal in enumerate(self.signalen)
        ]


class VerruimForm(SignaalVelden, forms.Form):
    """The coordinator's decision to widen a learning by one step, with one confirmation per
    signal of the personal-data check. The signals are those of the title, text and
    recommendations as submitted, and of the follow-up notes as stored."""

    titel = forms.CharField(
        label=_("Titel van het leerpunt"),
        max_length=Leerpunt._meta.get_field("titel").max_length,
        help_text=_("De titel gaat mee: het is ook de titel van de pagina en in de zoekresultaten."),
    )
    tekst = forms.CharField(
        label=_("Tekst van het leerpunt"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Past u de tekst aan, dan wordt de controle opnieuw uitgevoerd."),
    )
    naar = forms.ChoiceField(
        label=_("Nieuwe zichtbaarheid"), choices=Leerpunt.Reikwijdte.choices, widget=forms.HiddenInput
    )
    reden = forms.CharField(
        label=_("Waarom wordt het leerpunt breder zichtbaar?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    kenmerk = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, signalen=(), aanbevelingen=(), **kwargs):
        """`aanbevelingen`: (pk, label, text) of the learning's recommendations, each editable."""
        super().__init__(*args, **kwargs)
        self.aanbevelingvelden = []
        for pk, label, inhoud in aanbevelingen:
            naam = f"aanbeveling_{pk}"
            self.fields[naam] = forms.CharField(
                label=label,
                max_length=Aanbeveling._meta.get_field("tekst").max_length,
                initial=inhoud,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.aanbevelingvelden.append((pk, self[naam]))
        self._voeg_signalen_toe(signalen)

    def clean(self):
        data = super().clean()
        self._controleer_signalen(data)
        return data

    def nieuwe_aanbevelingen(self):
        return {pk: self.cleaned_data[veld.name] for pk, veld in self.aanbevelingvelden}


class AanbevelingForm(SignaalVelden, forms.ModelForm):
    """A recommendation; on a learning already wider than its space, with the signals of the
    personal-data check in its text to confirm (`signalen`)."""

    kenmerk = forms.CharField(widget=forms.HiddenInput, required=False)
    organisaties = forms.ModelMultipleChoiceField(
        label=_("Betrokken organisaties"),
        queryset=Organisatie.objects.order_by("naam"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Elke organisatie houdt bij hoe zij de aanbeveling opvolgt. ") + MEER_KIEZEN,
        error_messages={"required": _("Kies minstens één organisatie die de aanbeveling opvolgt.")},
    )

    class Meta:
        model = Aanbeveling
        fields = ["tekst"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, signalen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._voeg_signalen_toe(signalen)

    def clean(self):
        data = super().clean()
        self._controleer_signalen(data)
        return data


class OpvolgingForm(RedelijkeDatums, SignaalVelden, forms.ModelForm):
    """Parses a follow-up; its note, on a learning already wider than its space, with the
    signals of the personal-data check to confirm (`signalen`). Its rules (a date when done,
    none in the future) are the service's."""

    kenmerk = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Opvolging
        fields = ["status", "datum", "toelichting"]
        widgets = {"datum": forms.DateInput(attrs={"type": "date"}), "toelichting": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, signalen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._voeg_signalen_toe(signalen)

    def clean(self):
        data = super().clean()
        self._controleer_signalen(data)
        return data


class OverzichtFilterForm(RedelijkeDatums, forms.Form):
    # Every municipality and every provider: options without a template each.
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Gemeente.objects.order_by("naam"),
        required=False,
        empty_label=_("(alle)"),
        widget=PlainSelect,
    )
    aanbieder = forms.ModelChoiceField(
        label=_("Aanbieder"),
        queryset=Aanbieder.objects.none(),
        required=False,
        empty_label=_("(alle)"),
        widget=PlainSelect,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = Aanbieder.objects.viewable_by_user(user)
