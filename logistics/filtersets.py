import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.filterset import filterset_factory

from kasur_police.api.filtersets import (
    IntegerFilter,
    PlanPartFilterSet,
    ReferenceFilterSet,
    reference_filters,
)
from logistics import models

VehicleTypeFilterSet = filterset_factory(models.VehicleType, ReferenceFilterSet, ["id"])


DeploymentFilterSet = filterset_factory(models.Deployment, ReferenceFilterSet, ["id"])


class VehicleCountFilterSet(PlanPartFilterSet):
    vehicle_type_id, vehicle_type = reference_filters("vehicle_type", _("Vehicle type (id)"), _("Vehicle type (name)"))
    deployment_id, deployment = reference_filters("deployment", _("Deployment (id)"), _("Deployment (name)"))

    class Meta:
        model = models.VehicleCount
        fields = ["id"]


StockCategoryFilterSet = filterset_factory(models.StockCategory, ReferenceFilterSet, ["id"])


class EquipmentTypeFilterSet(ReferenceFilterSet):
    category_id, category = reference_filters("category", _("Stock category (id)"), _("Stock category (name)"))

    class Meta:
        model = models.EquipmentType
        fields = ["id"]


class StockStatementFilterSet(PlanPartFilterSet):
    category_id, category = reference_filters("category", _("Stock category (id)"), _("Stock category (name)"))

    class Meta:
        model = models.StockStatement
        fields = ["id", "as_of"]


class StockItemFilterSet(PlanPartFilterSet):
    statement_id = IntegerFilter(field_name="statement", label=_("Stock statement (id)"))
    category_id, category = reference_filters(
        "statement__category", _("Stock category (id)"), _("Stock category (name)")
    )
    equipment_type_id, equipment_type = reference_filters(
        "equipment_type", _("Weapon or equipment type (id)"), _("Weapon or equipment type (name)")
    )
    group = django_filters.CharFilter(label=_("Group, exactly"))

    class Meta:
        model = models.StockItem
        fields = ["id"]
