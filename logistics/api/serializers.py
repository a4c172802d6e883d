from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kasur_police.api.serializers import ValidatedModelSerializer, brief_serializer, model_serializer, without
from logistics import models

BriefVehicleTypeSerializer = brief_serializer(models.VehicleType, ["name"])
BriefDeploymentSerializer = brief_serializer(models.Deployment, ["name"])
BriefStockCategorySerializer = brief_serializer(models.StockCategory, ["name"])
BriefEquipmentTypeSerializer = brief_serializer(models.EquipmentType, ["name"])
BriefStockStatementSerializer = brief_serializer(models.StockStatement, ["as_of"])


VehicleTypeSerializer = model_serializer(models.VehicleType, ["district", "name", "position"])
DeploymentSerializer = model_serializer(models.Deployment, ["district", "name", "position"])
VehicleCountSerializer = model_serializer(models.VehicleCount, ["plan", "vehicle_type", "deployment", "count"])
StockCategorySerializer = model_serializer(models.StockCategory, ["district", "name", "position"])
EquipmentTypeSerializer = model_serializer(models.EquipmentType, ["district", "category", "name", "position"])
StockStatementSerializer = model_serializer(models.StockStatement, ["plan", "category", "as_of"])


class StockItemSerializer(ValidatedModelSerializer):
    accounted = serializers.IntegerField(
        read_only=True, help_text=_("Distributed plus at headquarters: equals the total stock when the line is right.")
    )

    class Meta:
        model = models.StockItem
        fields = [
            "id",
            "url",
            "display",
            "statement",
            "equipment_type",
            "group",
            "total_stock",
            "distributed",
            "at_headquarters",
            "accounted",
            "new_demand",
        ]


# The logistics sections of the full plan, built by `logistics.figures`.


class VehicleRowSerializer(serializers.Serializer):
    vehicle_type = BriefVehicleTypeSerializer()
    counts = serializers.ListField(child=serializers.IntegerField(), help_text=_("One per deployment, in order."))
    total = serializers.IntegerField()


class VehicleTableSerializer(serializers.Serializer):
    """Vehicle types by deployment, with the Total column and the Total row."""

    deployments = BriefDeploymentSerializer(many=True)
    rows = VehicleRowSerializer(many=True)
    column_totals = serializers.ListField(child=serializers.IntegerField(), help_text=_("One per deployment."))
    total = serializers.IntegerField()


class StockTotalsSerializer(serializers.Serializer):
    total_stock = serializers.IntegerField()
    distributed = serializers.IntegerField()
    at_headquarters = serializers.IntegerField()


class StockGroupSerializer(serializers.Serializer):
    """Lines totalled together (the document's merged Grand Total cells), or one line alone."""

    name = serializers.CharField()
    is_grouped = serializers.BooleanField()
    items = without(StockItemSerializer, "statement")(many=True)
    totals = StockTotalsSerializer()
    new_demand = serializers.IntegerField()


class StockSheetSerializer(serializers.Serializer):
    statement = without(StockStatementSerializer, "plan")()
    groups = StockGroupSerializer(many=True)
