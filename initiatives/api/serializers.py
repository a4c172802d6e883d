from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from initiatives import models
from kasur_police.api.serializers import brief_serializer, model_serializer, without

BriefObjectiveSerializer = brief_serializer(models.Objective, ["number", "title"])
BriefObjectiveHeadingSerializer = brief_serializer(models.ObjectiveHeading, ["letter", "title"])
BriefNarrativeSectionSerializer = brief_serializer(models.NarrativeSection, ["kind", "title"])
BriefSectionPointSerializer = brief_serializer(models.SectionPoint, ["title"])
BriefTargetSerializer = brief_serializer(models.Target, ["position", "category"])


ObjectiveSerializer = model_serializer(models.Objective, ["plan", "number", "title", "position"])
ObjectiveHeadingSerializer = model_serializer(models.ObjectiveHeading, ["objective", "letter", "title", "position"])
StrategyPointSerializer = model_serializer(models.StrategyPoint, ["objective", "heading", "text", "position"])
NarrativeSectionSerializer = model_serializer(models.NarrativeSection, ["plan", "kind", "title", "intro", "position"])
SectionPointSerializer = model_serializer(models.SectionPoint, ["section", "parent", "title", "text", "position"])
TargetSerializer = model_serializer(
    models.Target,
    [
        "plan",
        "position",
        "category",
        "present_status",
        "expected_achievement",
        "mechanism",
    ],
)
TargetProgressSerializer = model_serializer(models.TargetProgress, ["target", "quarter", "status", "note", "modified"])


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
