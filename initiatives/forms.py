"""The portal's form of the initiatives app: the quarterly progress against a target."""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.models import TargetProgress
from plans.forms import DirectSelect, DirectTextarea


class TargetProgressForm(forms.ModelForm):
    """A target's progress in one quarter, recorded in the plan page's quarterly table (Article 44 reviews).

    Its prefix names the target and the quarter, so the forms of every cell of the table have their own ids.
    A plan page holds one for each target and quarter, so its widgets are written without templates.
    """

    class Meta:
        model = TargetProgress
        fields = ["status", "note"]
        labels = {"note": _("Note")}
        widgets = {"status": DirectSelect, "note": DirectTextarea(attrs={"rows": 2})}

    def __init__(self, *args, target, quarter, **kwargs):
        super().__init__(*args, prefix=f"progress-{target.pk}-{quarter}", **kwargs)
