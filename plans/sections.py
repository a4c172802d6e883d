"""The plans app's own chapters and what else it contributes to a plan, through the same registry as
the section apps (see `plans.registry`)."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from plans import chapters, checks, comparison, demo, exports, figures, registry
from plans.editors import plan_chapters
from plans.editors.budget import editors as budget_editors
from plans.models import BudgetAllocation, Unit, WorkflowEvent
from plans.registry import ApiField, Chapter, CsvTable, Dataset, Section, register, serializer_field
from plans.workbook import plan as workbook

PLAN = ("plans.AnnualPlan",)  # chapters edited on the plan's own form


def load_profile(data):
    """The plan's profile (fetched with the plan) with the police-population ratio the figures give."""
    profile = getattr(data.plan, "profile", None)
    if profile is not None:
        profile.police_population_ratio = figures.police_population_ratio(
            profile.population, data.get("present_police")
        )
    return profile


def load_budget(data):
    allocations = list(data.plan.budget_allocations.all())
    return {"allocations": allocations, "total": sum(allocation.amount for allocation in allocations)}


def rows(name):
    """A list field of the plan's rows without their `plan` (it is the plan being shown)."""

    def make():
        from kasur_police.api.serializers import without
        from plans.api import serializers

        return without(getattr(serializers, name), "plan")(many=True, read_only=True)

    return make


def computed_figures_field():
    from rest_framework import serializers

    from kasur_police.api.serializers import FigureField

    return serializers.DictField(
        child=FigureField(),
        source="sections.computed_figures",
        read_only=True,
        help_text=_("Every derived figure, keyed like `printed_figures`, so the two can be compared."),
    )


def workbook_buttons(plan, user):
    """The plan page's Download/Upload workbook buttons (the views import the portal's, so late)."""
    from plans.views.workbook import plan_page_context

    return plan_page_context(plan, user)


register(
    Section(
        "plans",
        chapters=(
            Chapter(
                "cover",
                _("Cover"),
                position=10,
                build=chapters.cover,
                admin_items=("cover",),
                edited_with=PLAN,
                editors=plan_chapters.cover,
            ),
            Chapter(
                "message",
                _("The DPO's message"),
                position=20,
                build=chapters.message,
                admin_items=("message",),
                edited_with=PLAN,
                editors=plan_chapters.message,
            ),
            Chapter(
                "responsibilities",
                _("Main responsibilities and values"),
                position=30,
                build=chapters.responsibilities,
                admin_items=(
                    "responsibilities",
                    "plans.admin.PlanValueInline",
                    "plans.admin.ResponsibilityInline",
                    "signature",
                ),
                edited_with=("plans.PlanValue", "plans.Responsibility"),
                editors=plan_chapters.responsibilities,
            ),
            Chapter(
                "district-detail",
                _("District detail and organogram"),
                position=40,
                build=chapters.district_detail,
                admin_items=("plans.admin.UnitInline",),
                edited_with=("plans.Unit",),
                editors=plan_chapters.district_detail,
            ),
            Chapter(
                "vital-statistics",
                _("Vital statistics"),
                position=50,
                build=chapters.vital_statistics,
                admin_items=(
                    "plans.admin.DistrictProfileInline",
                    "plans.admin.SectShareInline",
                    "plans.admin.PlaceOfWorshipInline",
                ),
                edited_with=("plans.DistrictProfile", "plans.SectShare", "plans.PlaceOfWorship"),
                editors=plan_chapters.vital_statistics,
                tables=("vital-statistics",),
            ),
            Chapter(
                "financial-resources",
                _("Financial resources"),
                position=130,
                build=chapters.financial_resources,
                admin_items=("plans.admin.BudgetAllocationInline",),
                edited_with=("plans.BudgetAllocation",),
                tables=("budget",),
                editors=budget_editors,
            ),
            Chapter(
                "closing",
                _("Closing"),
                position=140,
                build=chapters.closing,
                admin_items=("closing",),
                edited_with=PLAN,
                editors=plan_chapters.closing,
            ),
        ),
        tables=(
            CsvTable("vital-statistics", _("Vital statistics"), exports.vital_statistics),
            CsvTable("budget", _("Financial resources"), exports.budget),
        ),
        datasets=(
            Dataset("profile", load_profile),
            Dataset("budget", load_budget),
            Dataset("computed_figures", lambda data: registry.computed_figures(data.plan, data)),
        ),
        api_fields=(
            ApiField(
                "profile",
                10,
                serializer_field(
                    "plans.api.serializers.ProfileSectionSerializer", source="sections.profile", allow_null=True
                ),
                models=("plans.annualplan", "plans.districtprofile"),
            ),
            ApiField(
                "sect_shares", 20, rows("SectShareSerializer"), prefetch=("sect_shares",), models=("plans.sectshare",)
            ),
            ApiField(
                "places_of_worship",
                30,
                rows("PlaceOfWorshipSerializer"),
                prefetch=("places_of_worship",),
                models=("plans.placeofworship",),
            ),
            ApiField(
                "units",
                40,
                rows("UnitSerializer"),
                prefetch=(Prefetch("units", queryset=Unit.objects.select_related("parent")),),
                models=("plans.unit",),
            ),
            ApiField("values", 50, rows("PlanValueSerializer"), prefetch=("values",), models=("plans.planvalue",)),
            ApiField(
                "responsibilities",
                60,
                rows("ResponsibilitySerializer"),
                prefetch=("responsibilities",),
                models=("plans.responsibility",),
            ),
            ApiField(
                "budget",
                150,
                serializer_field("plans.api.serializers.BudgetSectionSerializer", source="sections.budget"),
                prefetch=(Prefetch("budget_allocations", queryset=BudgetAllocation.objects.select_related("head")),),
                models=("plans.budgethead", "plans.budgetallocation"),
            ),
            ApiField(
                "printed_figures",
                160,
                rows("PrintedFigureSerializer"),
                prefetch=("printed_figures",),
                models=("plans.printedfigure",),
            ),
            ApiField("computed_figures", 170, computed_figures_field),
            ApiField(
                "workflow_events",
                180,
                rows("WorkflowEventSerializer"),
                prefetch=(Prefetch("workflow_events", queryset=WorkflowEvent.objects.select_related("actor")),),
                models=("plans.workflowevent",),
            ),
        ),
        computed_figures=lambda data: figures.computed_figures(data.plan, profile=data["profile"]),
        check=checks.check,
        text_sources=tuple(checks.TEXT_SOURCES),
        explained_figures=checks.explained_figures,
        not_carried_forward=("plans.PrintedFigure",),
        demo=((10, demo.text), (20, demo.units), (35, demo.profile), (95, demo.budget), (100, demo.printed_figures)),
        compare=comparison.compare_plans_own,
        plan_page_context=workbook_buttons,
        plan_api_actions=("plans.workbook.api.workbook",),
        workbook_sheets=workbook.SHEETS,
    )
)
