from django.utils.translation import gettext_lazy as _

from initiatives.models import (
    NarrativeSection,
    Objective,
    ObjectiveHeading,
    SectionPoint,
    StrategyPoint,
    Target,
    TargetProgress,
)
from kasur_police.api.filtersets import IntegerFilter, PlanPartFilterSet


class ObjectiveFilterSet(PlanPartFilterSet):
    class Meta:
        model = Objective
        fields = ["id", "number"]


class ObjectiveHeadingFilterSet(PlanPartFilterSet):
    objective_id = IntegerFilter(field_name="objective", label=_("Objective (id)"))

    class Meta:
        model = ObjectiveHeading
        fields = ["id", "letter"]


class StrategyPointFilterSet(PlanPartFilterSet):
    objective_id = IntegerFilter(field_name="objective", label=_("Objective (id)"))
    heading_id = IntegerFilter(field_name="heading", label=_("Objective heading (id)"))

    class Meta:
        model = StrategyPoint
        fields = ["id"]


class NarrativeSectionFilterSet(PlanPartFilterSet):
    class Meta:
        model = NarrativeSection
        fields = ["id", "kind"]


class SectionPointFilterSet(PlanPartFilterSet):
    section_id = IntegerFilter(field_name="section", label=_("Narrative section (id)"))
    parent_id = IntegerFilter(field_name="parent", label=_("Parent point (id)"))

    class Meta:
        model = SectionPoint
        fields = ["id"]


class TargetFilterSet(PlanPartFilterSet):
    class Meta:
        model = Target
        fields = ["id"]


class TargetProgressFilterSet(PlanPartFilterSet):
    plan_path = "target__plan"
    target_id = IntegerFilter(field_name="target", label=_("Target (id)"))

    class Meta:
        model = TargetProgress
        fields = ["id", "quarter", "status"]
