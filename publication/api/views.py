"""The public API: approved plans and their tables as open data, and verification of a PDF. No login.

Read-only (a write is 405), open to anyone (`AllowAny`, no authentication, so no CSRF either) and
throttled per client address under the `public` scope (REST_FRAMEWORK's DEFAULT_THROTTLE_RATES).
Described by its own OpenAPI schema at /api/public/schema/; the portal's schema leaves it out.
"""

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import routers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from kasur_police.api.renderers import CSVRenderer, PDFRenderer
from kasur_police.api.schema import ErrorSerializer
from kasur_police.middleware import reads_upload_itself
from publication import archive, verification
from publication.api import serializers
from publication.filtersets import PublishedPlanFilterSet
from publication.published import plan_cache_key, published_plans, with_key_figures
from publication.tables import TABLES
from publication.views import CACHE_SECONDS, approved_pdf_response


class PublicSchemaGenerator(SchemaGenerator):
    """The generator of /api/public/schema/: marks the views it describes (see `PublicAutoSchema`)."""

    def create_view(self, callback, method, request=None):
        view = super().create_view(callback, method, request)
        view.in_public_schema = True
        return view


class PublicAutoSchema(AutoSchema):
    """Public endpoints appear in the public schema only, not in the portal's /api/schema/."""

    def is_excluded(self):
        return not getattr(self.view, "in_public_schema", False) or super().is_excluded()


class PublicThrottle(AnonRateThrottle):
    """Requests per client address, at the rate of the `public` scope."""

    scope = "public"


class PublicAPIMixin:
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [PublicThrottle]
    schema = PublicAutoSchema()


class PlanViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Approved plans by province, region, district and fiscal year, with key figures and approval."""

    queryset = with_key_figures(published_plans()).order_by("district__name", "-year_start")
    serializer_class = serializers.PublicPlanSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = PublishedPlanFilterSet

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: ErrorSerializer},
        description=str(_("The approved PDF, byte for byte as kept; its SHA-256 in the X-Content-SHA256 header.")),
    )
    @action(detail=True, renderer_classes=[PDFRenderer, JSONRenderer])
    def pdf(self, request, pk=None):
        return approved_pdf_response(self.get_object())

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT, 404: ErrorSerializer},
        description=str(_("The whole plan as data: the plan.json embedded in its approved PDF, as approved.")),
    )
    @action(detail=True, renderer_classes=[JSONRenderer])
    def data(self, request, pk=None):
        plan = self.get_object()
        key = plan_cache_key(plan, "data")
        content = cache.get(key)
        if content is None:
            with plan.approved_pdf.open("rb") as handle:
                content = archive.embedded_data(handle.read())
            cache.set(key, content, CACHE_SECONDS)
        if content is None:
            raise NotFound(_("The approved PDF of this plan carries no data."))
        return HttpResponse(content, content_type="application/json")


class OpenTableView(PublicAPIMixin, GenericAPIView):
    """One table of the approved plans across districts and years (`strength`, `crime`, `vehicles`, `budget`).

    A record per row of each plan's table, led by province, region, district and fiscal year;
    `?format=csv` for CSV. The same filters as the plans.
    """

    queryset = published_plans()
    filter_backends = [DjangoFilterBackend]
    filterset_class = PublishedPlanFilterSet
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    pagination_class = None

    @extend_schema(
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "text/csv"): OpenApiTypes.STR,
            400: OpenApiResponse(description=str(_("An unknown filter value."))),
            404: ErrorSerializer,
        }
    )
    def get(self, request, table):
        open_table = TABLES.get(table)
        if open_table is None:
            raise NotFound(_("There is no open-data table %(table)s.") % {"table": table})
        self.csv_header = open_table.columns
        plans = self.filter_queryset(self.get_queryset())
        return Response(list(open_table.records(plans)))


@reads_upload_itself
class VerifyView(PublicAPIMixin, APIView):
    """Is this PDF an approved plan? Upload it (multipart, field `pdf`, at most 20 MB); nothing is kept.

    `status` says whether it is byte for byte an approved plan in the archive (and which, approved by whom
    and when); `signature_status` whether its signature is intact and by the approving office's certificate.
    """

    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": serializers.VerifyRequestSerializer},
        responses={
            200: serializers.VerdictSerializer,
            400: OpenApiResponse(description=str(_("No file given."))),
            413: ErrorSerializer,
        },
    )
    def post(self, request):
        if verification.too_large(request):
            return Response({"detail": _("The file is larger than 20 MB; it was not read.")}, status=413)
        request._request.upload_handlers = [verification.InMemoryUpload(request._request)]
        form = serializers.VerifyRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            content = verification.read_upload(form.validated_data["pdf"])
        except verification.UploadTooLarge as error:
            raise ValidationError({"pdf": [_("The file is larger than 20 MB.")]}) from error
        verdict = verification.verify(content)
        return Response(serializers.VerdictSerializer(verdict, context={"request": request}).data)


class RootView(PublicAPIMixin, routers.APIRootView):
    """Approved annual policing plans as open data: no login needed. Schema: /api/public/schema/."""

    schema = None
