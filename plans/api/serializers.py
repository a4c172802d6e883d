from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from kasur_police.api.serializers import ValidatedModelSerializer, brief_serializer, model_serializer, without
from plans import models
from plans.workflow import allowed_actions

BriefProvinceSerializer = brief_serializer(models.Province, ["name", "slug"])
BriefRegionSerializer = brief_serializer(models.Region, ["name", "slug"])
BriefDistrictSerializer = brief_serializer(models.District, ["name", "slug"])
BriefAnnualPlanSerializer = brief_serializer(
    models.AnnualPlan, ["year_start", "fiscal_year", "status"], fiscal_year=serializers.CharField(read_only=True)
)
BriefBudgetHeadSerializer = brief_serializer(models.BudgetHead, ["account_code", "name"])
BriefUnitSerializer = brief_serializer(models.Unit, ["kind", "name", "commander"])
BriefUserSerializer = brief_serializer(get_user_model(), ["username"], url=False)


ProvinceSerializer = model_serializer(models.Province, ["name", "slug"])
RegionSerializer = model_serializer(models.Region, ["province", "name", "slug"])
DistrictSerializer = model_serializer(
    models.District, ["region", "name", "slug", "approving_authority", "is_synthetic"]
)


class ApprovedPDFField(serializers.HyperlinkedIdentityField):
    """The API address of the PDF kept at approval, or null while there is none."""

    def __init__(self, **kwargs):
        super().__init__(view_name="api:annualplan-approved-pdf", allow_null=True, **kwargs)

    def to_representation(self, plan):
        return super().to_representation(plan) if plan.approved_pdf else None


class AnnualPlanSerializer(ValidatedModelSerializer):
    fiscal_year = serializers.CharField(read_only=True)
    full = serializers.HyperlinkedIdentityField(view_name="api:annualplan-full", read_only=True)
    approving_authority = serializers.ChoiceField(
        source="district.approving_authority",
        choices=models.ApprovingAuthority.choices,
        read_only=True,
        help_text=_("Who approves the plan: set on the district."),
    )
    approved_pdf = ApprovedPDFField(help_text=_("Download address of the PDF as approved; null until approval."))

    class Meta:
        model = models.AnnualPlan
        fields = [
            "id",
            "url",
            "full",
            "display",
            "district",
            "year_start",
            "fiscal_year",
            "status",
            "approving_authority",
            "crime_first_year",
            "crime_last_year",
            "print_language",
            *models.AnnualPlan.DOCUMENT_TEXT,
            "approved_pdf",
            "approved_pdf_sha256",
            "created",
            "modified",
        ]


class AllowedActionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=models.WorkflowAction.choices)
    url = serializers.URLField(help_text=_("POST here to take the step."))


class AnnualPlanDetailSerializer(AnnualPlanSerializer):
    """A plan with the workflow steps the requesting user may take on it now.

    Only on a single plan: for a reviewer of a region or province, working them out costs a query per plan.
    """

    allowed_actions = serializers.SerializerMethodField(help_text=_("The workflow steps open to you now."))

    class Meta(AnnualPlanSerializer.Meta):
        fields = [*AnnualPlanSerializer.Meta.fields, "allowed_actions"]

    @extend_schema_field(AllowedActionSerializer(many=True))
    def get_allowed_actions(self, plan):
        request = self.context["request"]
        return [
            {"action": action.value, "url": reverse(f"api:annualplan-{action.value}", args=[plan.pk], request=request)}
            for action in allowed_actions(request.user, plan)
        ]


class DistrictProfileSerializer(ValidatedModelSerializer):
    police_posts_total = serializers.IntegerField(read_only=True)

    class Meta:
        model = models.DistrictProfile
        fields = [
            "id",
            "url",
            "display",
            "plan",
            *models.DistrictProfile.FIGURES,
            "police_posts_total",
            "map_image",
        ]
        read_only_fields = ["map_image"]


SectShareSerializer = model_serializer(models.SectShare, ["plan", "name", "percent", "position"])
PlaceOfWorshipSerializer = model_serializer(
    models.PlaceOfWorship, ["plan", "kind", "count", "is_approximate", "position"]
)
UnitSerializer = model_serializer(models.Unit, ["plan", "parent", "kind", "name", "commander", "position"])
BudgetHeadSerializer = model_serializer(models.BudgetHead, ["district", "account_code", "name", "position"])
BudgetAllocationSerializer = model_serializer(models.BudgetAllocation, ["plan", "head", "amount"])
PlanValueSerializer = model_serializer(models.PlanValue, ["plan", "name", "description", "position"])
ResponsibilitySerializer = model_serializer(models.Responsibility, ["plan", "text", "position"])
PrintedFigureSerializer = model_serializer(models.PrintedFigure, ["plan", "key", "value"])


class WorkflowEventSerializer(ValidatedModelSerializer):
    class Meta:
        model = models.WorkflowEvent
        fields = ["id", "url", "display", "plan", "action", "from_status", "to_status", "actor", "comment", "created"]
        read_only_fields = fields


# The workflow's steps.


class StepSerializer(serializers.Serializer):
    comment = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Recorded with the step and shown on the plan.")
    )


class ReturnSerializer(serializers.Serializer):
    comment = serializers.CharField(
        allow_blank=True, help_text=_("What the district must change; a return without it is refused (400).")
    )


class PDFStatusSerializer(serializers.Serializer):
    """Where a PDF rendered off the request stands (`plans.pdf.pdf_status`)."""

    state = serializers.ChoiceField(
        ["ready", "rendering", "queued", "failed"],
        help_text=_("'ready' when the PDF can be fetched; 'failed' when the last render failed (tried again later)."),
    )
    elapsed_seconds = serializers.FloatField(allow_null=True, help_text=_("How long the render has run."))
    expected_seconds = serializers.FloatField(allow_null=True, help_text=_("How long the plan's last render took."))
    percent = serializers.IntegerField(allow_null=True, help_text=_("Estimated progress; null when unknown."))
    detail = serializers.CharField(help_text=_("The progress in words."))
    status_url = serializers.URLField(help_text=_("Where to ask again."))
    pdf_url = serializers.URLField(help_text=_("Where the PDF is, once ready."))
    retry_after = serializers.IntegerField(help_text=_("Seconds to wait before asking again (also Retry-After)."))


class StepResultSerializer(serializers.Serializer):
    """The plan after a workflow step, and the step as recorded."""

    plan = AnnualPlanDetailSerializer()
    event = WorkflowEventSerializer()


# The reviewers' overview.


class OverviewQuerySerializer(serializers.Serializer):
    year = serializers.CharField(
        required=False, help_text=_("Fiscal year, e.g. 2023-2024; without it, each district's latest plan.")
    )

    def validate_year(self, value):
        try:
            return models.parse_fiscal_year(value)
        except ValueError as error:
            raise serializers.ValidationError(_("Give a fiscal year like 2023-2024.")) from error


class FiguresSerializer(serializers.Serializer):
    """Strength (all cadres) and reported crime: of one district's plan, or summed over districts."""

    sanctioned = serializers.IntegerField()
    present = serializers.IntegerField()
    short = serializers.IntegerField(help_text=_("Posts vacant, summed rank by rank (excess does not offset it)."))
    short_percent = serializers.FloatField(allow_null=True, help_text=_("Short as a percentage of sanctioned."))
    crime = serializers.IntegerField(
        allow_null=True, help_text=_("Cases under all heads in the plan's last crime year; null without figures.")
    )
    crime_previous = serializers.IntegerField(allow_null=True, help_text=_("The same, the year before."))
    crime_change = serializers.IntegerField(allow_null=True)
    crime_change_percent = serializers.FloatField(allow_null=True)


class OverviewTotalsSerializer(serializers.Serializer):
    districts = serializers.IntegerField()
    statuses = serializers.DictField(
        child=serializers.IntegerField(),
        help_text=_(
            "Plans by status (draft, returned: a draft sent back with comments, submitted, approved); `none` counts"
            " districts without a plan."
        ),
    )
    figures = FiguresSerializer(source="*")


class OverviewDistrictSerializer(serializers.Serializer):
    district = BriefDistrictSerializer()
    plan = BriefAnnualPlanSerializer(allow_null=True, help_text=_("The plan of the year asked for, or the latest."))
    status = serializers.ChoiceField(choices=models.PlanStatus.choices, allow_null=True)
    returned = serializers.BooleanField(
        help_text=_("A draft returned with comments; the totals count it as `returned`.")
    )
    approving_authority = serializers.ChoiceField(
        source="district.approving_authority", choices=models.ApprovingAuthority.choices
    )
    crime_year = serializers.IntegerField(allow_null=True, help_text=_("The year `figures.crime` is for."))
    figures = FiguresSerializer()


class OverviewRegionSerializer(serializers.Serializer):
    region = BriefRegionSerializer()
    totals = OverviewTotalsSerializer()
    districts = OverviewDistrictSerializer(many=True)


class OverviewProvinceSerializer(serializers.Serializer):
    province = BriefProvinceSerializer()
    totals = OverviewTotalsSerializer()
    regions = OverviewRegionSerializer(many=True)


class OverviewSerializer(serializers.Serializer):
    """Every district you may see with its plan's status, strength and crime, and the totals above it."""

    year_start = serializers.IntegerField(allow_null=True, help_text=_("The fiscal year asked for; null: latest."))
    totals = OverviewTotalsSerializer()
    provinces = OverviewProvinceSerializer(many=True)


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
