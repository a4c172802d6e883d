from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from kasur_police.api import full_plan
from kasur_police.api.views import ModelViewSet, ReadOnlyModelViewSet
from plans import filtersets
from plans.api import serializers
from plans.models import (
    AnnualPlan,
    BudgetAllocation,
    BudgetHead,
    District,
    DistrictProfile,
    PlaceOfWorship,
    PlanValue,
    PrintedFigure,
    Province,
    Region,
    Responsibility,
    SectShare,
    Unit,
    WorkflowEvent,
)


class ProvinceViewSet(ModelViewSet):
    queryset = Province.objects.all()
    serializer_class = serializers.ProvinceSerializer
    filterset_class = filtersets.ProvinceFilterSet
    search_fields = ["name"]


class RegionViewSet(ModelViewSet):
    queryset = Region.objects.select_related("province")
    serializer_class = serializers.RegionSerializer
    filterset_class = filtersets.RegionFilterSet
    search_fields = ["name"]


class DistrictViewSet(ModelViewSet):
    queryset = District.objects.select_related("region")
    serializer_class = serializers.DistrictSerializer
    filterset_class = filtersets.DistrictFilterSet
    search_fields = ["name"]


class AnnualPlanViewSet(ModelViewSet):
    queryset = AnnualPlan.objects.select_related("district")
    serializer_class = serializers.AnnualPlanSerializer
    filterset_class = filtersets.AnnualPlanFilterSet
    search_fields = ["district__name", "message"]

    @extend_schema(responses=full_plan.FullPlanSerializer)
    @action(detail=True, serializer_class=full_plan.FullPlanSerializer, filter_backends=[])
    def full(self, request, pk=None):
        """The whole plan: every section nested in document order, with every derived value.

        Strength rows with short and excess and the tables' totals; the vehicle table with row and column
        totals; stock statements with their lines and group totals; the crime table with yearly totals and
        year-on-year change; the budget with its total; the police-population ratio computed from the
        population and the present strength; and `computed_figures` beside `printed_figures`, keyed alike.
        Needs the view permission on every section's model.
        """
        if not request.user.has_perms(full_plan.PERMISSIONS):
            raise PermissionDenied
        plan = self.get_object()
        return Response(self.get_serializer(plan).data)

    def get_queryset(self):
        queryset = super().get_queryset()
        return full_plan.full_plan_queryset(queryset) if self.action == "full" else queryset


class DistrictProfileViewSet(ModelViewSet):
    queryset = DistrictProfile.objects.select_related("plan__district")
    serializer_class = serializers.DistrictProfileSerializer
    filterset_class = filtersets.DistrictProfileFilterSet


class SectShareViewSet(ModelViewSet):
    queryset = SectShare.objects.select_related("plan__district")
    serializer_class = serializers.SectShareSerializer
    filterset_class = filtersets.SectShareFilterSet
    search_fields = ["name"]


class PlaceOfWorshipViewSet(ModelViewSet):
    queryset = PlaceOfWorship.objects.select_related("plan__district")
    serializer_class = serializers.PlaceOfWorshipSerializer
    filterset_class = filtersets.PlaceOfWorshipFilterSet
    search_fields = ["kind"]


class UnitViewSet(ModelViewSet):
    queryset = Unit.objects.select_related("plan__district", "parent")
    serializer_class = serializers.UnitSerializer
    filterset_class = filtersets.UnitFilterSet
    search_fields = ["name", "commander"]


class BudgetHeadViewSet(ModelViewSet):
    queryset = BudgetHead.objects.select_related("district")
    serializer_class = serializers.BudgetHeadSerializer
    filterset_class = filtersets.BudgetHeadFilterSet
    search_fields = ["name", "account_code"]


class BudgetAllocationViewSet(ModelViewSet):
    queryset = BudgetAllocation.objects.select_related("plan__district", "head")
    serializer_class = serializers.BudgetAllocationSerializer
    filterset_class = filtersets.BudgetAllocationFilterSet
    search_fields = ["head__name", "head__account_code"]


class PlanValueViewSet(ModelViewSet):
    queryset = PlanValue.objects.select_related("plan__district")
    serializer_class = serializers.PlanValueSerializer
    filterset_class = filtersets.PlanValueFilterSet
    search_fields = ["name", "description"]


class ResponsibilityViewSet(ModelViewSet):
    queryset = Responsibility.objects.select_related("plan__district")
    serializer_class = serializers.ResponsibilitySerializer
    filterset_class = filtersets.ResponsibilityFilterSet
    search_fields = ["text"]


class PrintedFigureViewSet(ModelViewSet):
    queryset = PrintedFigure.objects.select_related("plan__district")
    serializer_class = serializers.PrintedFigureSerializer
    filterset_class = filtersets.PrintedFigureFilterSet
    search_fields = ["key"]


class WorkflowEventViewSet(ReadOnlyModelViewSet):
    """Steps of the plans' workflow; they are written by the workflow actions, not directly."""

    queryset = WorkflowEvent.objects.select_related("plan__district", "actor")
    serializer_class = serializers.WorkflowEventSerializer
    filterset_class = filtersets.WorkflowEventFilterSet
    search_fields = ["comment"]
