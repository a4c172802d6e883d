from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kasur_police.api.serializers import ValidatedModelSerializer, brief_serializer, without
from plans.models import (
    AnnualPlan,
    BudgetAllocation,
    BudgetHead,
    District,
    DistrictProfile,
    PlaceOfWorship,
    PlanValue,
    PrintedFigure,
    Province,
    Region,
    Responsibility,
    SectShare,
    Unit,
    WorkflowEvent,
)

BriefProvinceSerializer = brief_serializer(Province, ["name", "slug"])
BriefRegionSerializer = brief_serializer(Region, ["name", "slug"])
BriefDistrictSerializer = brief_serializer(District, ["name", "slug"])
BriefAnnualPlanSerializer = brief_serializer(
    AnnualPlan, ["year_start", "fiscal_year", "status"], fiscal_year=serializers.CharField(read_only=True)
)
BriefBudgetHeadSerializer = brief_serializer(BudgetHead, ["account_code", "name"])
BriefUnitSerializer = brief_serializer(Unit, ["kind", "name", "commander"])
BriefUserSerializer = brief_serializer(get_user_model(), ["username"], url=False)


class ProvinceSerializer(ValidatedModelSerializer):
    class Meta:
        model = Province
        fields = ["id", "url", "display", "name", "slug"]


class RegionSerializer(ValidatedModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "url", "display", "province", "name", "slug"]


class DistrictSerializer(ValidatedModelSerializer):
    class Meta:
        model = District
        fields = ["id", "url", "display", "region", "name", "slug", "approving_authority", "is_synthetic"]


class AnnualPlanSerializer(ValidatedModelSerializer):
    fiscal_year = serializers.CharField(read_only=True)
    full = serializers.HyperlinkedIdentityField(view_name="api:annualplan-full", read_only=True)

    class Meta:
        model = AnnualPlan
        fields = [
            "id",
            "url",
            "full",
            "display",
            "district",
            "year_start",
            "fiscal_year",
            "status",
            "crime_first_year",
            "crime_last_year",
            "message",
            "responsibilities_intro",
            "responsibilities_lead",
            "closing_text",
            "closing_salutation",
            "signatory_name",
            "signatory_suffix",
            "signatory_designation",
            "approved_pdf",
            "approved_pdf_sha256",
            "created",
            "modified",
        ]


class DistrictProfileSerializer(ValidatedModelSerializer):
    police_posts_total = serializers.IntegerField(read_only=True)

    class Meta:
        model = DistrictProfile
        fields = [
            "id",
            "url",
            "display",
            "plan",
            "area_sq_km",
            "population",
            "stated_police_population_ratio",
            "urban_percent",
            "rural_percent",
            "border_km",
            "tehsils",
            "mnas",
            "mpas",
            "union_councils",
            "police_subdivisions",
            "police_stations",
            "police_posts_sanctioned",
            "police_posts_unsanctioned",
            "police_posts_total",
            "banks",
            "petrol_pumps",
            "map_image",
        ]
        read_only_fields = ["map_image"]


class SectShareSerializer(ValidatedModelSerializer):
    class Meta:
        model = SectShare
        fields = ["id", "url", "display", "plan", "name", "percent", "position"]


class PlaceOfWorshipSerializer(ValidatedModelSerializer):
    class Meta:
        model = PlaceOfWorship
        fields = ["id", "url", "display", "plan", "kind", "count", "is_approximate", "position"]


class UnitSerializer(ValidatedModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "url", "display", "plan", "parent", "kind", "name", "commander", "position"]


class BudgetHeadSerializer(ValidatedModelSerializer):
    class Meta:
        model = BudgetHead
        fields = ["id", "url", "display", "district", "account_code", "name", "position"]


class BudgetAllocationSerializer(ValidatedModelSerializer):
    class Meta:
        model = BudgetAllocation
        fields = ["id", "url", "display", "plan", "head", "amount"]


class PlanValueSerializer(ValidatedModelSerializer):
    class Meta:
        model = PlanValue
        fields = ["id", "url", "display", "plan", "name", "description", "position"]


class ResponsibilitySerializer(ValidatedModelSerializer):
    class Meta:
        model = Responsibility
        fields = ["id", "url", "display", "plan", "text", "position"]


class PrintedFigureSerializer(ValidatedModelSerializer):
    class Meta:
        model = PrintedFigure
        fields = ["id", "url", "display", "plan", "key", "value"]


class WorkflowEventSerializer(ValidatedModelSerializer):
    class Meta:
        model = WorkflowEvent
        fields = ["id", "url", "display", "plan", "action", "from_status", "to_status", "actor", "comment", "created"]
        read_only_fields = fields


# The plans app's sections of the full plan.

DistrictProfileRow = without(DistrictProfileSerializer, "plan")


class ProfileSectionSerializer(DistrictProfileRow):
    """Vital statistics, with the police-population ratio computed from the present strength."""

    police_population_ratio = serializers.IntegerField(
        allow_null=True, help_text=_("N of 1:N: population per officer present (strength table b).")
    )

    class Meta(DistrictProfileRow.Meta):
        fields = [*DistrictProfileRow.Meta.fields, "police_population_ratio"]


class BudgetSectionSerializer(serializers.Serializer):
    """Financial resources likely to be available, with their total."""

    allocations = without(BudgetAllocationSerializer, "plan")(many=True)
    total = serializers.IntegerField()
