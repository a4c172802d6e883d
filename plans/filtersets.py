import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.filterset import filterset_factory

from kasur_police.api.filtersets import (
    FilterSet,
    FiscalYearFilter,
    IntegerFilter,
    NameFilter,
    PlanPartFilterSet,
    ReferenceFilterSet,
    ScopedFilterSet,
    reference_filters,
)
from plans import models

ProvinceFilterSet = filterset_factory(models.Province, FilterSet, ["id", "slug", "name"])


class RegionFilterSet(FilterSet):
    province = django_filters.CharFilter(field_name="province__slug", label=_("Province (slug)"))
    province_id = IntegerFilter(field_name="province", label=_("Province (id)"))

    class Meta:
        model = models.Region
        fields = ["id", "slug", "name"]


class DistrictFilterSet(ScopedFilterSet):
    region = django_filters.CharFilter(field_name="region__slug", label=_("Region (slug)"))
    region_id = IntegerFilter(field_name="region", label=_("Region (id)"))
    province = django_filters.CharFilter(field_name="region__province__slug", label=_("Province (slug)"))

    class Meta:
        model = models.District
        fields = ["id", "name", "approving_authority", "is_synthetic"]


class AnnualPlanFilterSet(ScopedFilterSet):
    region = django_filters.CharFilter(field_name="district__region__slug", label=_("Region (slug)"))
    fiscal_year = FiscalYearFilter(field_name="year_start", label=_("Fiscal year (e.g. 2023-2024)"))
    year_start = IntegerFilter(label=_("Fiscal year starts (e.g. 2023)"))

    class Meta:
        model = models.AnnualPlan
        fields = ["id", "status"]


DistrictProfileFilterSet = filterset_factory(models.DistrictProfile, PlanPartFilterSet, ["id"])


class SectShareFilterSet(PlanPartFilterSet):
    name = NameFilter("name")

    class Meta:
        model = models.SectShare
        fields = ["id"]


class PlaceOfWorshipFilterSet(PlanPartFilterSet):
    kind = NameFilter("kind")

    class Meta:
        model = models.PlaceOfWorship
        fields = ["id", "is_approximate"]


class UnitFilterSet(PlanPartFilterSet):
    parent_id = IntegerFilter(field_name="parent", label=_("Reports to (id)"))

    class Meta:
        model = models.Unit
        fields = ["id", "kind"]


BudgetHeadFilterSet = filterset_factory(models.BudgetHead, ReferenceFilterSet, ["id", "account_code"])


class BudgetAllocationFilterSet(PlanPartFilterSet):
    head_id, head = reference_filters("head", _("Budget head (id)"), _("Budget head (name)"))

    class Meta:
        model = models.BudgetAllocation
        fields = ["id"]


PlanValueFilterSet = filterset_factory(models.PlanValue, PlanPartFilterSet, ["id"])


ResponsibilityFilterSet = filterset_factory(models.Responsibility, PlanPartFilterSet, ["id"])


class PrintedFigureFilterSet(PlanPartFilterSet):
    key = django_filters.CharFilter(label=_("Figure key, exactly"))
    key_prefix = django_filters.CharFilter(field_name="key", lookup_expr="startswith", label=_("Figure key starts"))

    class Meta:
        model = models.PrintedFigure
        fields = ["id"]


class WorkflowEventFilterSet(PlanPartFilterSet):
    plan_path = "plan"

    class Meta:
        model = models.WorkflowEvent
        fields = ["id", "action"]
