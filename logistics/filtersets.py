import django_filters
from django.utils.translation import gettext_lazy as _

from kasur_police.api.filtersets import IntegerFilter, NameFilter, PlanPartFilterSet, ReferenceFilterSet
from logistics.models import (
    Deployment,
    EquipmentType,
    StockCategory,
    StockItem,
    StockStatement,
    VehicleCount,
    VehicleType,
)


class VehicleTypeFilterSet(ReferenceFilterSet):
    class Meta:
        model = VehicleType
        fields = ["id"]


class DeploymentFilterSet(ReferenceFilterSet):
    class Meta:
        model = Deployment
        fields = ["id"]


class VehicleCountFilterSet(PlanPartFilterSet):
    vehicle_type_id = IntegerFilter(field_name="vehicle_type", label=_("Vehicle type (id)"))
    vehicle_type = NameFilter("vehicle_type__name", label=_("Vehicle type (name)"))
    deployment_id = IntegerFilter(field_name="deployment", label=_("Deployment (id)"))
    deployment = NameFilter("deployment__name", label=_("Deployment (name)"))

    class Meta:
        model = VehicleCount
        fields = ["id"]


class StockCategoryFilterSet(ReferenceFilterSet):
    class Meta:
        model = StockCategory
        fields = ["id"]


class EquipmentTypeFilterSet(ReferenceFilterSet):
    category_id = IntegerFilter(field_name="category", label=_("Stock category (id)"))
    category = NameFilter("category__name", label=_("Stock category (name)"))

    class Meta:
        model = EquipmentType
        fields = ["id"]


class StockStatementFilterSet(PlanPartFilterSet):
    category_id = IntegerFilter(field_name="category", label=_("Stock category (id)"))
    category = NameFilter("category__name", label=_("Stock category (name)"))

    class Meta:
        model = StockStatement
        fields = ["id", "as_of"]


class StockItemFilterSet(PlanPartFilterSet):
    statement_id = IntegerFilter(field_name="statement", label=_("Stock statement (id)"))
    category_id = IntegerFilter(field_name="statement__category", label=_("Stock category (id)"))
    category = NameFilter("statement__category__name", label=_("Stock category (name)"))
    equipment_type_id = IntegerFilter(field_name="equipment_type", label=_("Weapon or equipment type (id)"))
    equipment_type = NameFilter("equipment_type__name", label=_("Weapon or equipment type (name)"))
    group = django_filters.CharFilter(label=_("Group, exactly"))

    class Meta:
        model = StockItem
        fields = ["id"]
