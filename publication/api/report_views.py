"""The half-yearly report of Article 44 in the portal's API (/api/v1/): authenticated, within the user's scope."""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from kasur_police.api.renderers import PDFRenderer
from kasur_police.api.views import APIViewMixin
from plans.models import AnnualPlan
from publication.api.serializers import HalfYearReportSerializer
from publication.report import HALVES, half_year_report, render_report_pdf, report_filename
from publication.views import REPORT_PERMISSIONS


class HalfYearReportView(APIViewMixin, GenericAPIView):
    """The half-yearly report of a plan (half 1: July-December, 2: January-June); `?format=pdf` prints it."""

    queryset = AnnualPlan.objects.select_related("district")
    serializer_class = HalfYearReportSerializer
    renderer_classes = [JSONRenderer, PDFRenderer]

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)

    @extend_schema(responses={200: HalfYearReportSerializer, (200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request, pk, half):
        if half not in HALVES:
            raise NotFound(_("A year has two halves: 1 and 2."))
        if not request.user.has_perms(REPORT_PERMISSIONS):
            raise PermissionDenied(_("You may not read progress reports."))
        report = half_year_report(self.get_object(), half)
        if request.accepted_renderer.format == "pdf":
            response = HttpResponse(render_report_pdf(report), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="{report_filename(report)}"'
            return response
        return Response(self.get_serializer(report).data)
