from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _("Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw."),
        "inactive": _("Dit account is niet actief."),
    }
