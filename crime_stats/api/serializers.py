from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crime_stats import models
from kasur_police.api.serializers import brief_serializer, model_serializer, without
from plans.api.serializers import BriefDistrictSerializer

BriefCrimeHeadSerializer = brief_serializer(models.CrimeHead, ["name", "law_sections"])
BriefOperationalResultSerializer = brief_serializer(models.OperationalResult, ["year"])
BriefSubstanceSerializer = brief_serializer(models.Substance, ["name", "unit"])
BriefIllicitArmTypeSerializer = brief_serializer(models.IllicitArmType, ["name"])


CrimeHeadSerializer = model_serializer(models.CrimeHead, ["district", "name", "law_sections", "position"])
CrimeFigureSerializer = model_serializer(models.CrimeFigure, ["plan", "head", "year", "cases"])
OperationalResultSerializer = model_serializer(
    models.OperationalResult, ["plan", "year", *models.OperationalResult.figure_fields()]
)
SubstanceSerializer = model_serializer(models.Substance, ["district", "name", "unit", "position"])
NarcoticsRecoverySerializer = model_serializer(models.NarcoticsRecovery, ["result", "substance", "quantity"])
IllicitArmTypeSerializer = model_serializer(models.IllicitArmType, ["district", "name", "position"])
IllicitArmsRecoverySerializer = model_serializer(models.IllicitArmsRecovery, ["result", "arm_type", "count"])


def year_on_year(cases):
    """Each year's change over the year before; None for the first year and wherever a figure is missing."""
    return [None][: len(cases)] + [
        None if before is None or after is None else after - before
        for before, after in zip(cases, cases[1:], strict=False)
    ]


class CrimeRowSerializer(serializers.Serializer):
    """A head's cases by year as the plan's crime table shows them, with their changes."""

    head = BriefCrimeHeadSerializer(allow_null=True, help_text=_("Null on the total row."))
    cases = serializers.ListField(
        child=serializers.IntegerField(allow_null=True), help_text=_("One per year of `years`; null where none.")
    )
    changes = serializers.SerializerMethodField(help_text=_("Each year's change over the year before."))
    change = serializers.IntegerField(allow_null=True, help_text=_("Last year over the year before it."))
    change_percent = serializers.FloatField(allow_null=True)

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField(allow_null=True)))
    def get_changes(self, row):
        return year_on_year(row.cases)


class CrimeTableSerializer(serializers.Serializer):
    years = serializers.ListField(child=serializers.IntegerField())
    rows = CrimeRowSerializer(many=True)
    total = CrimeRowSerializer(help_text=_("All reported crime: the sum of the heads for each year."))


class CrimeSeriesSerializer(CrimeTableSerializer):
    district = BriefDistrictSerializer()


class CrimeSeriesQuerySerializer(serializers.Serializer):
    """The query of a crime series; years default to those the district's plans hold."""

    district = serializers.SlugField(help_text=_("The district's slug, e.g. kasur."))
    year_min = serializers.IntegerField(required=False, min_value=1900, max_value=2100, help_text=_("From year."))
    year_max = serializers.IntegerField(required=False, min_value=1900, max_value=2100, help_text=_("To year."))
    head = serializers.CharField(required=False, max_length=200, help_text=_("Only this crime head (by name)."))
    head_id = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text=_("Only this crime head (by id).")
    )

    def validate(self, attrs):
        if attrs.get("year_min", 0) > attrs.get("year_max", 9999):
            raise serializers.ValidationError({"year_max": _("The last year must not come before the first.")})
        return attrs


OperationalResultRow = without(OperationalResultSerializer, "plan")


class OperationalResultWithRecoveriesSerializer(OperationalResultRow):
    narcotics = without(NarcoticsRecoverySerializer, "result")(many=True)
    illicit_arms = without(IllicitArmsRecoverySerializer, "result")(many=True)

    class Meta(OperationalResultRow.Meta):
        fields = [*OperationalResultRow.Meta.fields, "narcotics", "illicit_arms"]
