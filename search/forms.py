from django import forms
from django.core import validators
from django.utils.translation import gettext_lazy as _

from .analysis import MAX_QUERY_LENGTH
from .service import FACETS, MAX_PAGE


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoekterm"),
        required=False,
        strip=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": _("De zoekterm is te lang: gebruik hoogstens %(limit_value)d tekens.")},
    )
    pagina = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("Het paginanummer moet een getal zijn."),
            "min_value": _("Het paginanummer moet 1 of hoger zijn."),
            "max_value": _("Dit paginanummer bestaat niet."),
        },
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # Control characters (NUL included) get the search's own Dutch message.
        self.fields["q"].validators = [
            v for v in self.fields["q"].validators if not isinstance(v, validators.ProhibitNullCharactersValidator)
        ]
        self.filters = {}
        if data is not None:
            self.filters = {name: data.getlist(name) for name in FACETS if name in data}
