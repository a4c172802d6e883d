"""Admin for crime figures and operational results.

Recoveries of narcotics and illicit arms nest below a year's operational results, so they are edited on
the results' own page, linked from the plan's page.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, F, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from crime_stats import models
from plans.admin_base import (
    CachedChoicesFormSet,
    PlanPartAdmin,
    PlanRowInline,
    PlanRowStackedInline,
    ReferenceItemAdmin,
    admin_link,
    scoped_filter,
)


@admin.register(models.CrimeHead)
class CrimeHeadAdmin(ReferenceItemAdmin):
    list_display = ["name", "law_sections", "district", "position"]
    search_fields = ["name", "law_sections"]


@admin.register(models.Substance)
class SubstanceAdmin(ReferenceItemAdmin):
    list_display = ["name", "unit", "district", "position"]


@admin.register(models.IllicitArmType)
class IllicitArmTypeAdmin(ReferenceItemAdmin):
    pass


class YearInWindowFormSet(CachedChoicesFormSet):
    """On the add page, rows are checked against the new plan's crime years here (they have no plan id yet)."""

    def clean_row(self, form, plan):
        super().clean_row(form, plan)
        try:
            models.check_year_in_window(plan, form.cleaned_data.get("year"))
        except ValidationError as error:
            form.add_error(None, error)


def with_previous_year(queryset):
    """Annotate `previous_cases`: the same head's cases a year earlier in the same plan (None if not entered)."""
    previous = models.CrimeFigure.objects.filter(
        plan=OuterRef("plan"), head=OuterRef("head"), year=OuterRef("year") - 1
    )
    return queryset.annotate(previous_cases=Subquery(previous.values("cases")[:1]))


def change_from_previous(obj):
    if obj is None or obj.pk is None or getattr(obj, "previous_cases", None) is None:
        return "—"
    return f"{obj.cases - obj.previous_cases:+d}"


class CrimeFigureInline(PlanRowInline):
    model = models.CrimeFigure
    formset = YearInWindowFormSet
    fields = ["head", "year", "cases", "change"]
    readonly_fields = ["change"]
    select_related = ["head"]

    def get_queryset(self, request):
        return with_previous_year(super().get_queryset(request))

    @admin.display(description=_("change on previous year (computed)"))
    def change(self, obj):
        return change_from_previous(obj)


class OperationalResultInline(PlanRowStackedInline):
    model = models.OperationalResult
    formset = YearInWindowFormSet
    readonly_fields = ["recoveries"]
    fieldsets = [
        (None, {"fields": ["year", "recoveries"]}),
        (
            _("Gangs smashed"),
            {"fields": [("gangs_smashed", "gang_members_arrested", "gang_arms_recovered", "gang_property_recovered")]},
        ),
        (
            _("Proclaimed offenders and court absconders"),
            {"fields": [("proclaimed_offenders_arrested", "court_absconders_arrested")]},
        ),
        (
            _("Police encounters"),
            {
                "fields": [
                    ("encounters", "police_martyred", "police_injured"),
                    ("criminals_killed", "criminals_injured", "criminals_arrested"),
                    ("public_killed", "public_injured"),
                ]
            },
        ),
        (
            _("Narcotics and illicit arms: cases and accused"),
            {"fields": [("narcotics_cases", "narcotics_accused"), ("illicit_arms_cases", "illicit_arms_accused")]},
        ),
        (
            _("Crime scene samples sent to NADRA"),
            {"fields": [("forensic_sent", "forensic_matched", "forensic_unmatched", "forensic_pending")]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                narcotics_count=Count("narcotics", distinct=True),
                illicit_arms_count=Count("illicit_arms", distinct=True),
            )
        )

    @admin.display(description=_("recoveries by substance and arm type"))
    def recoveries(self, obj):
        if obj is None or obj.pk is None:
            return _("Save the plan, then add the recoveries.")
        text = _("Edit recoveries: %(narcotics)s substances, %(arms)s arm types") % {
            "narcotics": obj.narcotics_count,
            "arms": obj.illicit_arms_count,
        }
        return admin_link(obj, text)


@admin.register(models.CrimeFigure)
class CrimeFigureAdmin(PlanPartAdmin):
    list_display = ["head", "year", "cases", "previous_cases", "change", "plan"]
    list_filter = ["year", scoped_filter("head")]
    list_select_related = ["plan__district", "head"]
    search_fields = ["head__name", "head__law_sections"]
    readonly_fields = ["change"]

    def get_queryset(self, request):
        return with_previous_year(super().get_queryset(request))

    @admin.display(description=_("cases a year earlier"), ordering="previous_cases")
    def previous_cases(self, obj):
        return "—" if obj.previous_cases is None else obj.previous_cases

    @admin.display(description=_("change"))
    def change(self, obj):
        return change_from_previous(obj)


class NarcoticsRecoveryInline(PlanRowInline):
    model = models.NarcoticsRecovery
    fields = ["substance", "quantity", "unit"]
    readonly_fields = ["unit"]
    select_related = ["substance"]

    @admin.display(description=_("unit"))
    def unit(self, obj):
        return obj.substance.unit if obj and obj.substance_id else "—"


class IllicitArmsRecoveryInline(PlanRowInline):
    model = models.IllicitArmsRecovery
    fields = ["arm_type", "count"]
    select_related = ["arm_type"]


@admin.register(models.OperationalResult)
class OperationalResultAdmin(PlanPartAdmin):
    list_display = [
        "__str__",
        "plan",
        "gangs_smashed",
        "proclaimed_offenders_arrested",
        "court_absconders_arrested",
        "encounters",
        "narcotics_cases",
        "illicit_arms_cases",
        "forensic_sent",
        "forensic_accounted",
    ]
    list_filter = ["year"]
    list_select_related = ["plan__district"]
    search_fields = ["plan__district__name"]
    fieldsets = [(None, {"fields": ["plan", "year"]}), *OperationalResultInline.fieldsets[1:]]
    inlines = [NarcoticsRecoveryInline, IllicitArmsRecoveryInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(forensic_results=F("forensic_matched") + F("forensic_unmatched") + F("forensic_pending"))
        )

    @admin.display(description=_("match + no match + pending"), ordering="forensic_results")
    def forensic_accounted(self, obj):
        return obj.forensic_results


class RecoveryAdmin(PlanPartAdmin):
    """A recovery belongs to the plan of its operational results."""

    plan_lookup = "result__plan"
    autocomplete_fields = ["result"]

    @admin.display(description=_("plan"), ordering="result__plan")
    def plan(self, obj):
        return obj.result.plan


@admin.register(models.NarcoticsRecovery)
class NarcoticsRecoveryAdmin(RecoveryAdmin):
    list_display = ["substance", "quantity", "unit", "result", "plan"]
    list_filter = [scoped_filter("substance")]
    list_select_related = ["result__plan__district", "substance"]
    search_fields = ["substance__name"]

    @admin.display(description=_("unit"), ordering="substance__unit")
    def unit(self, obj):
        return obj.substance.unit


@admin.register(models.IllicitArmsRecovery)
class IllicitArmsRecoveryAdmin(RecoveryAdmin):
    list_display = ["arm_type", "count", "result", "plan"]
    list_filter = [scoped_filter("arm_type")]
    list_select_related = ["result__plan__district", "arm_type"]
    search_fields = ["arm_type__name"]
