from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from initiatives import models
from kasur_police.api.serializers import ValidatedModelSerializer, brief_serializer, without

BriefObjectiveSerializer = brief_serializer(models.Objective, ["number", "title"])
BriefObjectiveHeadingSerializer = brief_serializer(models.ObjectiveHeading, ["letter", "title"])
BriefNarrativeSectionSerializer = brief_serializer(models.NarrativeSection, ["kind", "title"])
BriefSectionPointSerializer = brief_serializer(models.SectionPoint, ["title"])
BriefTargetSerializer = brief_serializer(models.Target, ["position", "category"])


class ObjectiveSerializer(ValidatedModelSerializer):
    class Meta:
        model = models.Objective
        fields = ["id", "url", "display", "plan", "number", "title", "position"]


class ObjectiveHeadingSerializer(ValidatedModelSerializer):
    class Meta:
        model = models.ObjectiveHeading
        fields = ["id", "url", "display", "objective", "letter", "title", "position"]


class StrategyPointSerializer(ValidatedModelSerializer):
    class Meta:
        model = models.StrategyPoint
        fields = ["id", "url", "display", "objective", "heading", "text", "position"]


class NarrativeSectionSerializer(ValidatedModelSerializer):
    class Meta:
        model = models.NarrativeSection
        fields = ["id", "url", "display", "plan", "kind", "title", "intro", "position"]


class SectionPointSerializer(ValidatedModelSerializer):
    class Meta:
        model = models.SectionPoint
        fields = ["id", "url", "display", "section", "parent", "title", "text", "position"]


class TargetSerializer(ValidatedModelSerializer):
    class Meta:
        model = models.Target
        fields = [
            "id",
            "url",
            "display",
            "plan",
            "position",
            "category",
            "present_status",
            "expected_achievement",
            "mechanism",
        ]


class TargetProgressSerializer(ValidatedModelSerializer):
    class Meta:
        model = models.TargetProgress
        fields = ["id", "url", "display", "target", "quarter", "status", "note", "modified"]


# Rows with their children, as the full plan nests them.

ObjectiveRow = without(ObjectiveSerializer, "plan")
NarrativeSectionRow = without(NarrativeSectionSerializer, "plan")
TargetRow = without(TargetSerializer, "plan")


class ObjectiveWithPointsSerializer(ObjectiveRow):
    headings = without(ObjectiveHeadingSerializer, "objective")(many=True)
    points = without(StrategyPointSerializer, "objective")(many=True, help_text=_("Each under its heading, if any."))

    class Meta(ObjectiveRow.Meta):
        fields = [*ObjectiveRow.Meta.fields, "headings", "points"]


class NarrativeSectionWithPointsSerializer(NarrativeSectionRow):
    points = without(SectionPointSerializer, "section")(many=True, help_text=_("Nested by `parent`."))

    class Meta(NarrativeSectionRow.Meta):
        fields = [*NarrativeSectionRow.Meta.fields, "points"]


class TargetWithProgressSerializer(TargetRow):
    progress = without(TargetProgressSerializer, "target")(many=True)

    class Meta(TargetRow.Meta):
        fields = [*TargetRow.Meta.fields, "progress"]


# Quarterly tracking (Police Order 2002, Article 44): each target with its four quarters.

TargetProgressCell = without(TargetProgressSerializer, "target")


class TargetQuartersSerializer(serializers.Serializer):
    target = TargetRow()
    quarters = serializers.ListField(
        child=TargetProgressCell(allow_null=True),
        min_length=4,
        max_length=4,
        help_text=_("Quarters 1 to 4 of the fiscal year; null where no progress is recorded."),
    )
    latest = TargetProgressCell(allow_null=True, help_text=_("The last quarter recorded, or null."))


class TargetProgressTableSerializer(serializers.Serializer):
    """Progress against each target of the plan, quarter by quarter."""

    quarters = serializers.ListField(
        child=serializers.CharField(), help_text=_("The quarters' months, e.g. 'Jul–Sep 2023'.")
    )
    rows = TargetQuartersSerializer(many=True)
