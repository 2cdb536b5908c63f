from datetime import date

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .ids import parse_id


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _("Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw."),
        "inactive": _("Dit account is niet actief."),
    }


CHOICE_ERRORS = {
    "invalid_choice": _("Deze keuze bestaat niet. Kies een van de waarden uit de lijst."),
    "invalid_pk_value": _("Deze keuze bestaat niet. Kies een van de waarden uit de lijst."),
    "invalid_list": _("Kies een of meer waarden uit de lijst."),
}


# The dates the portal's work can fall on, as the navigator's reference date: a year 1 or 9999
# typed into a date field is a typing error, not a calamity of long ago or an extension for ever.
EERSTE_DATUM = date(1990, 1, 1)
LAATSTE_DATUM = date(2100, 12, 31)
DATUM_BUITEN_BEREIK = _("Vul een datum in tussen 1 januari 1990 en 31 december 2100.")


def redelijke_datum(value):
    if value is not None and not EERSTE_DATUM <= value <= LAATSTE_DATUM:
        raise ValidationError(DATUM_BUITEN_BEREIK, code="datum_buiten_bereik")


class RedelijkeDatums:
    """A form mixin: every date field of the form refuses a date outside EERSTE_DATUM ..
    LAATSTE_DATUM, with the same Dutch message on every page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.validators.append(redelijke_datum)


class IdChoiceField(forms.ModelChoiceField):
    """A choice of one object by its id: anything that is no possible id is a form error."""

    default_error_messages = CHOICE_ERRORS

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if parse_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several objects by their ids; Django's own field crashes on a number
    beyond 64 bits, which no widget sends but anyone can type."""

    default_error_messages = CHOICE_ERRORS

    def _check_values(self, value):
        if not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        if any(parse_id(pk) is None for pk in value):
            raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value")
        return super()._check_values(value)


class PlainSelect(forms.Select):
    """Django's select without a template per option: the filters offer every topic, and
    rendering their options one template at a time took half the listing's time."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(option), mark_safe(" selected") if str(option) in selected else "", label)
                for option, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(self.build_attrs(self.attrs, attrs)), options
        )
