"""The portal's forms: GET filters whose choices come from what the user may see, and the workflow's comments."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from plans.models import AnnualPlan, PlanStatus, Region, WorkflowAction, fiscal_year_label


class PlanFilterForm(forms.Form):
    """Search and filters of the plans list on the home page."""

    q = forms.CharField(label=_("District"), required=False, max_length=100)
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False)
    year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any status")), *PlanStatus.choices], required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        plans = AnnualPlan.objects.visible_to(user)
        self.fields["q"].widget.attrs.update(type="search", placeholder=_("District name"))
        self.fields["region"].queryset = Region.objects.filter(districts__plans__in=plans).distinct()
        self.fields["region"].empty_label = _("Any region")
        years = plans.order_by("-year_start").values_list("year_start", flat=True).distinct()
        self.fields["year"].choices = [("", _("Any year"))] + [(year, fiscal_year_label(year)) for year in years]

    def filter(self, plans):
        """The plans that match the valid part of the form (an invalid filter is ignored, not an error)."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("q"):
            plans = plans.filter(district__name__icontains=data["q"].strip())
        if data.get("region"):
            plans = plans.filter(district__region=data["region"])
        if data.get("year"):
            plans = plans.filter(year_start=data["year"])
        if data.get("status"):
            plans = plans.filter(status=data["status"])
        return plans


class DirectSelect(forms.Select):
    """A select written in Python: the same HTML as Django's, without a template for it and each option.

    For the comparison's list of other districts' plans (about 1,500 options for a reviewer of the whole
    country took 0.3-0.7 s through the templates) and the plan page's many small progress forms.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            html = format_html_join(
                "", '<option value="{}"{}>{}</option>', ((o["value"], flatatt(o["attrs"]), o["label"]) for o in options)
            )
            groups.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, html) if group_name else html)
        options = mark_safe("".join(groups))  # each group escaped by format_html
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options)


class DirectTextarea(forms.Textarea):
    """A textarea written in Python, the same HTML as Django's template writes (see DirectSelect)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>', widget["name"], flatatt(widget["attrs"]), widget["value"] or ""
        )


class PlanLabels(ModelChoiceIterator):
    """The choices read as three columns (id, district, year): no model instances for a country's plans."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, district, year_start in self.queryset.values_list("pk", "district__name", "year_start"):
            yield (pk, f"{district} {fiscal_year_label(year_start)}")


class OtherPlanField(forms.ModelChoiceField):
    widget = DirectSelect
    iterator = PlanLabels


class PlanPairForm(forms.Form):
    """The two fiscal years of a district to put side by side, or one of its plans and another district's."""

    a = forms.TypedChoiceField(label=_("Earlier plan"), coerce=int)
    b = forms.TypedChoiceField(label=_("Later plan"), coerce=int)
    other = OtherPlanField(
        AnnualPlan.objects.none(),
        label=_("Or with another district's plan"),
        required=False,
        empty_label=_("(none: this district's later plan)"),
    )
    changes = forms.BooleanField(label=_("Changes only"), required=False)

    def __init__(self, *args, years, others=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(year, fiscal_year_label(year)) for year in years]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices
        if others is None:
            del self.fields["other"]
        else:
            self.fields["other"].queryset = others


class OverviewForm(forms.Form):
    """The fiscal year of the reviewers' overview; without one each district shows its latest plan."""

    year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        years = AnnualPlan.objects.visible_to(user).order_by("-year_start").values_list("year_start", flat=True)
        choices = [(year, fiscal_year_label(year)) for year in years.distinct()]
        self.fields["year"].choices = [("", _("Latest plan of each district"))] + choices


class WorkflowStepForm(forms.Form):
    """The comment that goes with a workflow step, prefixed by its action so several forms share a page.

    Returning needs a comment: the textarea says so to the browser, and `return_to_draft` refuses an empty
    one with its own message, so the rule lives in one place on the server.
    """

    BUTTONS = {
        WorkflowAction.SUBMIT: _("Submit for approval"),
        WorkflowAction.RETURN: _("Return with comments"),
        WorkflowAction.APPROVE: _("Approve"),
    }
    LABELS = {
        WorkflowAction.SUBMIT: _("Note for the approving authority (optional)"),
        WorkflowAction.RETURN: _("What must the district change? (required)"),
        WorkflowAction.APPROVE: _("Comment (optional)"),
    }

    comment = forms.CharField(required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, prefix=action, **kwargs)
        self.action = WorkflowAction(action)
        self.fields["comment"].label = self.LABELS[self.action]
        if self.action == WorkflowAction.RETURN:
            self.fields["comment"].widget.attrs["required"] = True

    @property
    def button(self):
        return self.BUTTONS[self.action]

    @property
    def url_name(self):
        return f"plans:plan-{self.action}"
