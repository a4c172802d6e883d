import base64

from django.db import transaction
from django.http import FileResponse
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from kasur_police.api.permissions import ViewPermissionToAct
from kasur_police.api.renderers import PDFRenderer
from kasur_police.api.schema import ConflictSerializer, ErrorSerializer
from kasur_police.api.views import APIViewMixin, ModelViewSet, ReadOnlyModelViewSet
from plans import filtersets, models, registry, steps, workflow
from plans.api import comparison, full_plan, serializers
from plans.overview import district_overview
from plans.pdf import pdf_or_schedule, pdf_response, pdf_status, rendering_eagerly
from plans.pdf_views import described, status_json, wants_progress, with_query
from plans.rollover import start_next_year


class ProvinceViewSet(ModelViewSet):
    queryset = models.Province.objects.all()
    serializer_class = serializers.ProvinceSerializer
    filterset_class = filtersets.ProvinceFilterSet
    search_fields = ["name"]


class RegionViewSet(ModelViewSet):
    queryset = models.Region.objects.select_related("province")
    serializer_class = serializers.RegionSerializer
    filterset_class = filtersets.RegionFilterSet
    search_fields = ["name"]


class DistrictViewSet(ModelViewSet):
    queryset = models.District.objects.select_related("region")
    serializer_class = serializers.DistrictSerializer
    filterset_class = filtersets.DistrictFilterSet
    search_fields = ["name"]


class AnnualPlanViewSet(ModelViewSet):
    queryset = models.AnnualPlan.objects.select_related("district")
    serializer_class = serializers.AnnualPlanSerializer
    filterset_class = filtersets.AnnualPlanFilterSet
    search_fields = ["district__name", "message"]

    def get_serializer_class(self):
        if self.action in ("retrieve", "create", "update", "partial_update"):
            return serializers.AnnualPlanDetailSerializer
        return super().get_serializer_class()

    @extend_schema(responses=full_plan.full_plan_serializer())
    @action(detail=True, serializer_class=full_plan.full_plan_serializer(), filter_backends=[])
    def full(self, request, pk=None):
        """The whole plan: every section nested in document order, with every derived value.

        Strength rows with short and excess and the tables' totals; the vehicle table with row and column
        totals; stock statements with their lines and group totals; the crime table with yearly totals and
        year-on-year change; the budget with its total; the police-population ratio computed from the
        population and the present strength; and `computed_figures` beside `printed_figures`, keyed alike.
        Needs the view permission on every section's model.
        """
        if not request.user.has_perms(full_plan.permissions()):
            raise PermissionDenied
        plan = self.get_object()  # in the user's scope, else 404; its sections are loaded only on a cache miss
        return Response(full_plan.full_plan_data(plan, request, lambda plan: self.get_serializer(plan).data))

    compare = comparison.compare  # GET plans/{id}/compare/{other_id}/

    # The workflow: draft -> submitted -> approved, or returned -> draft. plans.workflow decides who may act.

    def workflow_step(self, request, action, body_serializer):
        """Take `step` on the plan as the user may see it (else 404); answer with the plan and the step recorded."""
        body = body_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        with transaction.atomic():
            plan = self.get_object()
            steps.take_step(plan, request.user, action, body.validated_data.get("comment", ""))  # the new status
            event = plan.workflow_events.select_related("actor").latest("created", "pk")
        result = {"plan": plan, "event": event}
        return Response(serializers.StepResultSerializer(result, context=self.get_serializer_context()).data)

    @extend_schema(
        request=serializers.StepSerializer,
        responses={
            200: serializers.StepResultSerializer,
            403: OpenApiResponse(ErrorSerializer, _("Only the DPO of the plan's district submits.")),
            409: OpenApiResponse(
                ConflictSerializer,
                _("The plan is not a draft, or the consistency check finds errors (listed in `findings`)."),
            ),
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[ViewPermissionToAct], filter_backends=[])
    def submit(self, request, pk=None):
        """Submit the draft to the approving authority; it is locked from then on.

        Refused (409) while the consistency check finds errors: they are listed in `findings`.
        """
        return self.workflow_step(request, models.WorkflowAction.SUBMIT, serializers.StepSerializer)

    @extend_schema(
        request=serializers.ReturnSerializer,
        responses={
            200: serializers.StepResultSerializer,
            403: OpenApiResponse(ErrorSerializer, _("Only a reviewer over the plan's district returns it.")),
            409: OpenApiResponse(ConflictSerializer, _("The plan is not submitted.")),
        },
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="return",
        url_name="return",
        permission_classes=[ViewPermissionToAct],
        filter_backends=[],
    )
    def return_to_draft(self, request, pk=None):
        """Return the submitted plan to the district as a draft, with the reviewer's comments (required)."""
        return self.workflow_step(request, models.WorkflowAction.RETURN, serializers.ReturnSerializer)

    @extend_schema(
        request=serializers.StepSerializer,
        responses={
            200: serializers.StepResultSerializer,
            403: OpenApiResponse(ErrorSerializer, _("Only a reviewer over the plan's district approves it.")),
            409: OpenApiResponse(ConflictSerializer, _("The plan is not submitted.")),
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[ViewPermissionToAct], filter_backends=[])
    def approve(self, request, pk=None):
        """Approve the submitted plan on behalf of the district's approving authority.

        The PDF of the plan as approved is kept with its SHA-256 (`approved_pdf`, `approved_pdf_sha256`).
        """
        return self.workflow_step(request, models.WorkflowAction.APPROVE, serializers.StepSerializer)

    @extend_schema(
        request=None,
        responses={
            201: serializers.AnnualPlanDetailSerializer,
            403: OpenApiResponse(ErrorSerializer, _("Only the district's clerk or DPO starts a plan.")),
            409: OpenApiResponse(ConflictSerializer, _("The district already has a plan for the next year.")),
        },
    )
    @action(detail=True, methods=["post"], url_path="next-year", url_name="next-year", filter_backends=[])
    @transaction.atomic
    def next_year(self, request, pk=None):
        """Start next year's draft from this plan: text, reference lists, organogram, strength, stock, targets.

        The crime window moves on by a year; crime figures, results, printed figures and progress start empty.
        """
        new_plan = start_next_year(self.get_object(), request.user)
        data = serializers.AnnualPlanDetailSerializer(new_plan, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": str(data["url"])})

    # The plan as a document.

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "progress",
                OpenApiTypes.BOOL,
                description=_("Add each target's quarterly progress to the targets table."),
            )
        ],
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, _("The PDF, as an attachment named like kasur-annual-policing-plan-2023-2024.pdf.")
            ),
            (202, "application/json"): OpenApiResponse(
                serializers.PDFStatusSerializer,
                _("The PDF is being rendered: ask `status_url` (or this address again) after Retry-After seconds."),
            ),
            (503, "application/json"): OpenApiResponse(
                serializers.PDFStatusSerializer, _("The last render failed; it is tried again after Retry-After.")
            ),
        },
    )
    @action(detail=True, renderer_classes=[PDFRenderer, JSONRenderer], filter_backends=[])
    def pdf(self, request, pk=None):
        """The plan as the printed document (A4 PDF), from its current data.

        Served at once from a cache while the plan's data is unchanged. Otherwise, where a worker renders
        PDFs, the answer is 202 Accepted with `Retry-After` and a `status_url`; this address gives the PDF
        once it is ready. Needs the view permission on every section's model, as the full plan does.
        """
        plan = self.pdf_plan(request)
        progress = wants_progress(request)
        if rendering_eagerly():  # without a broker the request renders, as it always did
            return pdf_response(plan, with_progress=progress)
        if (content := pdf_or_schedule(plan, with_progress=progress)) is not None:
            return pdf_response(plan, with_progress=progress, content=content)
        return status_json(described(pdf_status(plan, with_progress=progress)), *self.pdf_urls(request, plan), 202)

    @extend_schema(
        parameters=[OpenApiParameter("progress", OpenApiTypes.BOOL, description=_("As for the PDF."))],
        responses={200: serializers.PDFStatusSerializer},
    )
    @action(detail=True, url_path="pdf/status", url_name="pdf-status", filter_backends=[])
    def pdf_status(self, request, pk=None):
        """Where the plan's PDF stands: `ready`, `rendering` or `queued` (a render is queued when none is)."""
        plan = self.pdf_plan(request)
        status = described(pdf_status(plan, with_progress=wants_progress(request)))
        return status_json(status, *self.pdf_urls(request, plan))

    def pdf_plan(self, request):
        if not request.user.has_perms(full_plan.permissions()):
            raise PermissionDenied
        return self.get_object()

    def pdf_urls(self, request, plan):
        """The absolute addresses of the plan's PDF status and of the PDF, with the request's `progress`."""
        progress = wants_progress(request)
        return [
            request.build_absolute_uri(with_query(reverse(f"api:annualplan-{name}", args=[plan.pk]), progress))
            for name in ("pdf-status", "pdf")
        ]

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, _("The PDF kept at approval, byte for byte.")
            ),
            (404, "application/json"): OpenApiResponse(
                ErrorSerializer, _("No such plan among those you may see, or it is not approved.")
            ),
        },
        parameters=[
            OpenApiParameter(
                "X-Content-SHA256",
                str,
                OpenApiParameter.HEADER,
                response=[200],
                description=_("SHA-256 of the file in hex, as recorded at approval (`approved_pdf_sha256`)."),
            ),
            OpenApiParameter(
                "Repr-Digest",
                str,
                OpenApiParameter.HEADER,
                response=[200],
                description=_("The same digest as RFC 9530 writes it: `sha-256=:<base64>:`."),
            ),
        ],
    )
    @action(
        detail=True,
        url_path="approved-pdf",
        url_name="approved-pdf",
        renderer_classes=[PDFRenderer, JSONRenderer],
        filter_backends=[],
    )
    def approved_pdf(self, request, pk=None):
        """The PDF exactly as it was when the plan was approved, with its SHA-256 in the headers.

        Compare `X-Content-SHA256` (or the plan's `approved_pdf_sha256`) with the SHA-256 of the bytes received.
        """
        plan = self.get_object()
        if not plan.approved_pdf:
            raise NotFound(_("%(plan)s has no approved PDF.") % {"plan": plan})
        response = FileResponse(
            plan.approved_pdf.open("rb"), as_attachment=True, filename=workflow.approved_pdf_name(plan)
        )
        response["Content-Type"] = "application/pdf"
        response["X-Content-SHA256"] = plan.approved_pdf_sha256
        digest = base64.b64encode(bytes.fromhex(plan.approved_pdf_sha256)).decode()
        response["Repr-Digest"] = f"sha-256=:{digest}:"
        return response


# Actions on a plan that a section adds (`plans.registry.Section.plan_api_actions`), e.g. its target progress.
for section in registry.sections():
    for dotted_path in section.plan_api_actions:
        function = import_string(dotted_path)
        setattr(AnnualPlanViewSet, function.__name__, function)


class DistrictProfileViewSet(ModelViewSet):
    queryset = models.DistrictProfile.objects.select_related("plan__district")
    serializer_class = serializers.DistrictProfileSerializer
    filterset_class = filtersets.DistrictProfileFilterSet


class SectShareViewSet(ModelViewSet):
    queryset = models.SectShare.objects.select_related("plan__district")
    serializer_class = serializers.SectShareSerializer
    filterset_class = filtersets.SectShareFilterSet
    search_fields = ["name"]


class PlaceOfWorshipViewSet(ModelViewSet):
    queryset = models.PlaceOfWorship.objects.select_related("plan__district")
    serializer_class = serializers.PlaceOfWorshipSerializer
    filterset_class = filtersets.PlaceOfWorshipFilterSet
    search_fields = ["kind"]


class UnitViewSet(ModelViewSet):
    queryset = models.Unit.objects.select_related("plan__district", "parent")
    serializer_class = serializers.UnitSerializer
    filterset_class = filtersets.UnitFilterSet
    search_fields = ["name", "commander"]


class BudgetHeadViewSet(ModelViewSet):
    queryset = models.BudgetHead.objects.select_related("district")
    serializer_class = serializers.BudgetHeadSerializer
    filterset_class = filtersets.BudgetHeadFilterSet
    search_fields = ["name", "account_code"]


class BudgetAllocationViewSet(ModelViewSet):
    queryset = models.BudgetAllocation.objects.select_related("plan__district", "head")
    serializer_class = serializers.BudgetAllocationSerializer
    filterset_class = filtersets.BudgetAllocationFilterSet
    search_fields = ["head__name", "head__account_code"]


class PlanValueViewSet(ModelViewSet):
    queryset = models.PlanValue.objects.select_related("plan__district")
    serializer_class = serializers.PlanValueSerializer
    filterset_class = filtersets.PlanValueFilterSet
    search_fields = ["name", "description"]


class ResponsibilityViewSet(ModelViewSet):
    queryset = models.Responsibility.objects.select_related("plan__district")
    serializer_class = serializers.ResponsibilitySerializer
    filterset_class = filtersets.ResponsibilityFilterSet
    search_fields = ["text"]


class PrintedFigureViewSet(ModelViewSet):
    queryset = models.PrintedFigure.objects.select_related("plan__district")
    serializer_class = serializers.PrintedFigureSerializer
    filterset_class = filtersets.PrintedFigureFilterSet
    search_fields = ["key"]


class WorkflowEventViewSet(ReadOnlyModelViewSet):
    """Steps of the plans' workflow; they are written by the workflow actions, not directly."""

    queryset = models.WorkflowEvent.objects.select_related("plan__district", "actor")
    serializer_class = serializers.WorkflowEventSerializer
    filterset_class = filtersets.WorkflowEventFilterSet
    search_fields = ["comment"]


class OverviewView(APIViewMixin, GenericAPIView):
    """The reviewers' overview: every district you may see with its plan's status, strength and crime change.

    Districts are grouped by region and province, each with its totals, and the totals of all of them.
    `?year=2023-2024` takes each district's plan of that year (a district without one shows no figures);
    without it, each district's latest plan. The number of queries does not grow with the districts.
    """

    queryset = models.AnnualPlan.objects.all()  # the view permission on plans guards the overview
    filter_backends = []
    pagination_class = None
    validates_query = True

    @extend_schema(
        operation_id="overview",
        parameters=[serializers.OverviewQuerySerializer],
        responses=serializers.OverviewSerializer,
    )
    def get(self, request):
        sections = registry.sections()
        if not request.user.has_perms(
            ["plans.view_annualplan", *(p for s in sections for p in s.overview_permissions)]
        ):
            raise PermissionDenied
        query = serializers.OverviewQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        overview = district_overview(request.user, query.validated_data.get("year"))
        return Response(serializers.OverviewSerializer(overview, context=self.get_serializer_context()).data)
