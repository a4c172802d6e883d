from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kasur_police.api.serializers import ValidatedModelSerializer, brief_serializer, model_serializer, without
from strength.models import FieldOrganisation, Rank, StrengthEntry

BriefRankSerializer = brief_serializer(Rank, ["name", "cadre"])


RankSerializer = model_serializer(Rank, ["district", "name", "cadre", "position"])


class StrengthEntrySerializer(ValidatedModelSerializer):
    short = serializers.IntegerField(read_only=True, help_text=_("Sanctioned less present, when positive."))
    excess = serializers.IntegerField(read_only=True, help_text=_("Present less sanctioned, when positive."))

    class Meta:
        model = StrengthEntry
        fields = ["id", "url", "display", "plan", "rank", "sanctioned", "present", "short", "excess"]


class FieldOrganisationSerializer(ValidatedModelSerializer):
    posts_total = serializers.IntegerField(read_only=True)

    class Meta:
        model = FieldOrganisation
        fields = [
            "id",
            "url",
            "display",
            "plan",
            "sub_divisions",
            "police_stations",
            "posts_sanctioned",
            "posts_unsanctioned",
            "posts_total",
        ]


# The strength section of the full plan, built by `strength.figures.strength_figures`.


class StrengthTotalsSerializer(serializers.Serializer):
    sanctioned = serializers.IntegerField()
    present = serializers.IntegerField()
    short = serializers.IntegerField()
    excess = serializers.IntegerField()


class StrengthTableSerializer(serializers.Serializer):
    entries = without(StrengthEntrySerializer, "plan")(many=True)
    totals = StrengthTotalsSerializer(help_text=_("The table's Total column."))


class StrengthSectionSerializer(serializers.Serializer):
    """Both strength tables with shortages, excesses and totals, and the field organisation."""

    police = StrengthTableSerializer(help_text=_("b. Strength: executive and legal ranks."))
    ministerial = StrengthTableSerializer(help_text=_("c. Ministerial staff."))
    field_organisation = without(FieldOrganisationSerializer, "plan")(allow_null=True)
    present_police = serializers.IntegerField(help_text=_("Present strength of table b, behind the police ratio."))
