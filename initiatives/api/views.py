from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from initiatives import filtersets, models
from initiatives.api import serializers
from initiatives.api.serializers import TargetProgressTableSerializer
from initiatives.figures import target_progress_table
from kasur_police.api.views import ModelViewSet
from plans.overview import quarter_labels
from plans.workflow import may_record_progress


class ObjectiveViewSet(ModelViewSet):
    queryset = models.Objective.objects.select_related("plan__district")
    serializer_class = serializers.ObjectiveSerializer
    filterset_class = filtersets.ObjectiveFilterSet
    search_fields = ["title"]


class ObjectiveHeadingViewSet(ModelViewSet):
    queryset = models.ObjectiveHeading.objects.select_related("objective__plan__district")
    serializer_class = serializers.ObjectiveHeadingSerializer
    filterset_class = filtersets.ObjectiveHeadingFilterSet
    search_fields = ["title"]


class StrategyPointViewSet(ModelViewSet):
    queryset = models.StrategyPoint.objects.select_related("objective__plan__district", "heading")
    serializer_class = serializers.StrategyPointSerializer
    filterset_class = filtersets.StrategyPointFilterSet
    search_fields = ["text"]


class NarrativeSectionViewSet(ModelViewSet):
    queryset = models.NarrativeSection.objects.select_related("plan__district")
    serializer_class = serializers.NarrativeSectionSerializer
    filterset_class = filtersets.NarrativeSectionFilterSet
    search_fields = ["title", "intro"]


class SectionPointViewSet(ModelViewSet):
    queryset = models.SectionPoint.objects.select_related("section__plan__district", "parent")
    serializer_class = serializers.SectionPointSerializer
    filterset_class = filtersets.SectionPointFilterSet
    search_fields = ["title", "text"]


class TargetViewSet(ModelViewSet):
    queryset = models.Target.objects.select_related("plan__district")
    serializer_class = serializers.TargetSerializer
    filterset_class = filtersets.TargetFilterSet
    search_fields = ["category", "present_status", "expected_achievement", "mechanism"]


class TargetProgressViewSet(ModelViewSet):
    """Quarterly progress against a target; recorded on approved plans too (Article 44 reviews), where only the
    reviewers who evaluate the plan record, change or delete it."""

    queryset = models.TargetProgress.objects.select_related("target__plan__district")
    serializer_class = serializers.TargetProgressSerializer
    filterset_class = filtersets.TargetProgressFilterSet
    search_fields = ["note"]

    def check_may_record(self, progress):
        if not may_record_progress(self.request.user, progress.target.plan):
            raise PermissionDenied(
                _("Once a plan is submitted, its quarterly progress is recorded by the reviewers who evaluate it.")
            )

    def perform_create(self, serializer):
        self.check_may_record(models.TargetProgress(target=serializer.validated_data["target"]))
        serializer.save()

    def perform_update(self, serializer):
        self.check_may_record(serializer.instance)
        target = serializer.validated_data.get("target")
        if target is not None:
            self.check_may_record(models.TargetProgress(target=target))
        serializer.save()

    def perform_destroy(self, instance):
        self.check_may_record(instance)
        super().perform_destroy(instance)


# Quarterly tracking (Police Order 2002, Article 44): an action on the plan (`/api/v1/plans/{id}/target-progress/`),
# added to the plans' viewset through `plans.registry.Section.plan_api_actions`.


@extend_schema(responses=TargetProgressTableSerializer)
@action(
    detail=True,
    url_path="target-progress",
    url_name="target-progress",
    filter_backends=[],
    pagination_class=None,
)
def target_progress(self, request, pk=None):
    """Each target of the plan with its progress in quarters 1-4 of the fiscal year.

    Progress is written through `/api/v1/target-progress/`, on approved plans too.
    """
    if not request.user.has_perms(["initiatives.view_target", "initiatives.view_targetprogress"]):
        raise PermissionDenied
    plan = self.get_object()
    table = {"quarters": quarter_labels(plan), "rows": target_progress_table(plan)}
    return Response(TargetProgressTableSerializer(table, context=self.get_serializer_context()).data)
