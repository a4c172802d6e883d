"""The editors of the plans app's own chapters (cover, message, responsibilities, district detail, vital
statistics, closing), named as `plans.registry.Chapter.editors` in `plans/sections.py`.

Each function takes the plan (and the POST, to save) and gives the chapter's editors in page order. The
plan's own fields of a chapter are one form, so one save moves the plan's version once.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from plans.editors.forms import FormEditor, FormsetEditor
from plans.editors.text import ListEditor
from plans.models import DistrictProfile, PlaceOfWorship, PlanValue, Responsibility, SectShare, Unit

TEXT = forms.Textarea(attrs={"rows": 12})


class PlanForm(FormEditor):
    """The plan's own fields of one chapter."""

    widgets = {"message": TEXT, "closing_text": TEXT, "responsibilities_intro": forms.Textarea(attrs={"rows": 5})}


class ProfileEditor(FormEditor):
    """The vital statistics: one form, empty until the plan has them (the map is uploaded in the admin)."""

    prefix = "profile"
    title = _("Vital statistics")
    fields = DistrictProfile.FIGURES
    required = ("population", "area_sq_km", "police_stations")

    def get_instance(self):
        return DistrictProfile.objects.filter(plan=self.plan).first() or DistrictProfile(plan=self.plan)


class SectSharesEditor(FormsetEditor):
    model = SectShare
    prefix = "sects"
    title = _("Sects classification")
    row_title = _("sect")
    fields = ("position", "name", "percent")


class PlacesOfWorshipEditor(FormsetEditor):
    model = PlaceOfWorship
    prefix = "worship"
    title = _("Places of worship")
    row_title = _("place of worship")
    fields = ("position", "kind", "count", "is_approximate")


class UnitsEditor(FormsetEditor):
    model = Unit
    prefix = "units"
    title = _("Organogram: commands, circles, police stations and branches")
    fields = ("position", "kind", "commander", "name", "parent")
    row_title = _("unit")

    def queryset(self):
        return Unit.objects.select_related("parent")

    def limit_choices(self, form):
        choices = self.__dict__.setdefault("_parent_choices", None)
        field = form.fields["parent"]
        field.queryset = Unit.objects.filter(plan=self.plan)
        if choices is None:
            self._parent_choices = choices = list(field.choices)
        field.choices = choices


class ValuesEditor(FormsetEditor):
    model = PlanValue
    prefix = "values"
    title = _("Values")
    row_title = _("value")
    fields = ("position", "name", "description")


class ResponsibilitiesEditor(ListEditor):
    model = Responsibility
    prefix = "responsibilities"
    title = _("Our responsibilities")
    label = _("Responsibilities, one per line")


def cover(plan, data=None):
    return [
        PlanForm(
            plan,
            data,
            prefix="cover",
            title=_("Cover: fiscal year, crime years and print language"),
            fields=("crime_first_year", "crime_last_year", "print_language"),
        )
    ]


def message(plan, data=None):
    return [
        PlanForm(plan, data, prefix="message", title=_("The DPO's message"), fields=("message",), required=("message",))
    ]


def responsibilities(plan, data=None):
    return [
        PlanForm(
            plan,
            data,
            prefix="intro",
            title=_("Introduction, lead-in and the DPO's signature"),
            fields=(
                "responsibilities_intro",
                "responsibilities_lead",
                "signatory_name",
                "signatory_suffix",
                "signatory_designation",
            ),
            required=("responsibilities_lead",),
        ),
        ValuesEditor(plan, data),
        ResponsibilitiesEditor(plan, data),
    ]


def district_detail(plan, data=None):
    return [UnitsEditor(plan, data)]


def vital_statistics(plan, data=None):
    return [ProfileEditor(plan, data), SectSharesEditor(plan, data), PlacesOfWorshipEditor(plan, data)]


def closing(plan, data=None):
    return [
        PlanForm(
            plan,
            data,
            prefix="closing",
            title=_("Closing"),
            fields=("closing_text", "closing_salutation"),
            required=("closing_text",),
        )
    ]
