from django.utils.translation import gettext_lazy as _
from django_filters.filterset import filterset_factory

from initiatives import models
from kasur_police.api.filtersets import IntegerFilter, PlanPartFilterSet

ObjectiveFilterSet = filterset_factory(models.Objective, PlanPartFilterSet, ["id", "number"])


class ObjectiveHeadingFilterSet(PlanPartFilterSet):
    objective_id = IntegerFilter(field_name="objective", label=_("Objective (id)"))

    class Meta:
        model = models.ObjectiveHeading
        fields = ["id", "letter"]


class StrategyPointFilterSet(PlanPartFilterSet):
    objective_id = IntegerFilter(field_name="objective", label=_("Objective (id)"))
    heading_id = IntegerFilter(field_name="heading", label=_("Objective heading (id)"))

    class Meta:
        model = models.StrategyPoint
        fields = ["id"]


NarrativeSectionFilterSet = filterset_factory(models.NarrativeSection, PlanPartFilterSet, ["id", "kind"])


class SectionPointFilterSet(PlanPartFilterSet):
    section_id = IntegerFilter(field_name="section", label=_("Narrative section (id)"))
    parent_id = IntegerFilter(field_name="parent", label=_("Parent point (id)"))

    class Meta:
        model = models.SectionPoint
        fields = ["id"]


TargetFilterSet = filterset_factory(models.Target, PlanPartFilterSet, ["id"])


class TargetProgressFilterSet(PlanPartFilterSet):
    plan_path = "target__plan"
    target_id = IntegerFilter(field_name="target", label=_("Target (id)"))

    class Meta:
        model = models.TargetProgress
        fields = ["id", "quarter", "status"]
