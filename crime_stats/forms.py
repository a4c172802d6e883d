"""The portal's form of the crime statistics app: the span of years of the crime comparison."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CrimeSpanForm(forms.Form):
    """The span of calendar years of the crime comparison."""

    first = forms.TypedChoiceField(label=_("From year"), coerce=int)
    last = forms.TypedChoiceField(label=_("To year"), coerce=int)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(year, str(year)) for year in years]
        self.fields["first"].choices = choices
        self.fields["last"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("first") and data.get("last") and data["first"] > data["last"]:
            data["first"], data["last"] = data["last"], data["first"]
        return data
