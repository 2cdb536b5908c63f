"""Forms of the calamity and violence reports. They parse what a page posts; the rules (every
date against the report's own dates and today, the state a step needs) are melding_acties.py's,
for the page and the API alike, and the terms themselves come from termijnen.py."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.forms import RedelijkeDatums
from portal.models import Gemeente, Organisatie

from .models import Aanbieder, Document, Melding, MeldingBrief, MeldingUitstel, Signaleringsvoorkeur, Zelfonderzoek

DATUM_FOUT = _("Vul een geldige datum in, zoals 2026-11-30.")


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date_fields(form):
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.error_messages["invalid"] = DATUM_FOUT
            field.error_messages["required"] = _("Vul een datum in.")


def _space_documents(form, user, ruimte):
    field = form.fields["document"]
    field.queryset = Document.objects.viewable_by_user(user).filter(ruimte=ruimte)
    field.required = False
    field.empty_label = _("(geen document)")
    field.error_messages["invalid_choice"] = _("Kies een document van deze ruimte.")


class MeldingForm(RedelijkeDatums, forms.ModelForm):
    class Meta:
        model = Melding
        fields = [
            "soort",
            "aanbieder",
            "gemeenten",
            "coordinerende_organisatie",
            "datum_gebeurtenis",
            "datum_gemeld",
            "samenvatting",
            "betrokkenen",
        ]
        widgets = {
            "soort": forms.RadioSelect,
            "gemeenten": forms.SelectMultiple(attrs={"size": 6}),
            "datum_gebeurtenis": _date_widget(),
            "datum_gemeld": _date_widget(),
            "samenvatting": forms.Textarea(attrs={"rows": 5}),
            "betrokkenen": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = Aanbieder.objects.viewable_by_user(user)
        self.fields["aanbieder"].error_messages["invalid_choice"] = _("Kies een aanbieder uit de lijst.")
        self.fields["aanbieder"].error_messages["required"] = _("Kies de aanbieder die meldt.")
        self.fields["gemeenten"].queryset = Gemeente.objects.order_by("naam")
        self.fields["gemeenten"].help_text = _("Houd Ctrl (of Cmd) ingedrukt om meer gemeenten te kiezen.")
        self.fields["gemeenten"].error_messages.update(
            {"invalid_choice": _("Kies gemeenten uit de lijst."), "invalid_pk_value": _("Kies gemeenten uit de lijst.")}
        )
        self.fields["coordinerende_organisatie"].queryset = Organisatie.objects.order_by("naam")
        self.fields["coordinerende_organisatie"].empty_label = _("(geen)")
        self.fields["soort"].error_messages["required"] = _("Kies of het een calamiteit of geweld betreft.")
        self.fields["soort"].error_messages["invalid_choice"] = _("Kies calamiteit of geweld.")
        self.fields["samenvatting"].error_messages["required"] = _("Vat de melding kort samen.")
        _date_fields(self)


class UitstelForm(RedelijkeDatums, forms.ModelForm):
    class Meta:
        model = MeldingUitstel
        fields = ["nieuwe_termijn", "reden"]
        widgets = {"nieuwe_termijn": _date_widget(), "reden": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="uitstel", **kwargs)
        self.fields["reden"].error_messages["required"] = _("Geef de onderbouwing van het uitstel.")
        _date_fields(self)


class ZelfonderzoekForm(RedelijkeDatums, forms.ModelForm):
    class Meta:
        model = Zelfonderzoek
        fields = ["ontvangen_op", "document", "toelichting"]
        widgets = {"ontvangen_op": _date_widget(), "toelichting": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, melding=None, user=None, **kwargs):
        super().__init__(*args, prefix="zelfonderzoek", **kwargs)
        _space_documents(self, user, melding.ruimte)
        _date_fields(self)


class BeoordelingForm(RedelijkeDatums, forms.Form):
    beoordeling = forms.ChoiceField(
        label=_("Uitkomst van de beoordeling"),
        choices=Melding.Beoordeling.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een uitkomst van de beoordeling."),
            "invalid_choice": _("Kies een van de uitkomsten van het toezichtskader."),
        },
    )
    beoordeling_toelichting = forms.CharField(
        label=_("Toelichting op de beoordeling"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Licht de beoordeling toe.")},
    )
    beoordeeld_op = forms.DateField(label=_("Beoordeeld op"), widget=_date_widget())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="beoordeling", **kwargs)
        _date_fields(self)


class BriefForm(RedelijkeDatums, forms.ModelForm):
    class Meta:
        model = MeldingBrief
        fields = ["verzonden_op", "document", "kopie_aan", "toelichting"]
        widgets = {
            "verzonden_op": _date_widget(),
            "kopie_aan": forms.SelectMultiple(attrs={"size": 6}),
            "toelichting": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, melding=None, user=None, soort=MeldingBrief.Soort.TERUGKOPPELING, **kwargs):
        super().__init__(*args, prefix=soort, **kwargs)
        _space_documents(self, user, melding.ruimte)
        self.fields["kopie_aan"].queryset = Gemeente.objects.order_by("naam")
        self.fields["kopie_aan"].help_text = _(
            "De brief gaat naar de aanbieder, in kopie naar de wethouder(s) van de betrokken gemeente(n)."
        )
        self.fields["kopie_aan"].error_messages.update(
            {"invalid_choice": _("Kies gemeenten uit de lijst."), "invalid_pk_value": _("Kies gemeenten uit de lijst.")}
        )
        if not self.is_bound:
            self.initial["kopie_aan"] = list(melding.gemeenten.values_list("pk", flat=True))
        _date_fields(self)


class SignaleringForm(forms.ModelForm):
    class Meta:
        model = Signaleringsvoorkeur
        fields = ["werkdagen_vooraf"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="signalering", **kwargs)
        field = self.fields["werkdagen_vooraf"]
        # One Dutch message for every out-of-range value, from clean_werkdagen_vooraf.
        field.validators = []
        field.widget.attrs.update({"min": 0, "max": 30})
        field.error_messages.update(
            {
                "required": _("Vul een aantal werkdagen in."),
                "invalid": _("Vul een heel aantal werkdagen in, van 0 tot en met 30."),
            }
        )

    def clean_werkdagen_vooraf(self):
        waarde = self.cleaned_data["werkdagen_vooraf"]
        if waarde is None or not 0 <= waarde <= 30:
            raise ValidationError(_("Vul een heel aantal werkdagen in, van 0 tot en met 30."))
        return waarde
