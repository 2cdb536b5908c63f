from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminPageForm


class NormPageForm(WagtailAdminPageForm):
    """A norm without anything to check is not a norm: require at least one toetspunt."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("toetspunten")
        if formset is not None:
            remaining = [
                form
                for form in formset.forms
                if form.is_valid()
                and form.cleaned_data
                and not form.cleaned_data.get("DELETE")
                and (form.cleaned_data.get("tekst") or "").strip()
            ]
            if not remaining:
                self.add_error(
                    None, ValidationError(_("Geef ten minste één toetspunt op: wat toetst de toezichthouder?"))
                )
        return cleaned
