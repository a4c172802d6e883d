"""The whole plan in one response: every section nested, with the derived values the document prints.

Each section is one field of `FullPlanSerializer` and is fetched either by a prefetch (`PREFETCH`) or by
its app's `figures.py` (`load_sections`), always in a fixed number of queries: the response costs the
same number of queries for a plan of any size. Adding a section to the plan adds its field here.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from crime_stats import figures as crime_figures
from crime_stats.api.serializers import CrimeTableSerializer, OperationalResultWithRecoveriesSerializer
from initiatives.api.serializers import (
    NarrativeSectionWithPointsSerializer,
    ObjectiveWithPointsSerializer,
    TargetWithProgressSerializer,
)
from initiatives.models import NarrativeSection, Objective, SectionPoint, StrategyPoint, Target
from kasur_police.api.serializers import FigureField, without
from logistics import figures as logistics_figures
from logistics.api.serializers import StockSheetSerializer, VehicleTableSerializer
from plans import figures as plans_figures
from plans.api.serializers import (
    AnnualPlanSerializer,
    BudgetSectionSerializer,
    PlaceOfWorshipSerializer,
    PlanValueSerializer,
    PrintedFigureSerializer,
    ProfileSectionSerializer,
    ResponsibilitySerializer,
    SectShareSerializer,
    UnitSerializer,
    WorkflowEventSerializer,
)
from plans.models import BudgetAllocation, Unit, WorkflowEvent
from strength import figures as strength_figures
from strength.api.serializers import StrengthSectionSerializer

# Every model whose rows the full plan shows: reading it needs the view permission on each.
MODELS = [
    "plans.annualplan",
    "plans.districtprofile",
    "plans.sectshare",
    "plans.placeofworship",
    "plans.unit",
    "plans.planvalue",
    "plans.responsibility",
    "plans.budgethead",
    "plans.budgetallocation",
    "plans.printedfigure",
    "plans.workflowevent",
    "strength.rank",
    "strength.strengthentry",
    "strength.fieldorganisation",
    "logistics.vehicletype",
    "logistics.deployment",
    "logistics.vehiclecount",
    "logistics.stockcategory",
    "logistics.equipmenttype",
    "logistics.stockstatement",
    "logistics.stockitem",
    "crime_stats.crimehead",
    "crime_stats.crimefigure",
    "crime_stats.operationalresult",
    "crime_stats.substance",
    "crime_stats.narcoticsrecovery",
    "crime_stats.illicitarmtype",
    "crime_stats.illicitarmsrecovery",
    "initiatives.objective",
    "initiatives.objectiveheading",
    "initiatives.strategypoint",
    "initiatives.narrativesection",
    "initiatives.sectionpoint",
    "initiatives.target",
    "initiatives.targetprogress",
]
PERMISSIONS = [f"{app}.view_{model}" for app, model in (label.split(".") for label in MODELS)]

PREFETCH = [
    "sect_shares",
    "places_of_worship",
    "values",
    "responsibilities",
    "printed_figures",
    Prefetch("units", queryset=Unit.objects.select_related("parent")),
    Prefetch("budget_allocations", queryset=BudgetAllocation.objects.select_related("head")),
    Prefetch("workflow_events", queryset=WorkflowEvent.objects.select_related("actor")),
    Prefetch(
        "objectives",
        queryset=Objective.objects.prefetch_related(
            "headings", Prefetch("points", queryset=StrategyPoint.objects.select_related("heading"))
        ),
    ),
    Prefetch(
        "narrative_sections",
        queryset=NarrativeSection.objects.prefetch_related(
            Prefetch("points", queryset=SectionPoint.objects.select_related("parent"))
        ),
    ),
    Prefetch("targets", queryset=Target.objects.prefetch_related("progress")),
]


def full_plan_queryset(queryset):
    return queryset.select_related("district", "profile").prefetch_related(*PREFETCH)


def load_sections(plan):
    """The sections built from the apps' figures, and every derived figure keyed as `PrintedFigure` keys it."""
    strength = strength_figures.strength_figures(plan)
    if strength.field_organisation is not None:
        strength.field_organisation.plan = plan  # its display names the plan: no second fetch
    vehicles = logistics_figures.vehicle_table(plan)
    stock = logistics_figures.stock_sheets(plan)
    crime = crime_figures.plan_crime_table(plan)
    profile = getattr(plan, "profile", None)
    if profile is not None:
        profile.police_population_ratio = plans_figures.police_population_ratio(
            profile.population, strength.present_police
        )
    allocations = list(plan.budget_allocations.all())
    computed = {
        **plans_figures.computed_figures(plan, profile=profile),
        **strength_figures.computed_figures(plan, figures=strength),
        **logistics_figures.computed_figures(plan, table=vehicles, sheets=stock),
        **crime_figures.computed_figures(plan, table=crime),
    }
    return {
        "profile": profile,
        "strength": strength,
        "vehicles": vehicles,
        "stock": stock,
        "crime": crime,
        "operational_results": crime_figures.operational_results(plan),
        "budget": {"allocations": allocations, "total": sum(allocation.amount for allocation in allocations)},
        "computed_figures": computed,
    }


def rows(serializer_class):
    return without(serializer_class, "plan")(many=True, read_only=True)


class FullPlanSerializer(AnnualPlanSerializer):
    """The whole plan, every section nested in document order, with its derived values."""

    profile = ProfileSectionSerializer(source="sections.profile", allow_null=True, read_only=True)
    sect_shares = rows(SectShareSerializer)
    places_of_worship = rows(PlaceOfWorshipSerializer)
    units = rows(UnitSerializer)
    values = rows(PlanValueSerializer)
    responsibilities = rows(ResponsibilitySerializer)
    strength = StrengthSectionSerializer(source="sections.strength", read_only=True)
    vehicles = VehicleTableSerializer(source="sections.vehicles", read_only=True)
    stock_statements = StockSheetSerializer(source="sections.stock", many=True, read_only=True)
    objectives = ObjectiveWithPointsSerializer(many=True, read_only=True)
    crime = CrimeTableSerializer(source="sections.crime", read_only=True)
    operational_results = OperationalResultWithRecoveriesSerializer(
        source="sections.operational_results", many=True, read_only=True
    )
    narrative_sections = NarrativeSectionWithPointsSerializer(many=True, read_only=True)
    targets = TargetWithProgressSerializer(many=True, read_only=True)
    budget = BudgetSectionSerializer(source="sections.budget", read_only=True)
    printed_figures = rows(PrintedFigureSerializer)
    computed_figures = serializers.DictField(
        child=FigureField(),
        source="sections.computed_figures",
        read_only=True,
        help_text=_("Every derived figure, keyed like `printed_figures`, so the two can be compared."),
    )
    workflow_events = rows(WorkflowEventSerializer)

    class Meta(AnnualPlanSerializer.Meta):
        fields = [
            *AnnualPlanSerializer.Meta.fields,
            "profile",
            "sect_shares",
            "places_of_worship",
            "units",
            "values",
            "responsibilities",
            "strength",
            "vehicles",
            "stock_statements",
            "objectives",
            "crime",
            "operational_results",
            "narrative_sections",
            "targets",
            "budget",
            "printed_figures",
            "computed_figures",
            "workflow_events",
        ]

    def to_representation(self, plan):
        plan.sections = load_sections(plan)
        return super().to_representation(plan)
