from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from crime_stats.api.serializers import CrimeTableSerializer
from plans.models import AnnualPlan, ApprovingAuthority
from publication.published import approval_of
from publication.signing import approver_name


class PlaceSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.SlugField()


class ApprovalSerializer(serializers.Serializer):
    approved_by = serializers.CharField(help_text=_("Who approved the plan."))
    approved_at = serializers.DateTimeField()
    authority = serializers.ChoiceField(choices=ApprovingAuthority.choices, help_text=_("On whose behalf."))


class KeyFiguresSerializer(serializers.Serializer):
    sanctioned = serializers.IntegerField(help_text=_("Strength sanctioned, executive and legal ranks."))
    present = serializers.IntegerField(help_text=_("Strength present, executive and legal ranks."))
    crime_year = serializers.IntegerField(source="crime_last_year", help_text=_("The plan's last crime year."))
    crime = serializers.IntegerField(source="crime_last", help_text=_("Cases reported in that year, all heads."))
    crime_change = serializers.IntegerField(allow_null=True, help_text=_("Change on the year before."))
    budget = serializers.IntegerField(help_text=_("Financial resources likely to be available (Rs.)."))


class PublicPlanSerializer(serializers.ModelSerializer):
    """An approved plan: where and when, its key figures, its approval and its approved PDF."""

    url = serializers.HyperlinkedIdentityField(view_name="public-api:plan-detail")
    province = PlaceSerializer(source="district.region.province")
    region = PlaceSerializer(source="district.region")
    district = PlaceSerializer()
    fiscal_year = serializers.CharField()
    figures = KeyFiguresSerializer(source="*")
    approval = serializers.SerializerMethodField()
    approved_pdf = serializers.SerializerMethodField(help_text=_("The approved PDF, byte for byte as kept."))
    approved_pdf_sha256 = serializers.CharField(help_text=_("SHA-256 of the approved PDF."))
    page = serializers.SerializerMethodField(help_text=_("The plan's public page."))

    class Meta:
        model = AnnualPlan
        fields = [
            "id",
            "url",
            "province",
            "region",
            "district",
            "year_start",
            "fiscal_year",
            "figures",
            "approval",
            "approved_pdf",
            "approved_pdf_sha256",
            "page",
        ]

    @extend_schema_field(ApprovalSerializer(allow_null=True))
    def get_approval(self, plan):
        event = approval_of(plan)
        if event is None:
            return None
        return {
            "approved_by": approver_name(event.actor),
            "approved_at": serializers.DateTimeField().to_representation(event.created),
            "authority": plan.district.approving_authority,
        }

    @extend_schema_field(serializers.URLField())
    def get_approved_pdf(self, plan):
        return reverse("public-api:plan-pdf", args=[plan.pk], request=self.context["request"])

    @extend_schema_field(serializers.URLField())
    def get_page(self, plan):
        url = reverse("publication:plan", args=[plan.district.slug, plan.fiscal_year])
        return self.context["request"].build_absolute_uri(url)


class SignatureSerializer(serializers.Serializer):
    field = serializers.CharField()
    signer = serializers.CharField(help_text=_("The certificate's subject."))
    fingerprint = serializers.CharField(help_text=_("SHA-256 of the certificate."))
    signer_name = serializers.CharField(help_text=_("The name the signature gives (the approver)."))
    reason = serializers.CharField()
    signed_at = serializers.DateTimeField(allow_null=True, help_text=_("As the signer's clock gave it."))
    intact = serializers.BooleanField(help_text=_("The signed bytes are unchanged."))
    valid = serializers.BooleanField(help_text=_("The signature value checks out."))
    trusted = serializers.BooleanField(help_text=_("The certificate is the approving office's."))
    covers_whole_file = serializers.BooleanField(help_text=_("Nothing was added after signing."))


class VerifyRequestSerializer(serializers.Serializer):
    pdf = serializers.FileField(help_text=_("The PDF to check (multipart/form-data), at most 20 MB; not kept."))


class VerdictSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["approved", "not-known"],
        help_text=_("`approved`: byte for byte an approved plan in the archive; `not-known`: no approved plan."),
    )
    signature_status = serializers.ChoiceField(
        choices=["intact", "broken", "untrusted", "unsigned", "unreadable"],
        help_text=_("`broken`: changed after signing; `untrusted`: intact but not by the office's certificate."),
    )
    sha256 = serializers.CharField(help_text=_("SHA-256 of the uploaded file."))
    plan = PublicPlanSerializer(allow_null=True, help_text=_("The approved plan these bytes are, or null."))
    signatures = SignatureSerializer(many=True)


class QuarterProgressSerializer(serializers.Serializer):
    quarter = serializers.IntegerField()
    status = serializers.CharField()
    note = serializers.CharField()


class TargetInHalfSerializer(serializers.Serializer):
    position = serializers.IntegerField(source="target.position")
    category = serializers.CharField(source="target.category")
    expected_achievement = serializers.CharField(source="target.expected_achievement")
    progress = serializers.SerializerMethodField(
        help_text=_("One per quarter of the half; null where none was recorded.")
    )

    @extend_schema_field(serializers.ListField(child=QuarterProgressSerializer(allow_null=True)))
    def get_progress(self, row):
        return [None if entry is None else QuarterProgressSerializer(entry).data for entry in row.progress]


class StatusCountSerializer(serializers.Serializer):
    status = serializers.CharField()
    targets = serializers.IntegerField()


class HalfYearReportSerializer(serializers.Serializer):
    """Progress against the plan's targets in one half of its year, and its crime table (Article 44)."""

    plan = serializers.IntegerField(source="plan.pk")
    fiscal_year = serializers.CharField(source="plan.fiscal_year")
    half = serializers.IntegerField()
    quarters = serializers.ListField(child=serializers.CharField(), source="quarter_labels")
    status_counts = serializers.SerializerMethodField()
    targets = TargetInHalfSerializer(many=True)
    crime = CrimeTableSerializer()

    @extend_schema_field(StatusCountSerializer(many=True))
    def get_status_counts(self, report):
        return [{"status": str(label), "targets": count} for label, count in report.status_counts]
