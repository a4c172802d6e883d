from kasur_police.api.views import ModelViewSet
from logistics import filtersets, models
from logistics.api import serializers


class VehicleTypeViewSet(ModelViewSet):
    queryset = models.VehicleType.objects.select_related("district")
    serializer_class = serializers.VehicleTypeSerializer
    filterset_class = filtersets.VehicleTypeFilterSet
    search_fields = ["name"]


class DeploymentViewSet(ModelViewSet):
    queryset = models.Deployment.objects.select_related("district")
    serializer_class = serializers.DeploymentSerializer
    filterset_class = filtersets.DeploymentFilterSet
    search_fields = ["name"]


class VehicleCountViewSet(ModelViewSet):
    queryset = models.VehicleCount.objects.select_related("plan__district", "vehicle_type", "deployment")
    serializer_class = serializers.VehicleCountSerializer
    filterset_class = filtersets.VehicleCountFilterSet
    search_fields = ["vehicle_type__name", "deployment__name"]


class StockCategoryViewSet(ModelViewSet):
    queryset = models.StockCategory.objects.select_related("district")
    serializer_class = serializers.StockCategorySerializer
    filterset_class = filtersets.StockCategoryFilterSet
    search_fields = ["name"]


class EquipmentTypeViewSet(ModelViewSet):
    queryset = models.EquipmentType.objects.select_related("district", "category")
    serializer_class = serializers.EquipmentTypeSerializer
    filterset_class = filtersets.EquipmentTypeFilterSet
    search_fields = ["name"]


class StockStatementViewSet(ModelViewSet):
    queryset = models.StockStatement.objects.select_related("plan__district", "category")
    serializer_class = serializers.StockStatementSerializer
    filterset_class = filtersets.StockStatementFilterSet
    search_fields = ["category__name"]


class StockItemViewSet(ModelViewSet):
    queryset = models.StockItem.objects.select_related(
        "statement__plan__district", "statement__category", "equipment_type"
    )
    serializer_class = serializers.StockItemSerializer
    filterset_class = filtersets.StockItemFilterSet
    search_fields = ["equipment_type__name", "group"]
