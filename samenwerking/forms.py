from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.forms import RedelijkeDatums
from portal.models import Organisatie

from .models import Bericht, Document, Lidmaatschap, Samenwerkingsruimte, Taak
from .uploads import check_upload


class RuimteForm(forms.ModelForm):
    organisaties = forms.ModelMultipleChoiceField(
        label=_("Deelnemende organisaties"),
        queryset=Organisatie.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Houd Ctrl (of Cmd) ingedrukt om meer organisaties te kiezen."),
    )

    class Meta:
        model = Samenwerkingsruimte
        fields = ["titel", "doel", "soort", "organisaties"]
        widgets = {"doel": forms.Textarea(attrs={"rows": 4})}


class RuimteWijzigenForm(RuimteForm):
    class Meta(RuimteForm.Meta):
        fields = ["titel", "doel", "soort", "status", "organisaties"]


class UitnodigingForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres van een persoon"), required=False, max_length=254)
    organisatie = forms.ModelChoiceField(
        label=_("Of een hele organisatie"),
        queryset=Organisatie.objects.all(),
        required=False,
        empty_label=_("(geen organisatie)"),
    )
    rol = forms.ChoiceField(label=_("Rol"), choices=Lidmaatschap.Rol.choices, initial=Lidmaatschap.Rol.DEELNEMER)

    def clean(self):
        data = super().clean()
        if bool(data.get("email")) == bool(data.get("organisatie")):
            if not self.errors:
                raise ValidationError(_("Vul een e-mailadres in of kies een organisatie, niet allebei."))
        return data


class RolForm(forms.Form):
    rol = forms.ChoiceField(label=_("Nieuwe rol"), choices=Lidmaatschap.Rol.choices)


class VerlatenForm(forms.Form):
    opvolger = forms.ModelChoiceField(
        label=_("Nieuwe coördinator"),
        queryset=Lidmaatschap.objects.none(),
        required=False,
        empty_label=_("(kies een lid)"),
    )

    def __init__(self, *args, ruimte=None, lidmaatschap=None, **kwargs):
        super().__init__(*args, **kwargs)
        if ruimte is not None:
            self.fields["opvolger"].queryset = ruimte.lidmaatschappen.exclude(pk=getattr(lidmaatschap, "pk", None))


class _UploadMixin:
    too_large_fields = ()

    def clean_bestand(self):
        from .uploads import too_large_message

        upload = self.cleaned_data.get("bestand")
        if "bestand" in self.too_large_fields:
            raise ValidationError(too_large_message())
        if upload is None:
            raise ValidationError(_("Kies een bestand."))
        self.checked = check_upload(upload)
        return upload

    def __init__(self, *args, too_large_fields=(), **kwargs):
        self.too_large_fields = too_large_fields
        super().__init__(*args, **kwargs)
        if "bestand" in too_large_fields and "bestand" not in self.files:
            # The handler skipped the file: let clean_bestand say why, not "required".
            self.fields["bestand"].required = False


class DocumentForm(_UploadMixin, forms.ModelForm):
    bestand = forms.FileField(
        label=_("Bestand"),
        allow_empty_file=True,
        error_messages={"required": _("Kies een bestand."), "empty": _("Het bestand is leeg.")},
    )

    class Meta:
        model = Document
        fields = ["naam", "vertrouwelijkheid"]

    def __init__(self, *args, may_restrict=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_restrict:
            self.fields["vertrouwelijkheid"].choices = [
                (Document.Vertrouwelijkheid.HELE_RUIMTE, Document.Vertrouwelijkheid.HELE_RUIMTE.label)
            ]
        self.fields["naam"].required = False
        self.fields["naam"].help_text = _("Laat leeg om de bestandsnaam te gebruiken.")


class VersieForm(_UploadMixin, forms.Form):
    bestand = forms.FileField(
        label=_("Nieuwe versie"),
        allow_empty_file=True,
        error_messages={"required": _("Kies een bestand."), "empty": _("Het bestand is leeg.")},
    )


class BerichtForm(forms.ModelForm):
    antwoord_op = forms.IntegerField(
        required=False,
        widget=forms.HiddenInput,
        label=_("Antwoord op"),
        error_messages={"invalid": _("Het bericht waarop u antwoordt bestaat niet in deze ruimte.")},
    )

    class Meta:
        model = Bericht
        fields = ["tekst"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, ruimte=None, **kwargs):
        self.ruimte = ruimte
        super().__init__(*args, **kwargs)

    def clean_tekst(self):
        tekst = self.cleaned_data["tekst"].replace("\x00", "").strip()
        if not tekst:
            raise ValidationError(_("Schrijf een bericht."))
        return tekst

    def clean_antwoord_op(self):
        pk = self.cleaned_data.get("antwoord_op")
        if pk is None:
            return None
        parent = self.ruimte.berichten.filter(pk=pk).first() if self.ruimte else None
        if parent is None:
            raise ValidationError(_("Het bericht waarop u antwoordt bestaat niet in deze ruimte."))
        return parent


class TaakForm(RedelijkeDatums, forms.ModelForm):
    class Meta:
        model = Taak
        fields = ["titel", "omschrijving", "toegewezen_aan", "deadline"]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, ruimte=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .members import users_of

        self.fields["toegewezen_aan"].queryset = (
            users_of(ruimte) if ruimte else self.fields["toegewezen_aan"].queryset.none()
        )
        self.fields["toegewezen_aan"].label_from_instance = lambda u: u.get_full_name() or u.email
        self.fields["deadline"].error_messages["invalid"] = _("Vul een geldige datum in, zoals 2026-12-31.")


class NotificatieVoorkeurenForm(forms.Form):
    """One choice per kind of notification: a mail at once, in the daily overview, or none."""

    def __init__(self, *args, **kwargs):
        from .models.notificatie import Frequentie, Soort

        super().__init__(*args, **kwargs)
        for soort, label in Soort.choices:
            self.fields[soort] = forms.ChoiceField(
                label=label,
                choices=Frequentie.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Kies voor elke soort notificatie of u e-mail wilt."),
                    "invalid_choice": _("Kies direct, dagelijks of geen e-mail."),
                },
            )
