"""Forms of investigations, findings and the report's procedure. Every choice offered is
limited to what the user may see; anything else submitted is refused with a Dutch message."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.forms import RedelijkeDatums
from portal.models import Gemeente, Organisatie

from .models import Aanbieder, Bevinding, Document, Onderzoek, Oordeel, Procedurestap
from .models.toezicht import kvk_validator

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _kaders(user):
    from kennisbank.models import ToezichtkaderPage

    return ToezichtkaderPage.objects.viewable_by_user(user).order_by("-geldig_vanaf", "pk")


def _onder(kaders):
    onder = Q(pk__in=[])
    for kader in kaders:
        onder |= Q(path__startswith=kader.path)
    return onder


class NormKeuze:
    ALLE = "alle"
    ONDERDEEL = "onderdeel"
    SELECTIE = "selectie"
    CHOICES = [
        (ALLE, _("Alle normen van het kader")),
        (ONDERDEEL, _("De normen van één onderdeel")),
        (SELECTIE, _("Een eigen selectie")),
    ]


class OnderzoekForm(RedelijkeDatums, forms.ModelForm):
    """Create (with the toetsingskader) or edit (the framework version is then fixed)."""

    aanbieders = forms.ModelMultipleChoiceField(
        label=_("Aanbieders"),
        queryset=Aanbieder.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    nieuwe_aanbieder_naam = forms.CharField(label=_("Nieuwe aanbieder: naam"), max_length=200, required=False)
    nieuwe_aanbieder_kvk = forms.CharField(
        label=_("Nieuwe aanbieder: KvK-nummer"),
        max_length=8,
        required=False,
        validators=[kvk_validator],
        help_text=_("8 cijfers."),
    )
    gemeenten = forms.ModelMultipleChoiceField(
        label=_("Betrokken gemeenten"),
        queryset=Gemeente.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    organisaties = forms.ModelMultipleChoiceField(
        label=_("Deelnemende toezichthouders"),
        queryset=Organisatie.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Onderzoek
        fields = [
            "titel",
            "kader",
            "toezichtsvorm",
            "aanleiding",
            "aanbieders",
            "gemeenten",
            "organisaties",
            "coordinerende_organisatie",
            "contactpersonen",
            "status",
            "gepland_begin",
            "gepland_eind",
            "werkelijk_begin",
            "werkelijk_eind",
        ]
        widgets = {
            "aanleiding": forms.Textarea(attrs={"rows": 4}),
            "contactpersonen": forms.Textarea(attrs={"rows": 3}),
            "gepland_begin": DATUM,
            "gepland_eind": DATUM,
            "werkelijk_begin": DATUM,
            "werkelijk_eind": DATUM,
        }

    def __init__(self, *args, user, **kwargs):
        from kennisbank.models import KaderOnderdeelPage, NormPage, ToezichtsvormPage

        super().__init__(*args, **kwargs)
        self.user = user
        kaders = _kaders(user)
        self.nieuw = self.instance.pk is None
        self.fields["aanbieders"].queryset = Aanbieder.objects.viewable_by_user(user)
        self.fields["coordinerende_organisatie"].queryset = Organisatie.objects.all()
        vormen = ToezichtsvormPage.objects.viewable_by_user(user)
        if self.nieuw:
            self.fields["kader"].queryset = kaders
            self.fields["kader"].label = _("Toetsingskader (versie)")
            self.fields["toezichtsvorm"].queryset = vormen.filter(kader__in=kaders)
            self.fields["normkeuze"] = forms.ChoiceField(
                label=_("Normen"), choices=NormKeuze.CHOICES, initial=NormKeuze.ALLE, widget=forms.RadioSelect
            )
            self.fields["onderdeel"] = forms.ModelChoiceField(
                label=_("Onderdeel van het kader"),
                queryset=KaderOnderdeelPage.objects.viewable_by_user(user).filter(_onder(kaders)).order_by("path"),
                required=False,
                empty_label=_("(kies een onderdeel)"),
            )
            self.fields["normen"] = forms.ModelMultipleChoiceField(
                label=_("Eigen selectie van normen"),
                queryset=NormPage.objects.viewable_by_user(user).filter(toezichtkader__in=kaders),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields["onderdeel"].label_from_instance = lambda p: f"{p.code} {p.title}".strip()
        else:
            del self.fields["kader"]
            self.fields["toezichtsvorm"].queryset = vormen.filter(kader=self.instance.kader)
        self.fields["toezichtsvorm"].empty_label = _("(kies een toezichtsvorm)")

    def clean_nieuwe_aanbieder_kvk(self):
        kvk = self.cleaned_data.get("nieuwe_aanbieder_kvk", "").strip()
        if kvk and Aanbieder.objects.filter(kvk_nummer=kvk).exists():
            raise ValidationError(
                _("Er is al een aanbieder met dit KvK-nummer: kies %(naam)s in de lijst.")
                % {"naam": Aanbieder.objects.get(kvk_nummer=kvk).naam}
            )
        return kvk

    def clean_status(self):
        status = self.cleaned_data["status"]
        # A new investigation may be recorded in any phase, one already under way among others.
        if not self.nieuw:
            try:
                Onderzoek.check_statuswijziging(Onderzoek.objects.get(pk=self.instance.pk).status, status)
            except ValidationError as exc:
                raise ValidationError(exc.message_dict["status"]) from None
        return status

    def clean(self):
        data = super().clean()
        kader = data.get("kader") if self.nieuw else self.instance.kader
        vorm = data.get("toezichtsvorm")
        if kader is not None and vorm is not None and vorm.kader_id != kader.pk:
            self.add_error("toezichtsvorm", _("Deze toezichtsvorm hoort niet bij het gekozen toetsingskader."))
        naam, kvk = data.get("nieuwe_aanbieder_naam", "").strip(), data.get("nieuwe_aanbieder_kvk", "")
        if bool(naam) != bool(kvk) and "nieuwe_aanbieder_kvk" not in self.errors:
            self.add_error(
                "nieuwe_aanbieder_naam", _("Vul voor een nieuwe aanbieder zowel de naam als het KvK-nummer in.")
            )
        for begin, eind in (("gepland_begin", "gepland_eind"), ("werkelijk_begin", "werkelijk_eind")):
            if data.get(begin) and data.get(eind) and data[eind] < data[begin]:
                self.add_error(eind, _("Het einde kan niet vóór de start liggen."))
        if not self.nieuw and data.get("status") == Onderzoek.Status.AFGEROND:
            from . import procedure

            if procedure.loopt(self.instance):
                self.add_error(
                    "status",
                    _(
                        "De procedure van openbaarmaking loopt nog. Het onderzoek kan worden afgerond als het "
                        "rapport is aangeboden ter publicatie of als besloten is het niet openbaar te maken."
                    ),
                )
        if self.nieuw and kader is not None:
            self.gekozen_normen = self._normen(kader, data)
        return data

    def _normen(self, kader, data):
        from kennisbank.models import NormPage

        keuze = data.get("normkeuze")
        alle = NormPage.objects.viewable_by_user(self.user).filter(toezichtkader=kader).order_by("path")
        if keuze == NormKeuze.ALLE:
            return list(alle)
        if keuze == NormKeuze.ONDERDEEL:
            onderdeel = data.get("onderdeel")
            if onderdeel is None:
                self.add_error("onderdeel", _("Kies het onderdeel waarvan de normen worden getoetst."))
                return []
            if not onderdeel.path.startswith(kader.path):
                self.add_error("onderdeel", _("Dit onderdeel hoort niet bij het gekozen toetsingskader."))
                return []
            return list(alle.filter(path__startswith=onderdeel.path))
        if keuze == NormKeuze.SELECTIE:
            gekozen = data.get("normen") or []
            vreemd = [norm for norm in gekozen if norm.toezichtkader_id != kader.pk]
            if vreemd:
                self.add_error(
                    "normen",
                    _("Deze normen horen niet bij het gekozen toetsingskader: %(codes)s.")
                    % {"codes": ", ".join(norm.code for norm in vreemd)},
                )
                return []
            if not gekozen:
                self.add_error("normen", _("Kies ten minste één norm."))
                return []
            ids = {norm.pk for norm in gekozen}
            return [norm for norm in alle if norm.pk in ids]
        return []


class BevindingRijForm(RedelijkeDatums, forms.Form):
    """One row of the recording page: the finding of one norm for one provider."""

    oordeel = forms.ChoiceField(label=_("Oordeel"), choices=Oordeel.choices, initial=Oordeel.NIET_GETOETST)
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=Bevinding._meta.get_field("toelichting").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    bewijs = forms.ModelMultipleChoiceField(
        label=_("Onderbouwing (documenten)"),
        queryset=Document.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 3}),
    )

    def __init__(self, *args, documenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bewijs"].queryset = documenten


class ConceptForm(forms.Form):
    document = forms.ModelChoiceField(
        label=_("Conceptrapport"), queryset=Document.objects.none(), empty_label=_("(kies een document)")
    )

    def __init__(self, *args, documenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documenten


class StartForm(RedelijkeDatums, forms.Form):
    datum = forms.DateField(label=_("Conceptrapport aan de aanbieder aangeboden op"), widget=DATUM)


class AfrondenForm(RedelijkeDatums, forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=DATUM)
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    document = forms.ModelChoiceField(
        label=_("Definitief rapport"),
        queryset=Document.objects.none(),
        required=False,
        empty_label=_("(kies een document)"),
    )
    reactie = forms.CharField(
        label=_("Reactie van de aanbieder"),
        required=False,
        max_length=Onderzoek._meta.get_field("reactie_aanbieder").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    geen = forms.BooleanField(label=_("Er is geen zienswijze ingediend"), required=False)
    # Checked by the procedure, after whether the step is at its turn (procedure.afronden).
    besluit = forms.ChoiceField(
        label=_("Besluit"),
        choices=Procedurestap.Besluit.choices,
        required=False,
        initial=Procedurestap.Besluit.OPENBAAR,
        widget=forms.RadioSelect,
    )
    motivering = forms.CharField(
        label=_("Motivering"),
        required=False,
        max_length=Procedurestap._meta.get_field("motivering").max_length,
        help_text=_("Verplicht bij een besluit om het rapport niet openbaar te maken: de zwaarwegende redenen."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, documenten, rol, maximum_woorden=None, **kwargs):
        from . import procedure

        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documenten
        if rol != procedure.DEFINITIEF:
            del self.fields["document"]
        if rol != procedure.REACTIE:
            del self.fields["reactie"]
        elif maximum_woorden:
            self.fields["reactie"].help_text = _(
                "Maximaal %(n)s woorden. Laat leeg als de aanbieder niet heeft gereageerd."
            ) % {"n": maximum_woorden}
        if rol != procedure.ZIENSWIJZE:
            del self.fields["geen"]
        if rol != procedure.BESLUIT:
            del self.fields["besluit"]
            del self.fields["motivering"]


class UitstelForm(RedelijkeDatums, forms.Form):
    uitstel_tot = forms.DateField(label=_("Uitstel tot"), widget=DATUM)
    uitstel_reden = forms.CharField(
        label=_("Reden van het uitstel"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
