"""Playing a practice case alone: the answer form of a chapter, and where the answers are
kept (the database for signed-in players, the session for everyone else)."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models.oefencasus import MAX_ANTWOORD, OefencasusVoortgang

SESSIE_SLEUTEL = "oefencasus"


def veldnaam(vraag):
    return f"vraag-{vraag.id}"


class HoofdstukForm(forms.Form):
    """One field per question of a chapter: a radio choice or an open answer, all required."""

    def __init__(self, hoofdstuk, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.hoofdstuk = hoofdstuk
        for vraag in hoofdstuk.vragen:
            if vraag.meerkeuze:
                self.fields[veldnaam(vraag)] = forms.TypedChoiceField(
                    label=vraag.tekst,
                    choices=[(str(optie.nummer), optie.tekst) for optie in vraag.opties],
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": _("Kies een van de antwoorden bij deze vraag."),
                        "invalid_choice": _("Dit antwoord bestaat niet. Kies een van de antwoorden bij de vraag."),
                    },
                )
            else:
                self.fields[veldnaam(vraag)] = forms.CharField(
                    label=vraag.tekst,
                    max_length=MAX_ANTWOORD,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    error_messages={
                        "required": _("Schrijf een antwoord bij deze vraag."),
                        "max_length": _(
                            "Uw antwoord is te lang: hoogstens %(limit_value)d tekens, u schreef er %(show_value)d."
                        ),
                    },
                )

    def antwoorden(self):
        """{vraag_id: {"optie": n} | {"tekst": "..."}} from the cleaned data."""
        result = {}
        for vraag in self.hoofdstuk.vragen:
            waarde = self.cleaned_data[veldnaam(vraag)]
            result[vraag.id] = {"optie": waarde} if vraag.meerkeuze else {"tekst": waarde}
        return result

    @classmethod
    def initial_from(cls, hoofdstuk, antwoorden):
        initial = {}
        for vraag in hoofdstuk.vragen:
            antwoord = antwoorden.get(vraag.id)
            if antwoord:
                initial[veldnaam(vraag)] = str(antwoord["optie"]) if vraag.meerkeuze else antwoord["tekst"]
        return initial


def _sessie_antwoorden(request, page, perspectief):
    return request.session.get(SESSIE_SLEUTEL, {}).get(str(page.pk), {}).get(perspectief, {})


def lees_antwoorden(request, page, perspectief):
    """The player's answers so far, keyed on question id; only answers to questions the case
    still has (an editor may have removed one since)."""
    if request.user.is_authenticated:
        voortgang = OefencasusVoortgang.objects.filter(user=request.user, page=page, perspectief=perspectief).first()
        opgeslagen = voortgang.antwoorden if voortgang else {}
    else:
        opgeslagen = _sessie_antwoorden(request, page, perspectief)
    bestaand = {vraag.id for hoofdstuk in page.hoofdstuk_lijst() for vraag in hoofdstuk.vragen}
    return {vraag_id: antwoord for vraag_id, antwoord in opgeslagen.items() if vraag_id in bestaand}


def bewaar_antwoorden(request, page, perspectief, nieuwe):
    if request.user.is_authenticated:
        with transaction.atomic():
            voortgang, _created = OefencasusVoortgang.objects.select_for_update().get_or_create(
                user=request.user, page=page, perspectief=perspectief
            )
            voortgang.antwoorden = {**voortgang.antwoorden, **nieuwe}
            voortgang.save()
        return
    alle = request.session.get(SESSIE_SLEUTEL, {})
    per_pagina = alle.setdefault(str(page.pk), {})
    per_pagina[perspectief] = {**per_pagina.get(perspectief, {}), **nieuwe}
    request.session[SESSIE_SLEUTEL] = alle


def begonnen_perspectieven(request, page):
    """The perspectives this player has answered something for."""
    if request.user.is_authenticated:
        return set(
            OefencasusVoortgang.objects.filter(user=request.user, page=page)
            .exclude(antwoorden={})
            .values_list("perspectief", flat=True)
        )
    per_perspectief = request.session.get(SESSIE_SLEUTEL, {}).get(str(page.pk), {})
    return {slug for slug, antwoorden in per_perspectief.items() if antwoorden}


def wis_antwoorden(request, page, perspectief):
    if request.user.is_authenticated:
        OefencasusVoortgang.objects.filter(user=request.user, page=page, perspectief=perspectief).delete()
        return
    alle = request.session.get(SESSIE_SLEUTEL, {})
    alle.get(str(page.pk), {}).pop(perspectief, None)
    request.session[SESSIE_SLEUTEL] = alle


def beantwoord(vragen, antwoorden):
    """[(vraag, antwoord, gekozen optie or None)] for showing answers beside their feedback."""
    rijen = []
    for vraag in vragen:
        antwoord = antwoorden.get(vraag.id)
        optie = vraag.optie(antwoord.get("optie")) if antwoord and vraag.meerkeuze else None
        rijen.append((vraag, antwoord, optie))
    return rijen
