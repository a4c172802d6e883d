from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from crime_stats import filtersets, models
from crime_stats.api import serializers
from crime_stats.figures import crime_table, latest_figures
from kasur_police.api.renderers import CSVRenderer
from kasur_police.api.views import APIViewMixin, ModelViewSet
from plans.models import District


class CrimeHeadViewSet(ModelViewSet):
    queryset = models.CrimeHead.objects.select_related("district")
    serializer_class = serializers.CrimeHeadSerializer
    filterset_class = filtersets.CrimeHeadFilterSet
    search_fields = ["name", "law_sections"]


class CrimeFigureViewSet(ModelViewSet):
    queryset = models.CrimeFigure.objects.select_related("plan__district", "head")
    serializer_class = serializers.CrimeFigureSerializer
    filterset_class = filtersets.CrimeFigureFilterSet
    search_fields = ["head__name"]


class OperationalResultViewSet(ModelViewSet):
    queryset = models.OperationalResult.objects.select_related("plan__district")
    serializer_class = serializers.OperationalResultSerializer
    filterset_class = filtersets.OperationalResultFilterSet


class SubstanceViewSet(ModelViewSet):
    queryset = models.Substance.objects.select_related("district")
    serializer_class = serializers.SubstanceSerializer
    filterset_class = filtersets.SubstanceFilterSet
    search_fields = ["name"]


class NarcoticsRecoveryViewSet(ModelViewSet):
    queryset = models.NarcoticsRecovery.objects.select_related("result__plan__district", "substance")
    serializer_class = serializers.NarcoticsRecoverySerializer
    filterset_class = filtersets.NarcoticsRecoveryFilterSet
    search_fields = ["substance__name"]


class IllicitArmTypeViewSet(ModelViewSet):
    queryset = models.IllicitArmType.objects.select_related("district")
    serializer_class = serializers.IllicitArmTypeSerializer
    filterset_class = filtersets.IllicitArmTypeFilterSet
    search_fields = ["name"]


class IllicitArmsRecoveryViewSet(ModelViewSet):
    queryset = models.IllicitArmsRecovery.objects.select_related("result__plan__district", "arm_type")
    serializer_class = serializers.IllicitArmsRecoverySerializer
    filterset_class = filtersets.IllicitArmsRecoveryFilterSet
    search_fields = ["arm_type__name"]


class CrimeSeriesView(APIViewMixin, GenericAPIView):
    """Cases by crime head and calendar year for one district, over any range of years.

    Assembled from the crime figures of all the district's plans; where two plans hold a figure for the
    same head and year, the later plan's figure wins. With `?format=csv`, one line per head and year.
    """

    queryset = models.CrimeFigure.objects.all()  # the view permission on crime figures guards the series
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    filter_backends = []
    pagination_class = None
    validates_query = True
    csv_header = ["district", "head", "law_sections", "year", "cases", "change"]

    @extend_schema(
        operation_id="crime_series",
        parameters=[
            serializers.CrimeSeriesQuerySerializer,
            OpenApiParameter("format", str, enum=["json", "csv"], description="`csv` for text/csv."),
        ],
        responses={
            (200, "application/json"): serializers.CrimeSeriesSerializer,
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="district,head,law_sections,year,cases,change; total rows last."
            ),
            404: OpenApiResponse(description="No such district among those the user may see."),
        },
    )
    def get(self, request):
        query = serializers.CrimeSeriesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        district = get_object_or_404(District.objects.visible_to(request.user), slug=params["district"])
        figures = self.get_queryset().visible_to(request.user).filter(plan__district=district)
        if "year_min" in params:
            figures = figures.filter(year__gte=params["year_min"])
        if "year_max" in params:
            figures = figures.filter(year__lte=params["year_max"])
        if "head" in params:
            figures = figures.filter(head__name__iexact=params["head"])
        if "head_id" in params:
            figures = figures.filter(head_id=params["head_id"])
        latest = latest_figures(figures.select_related("head").order_by("plan__year_start", "pk"))
        known = [figure.year for figure in latest]
        first = params.get("year_min", min(known, default=None))
        last = params.get("year_max", max(known, default=None))
        years = list(range(first, last + 1)) if first is not None and last is not None else []
        table = crime_table(latest, years)
        if request.accepted_renderer.format == CSVRenderer.format:
            filename = f"crime-series-{district.slug}-{years[0]}-{years[-1]}.csv" if years else "crime-series.csv"
            return Response(
                self.records(district, table), headers={"Content-Disposition": f'attachment; filename="{filename}"'}
            )
        return Response(
            serializers.CrimeSeriesSerializer(
                {"district": district, "years": table.years, "rows": table.rows, "total": table.total},
                context=self.get_serializer_context(),
            ).data
        )

    def records(self, district, table):
        records = []
        for row in [*table.rows, table.total]:
            head, sections = (row.head.name, row.head.law_sections) if row.head else (_("All reported crime"), "")
            changes = serializers.year_on_year(row.cases)
            for year, cases, change in zip(table.years, row.cases, changes, strict=True):
                records.append(
                    {"district": district.slug, "head": head, "law_sections": sections, "year": year}
                    | {"cases": cases, "change": change}
                )
        return records
