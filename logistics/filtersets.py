import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.filterset import filterset_factory

from kasur_police.api.filtersets import (
    IntegerFilter,
    PlanPartFilterSet,
    ReferenceFilterSet,
    reference_filters,
)
from logistics.models import (
    Deployment,
    EquipmentType,
    StockCategory,
    StockItem,
    StockStatement,
    VehicleCount,
    VehicleType,
)

VehicleTypeFilterSet = filterset_factory(VehicleType, ReferenceFilterSet, ["id"])


DeploymentFilterSet = filterset_factory(Deployment, ReferenceFilterSet, ["id"])


class VehicleCountFilterSet(PlanPartFilterSet):
    vehicle_type_id, vehicle_type = reference_filters("vehicle_type", _("Vehicle type (id)"), _("Vehicle type (name)"))
    deployment_id, deployment = reference_filters("deployment", _("Deployment (id)"), _("Deployment (name)"))

    class Meta:
        model = VehicleCount
        fields = ["id"]


StockCategoryFilterSet = filterset_factory(StockCategory, ReferenceFilterSet, ["id"])


class EquipmentTypeFilterSet(ReferenceFilterSet):
    category_id, category = reference_filters("category", _("Stock category (id)"), _("Stock category (name)"))

    class Meta:
        model = EquipmentType
        fields = ["id"]


class StockStatementFilterSet(PlanPartFilterSet):
    category_id, category = reference_filters("category", _("Stock category (id)"), _("Stock category (name)"))

    class Meta:
        model = StockStatement
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
        model = StockItem
        fields = ["id"]
