"""`GET /api/v1/plans/{id}/compare/{other_id}/`: two plans side by side, every section (`plans.comparison`).

The two plans come in the order of their fiscal years (`earlier`, `later`); both must be visible to the
caller (else 404), who needs the view permissions the full plan needs. A fixed number of queries however
many rows the plans have: each section's `compare` reads its rows of both plans at once.
"""

from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from kasur_police.api.schema import ErrorSerializer
from plans.api import full_plan
from plans.api.serializers import BriefAnnualPlanSerializer, BriefDistrictSerializer
from plans.comparison import compared_sections

STATUSES = [
    ("", _("the same in both plans")),
    ("added", _("only in the later plan")),
    ("dropped", _("only in the earlier plan")),
    ("changed", _("in both, changed")),
]


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string", "format": "decimal"}], "nullable": True})
class FigureField(serializers.Field):
    """A count (integer) or a measured amount (a decimal, as a string); null where a plan has no such figure."""

    def to_representation(self, value):
        return str(value) if isinstance(value, Decimal) else value


class CellSerializer(serializers.Serializer):
    earlier = FigureField(help_text=_("The earlier plan's figure; null where it has none."))
    later = FigureField(help_text=_("The later plan's figure; null where it has none."))
    difference = FigureField(help_text=_("Later minus earlier; null unless both have the figure."))
    comparable = serializers.BooleanField(
        help_text=_("False where one plan does not cover the figure at all (a crime year outside its years).")
    )
    changed = serializers.BooleanField(help_text=_("Comparable, and not the same in both plans."))


class RowSerializer(serializers.Serializer):
    label = serializers.CharField(help_text=_("The row: a rank, an equipment type, a budget head, a field ..."))
    change = serializers.ChoiceField(
        source="status", choices=STATUSES, help_text=_("Blank where the same; else added, dropped or changed.")
    )
    cells = CellSerializer(many=True, help_text=_("One per column, in the order of `columns`."))


class TableSerializer(serializers.Serializer):
    caption = serializers.CharField()
    item_label = serializers.CharField(help_text=_("What the rows are (Rank, Item, Head of account ...)."))
    columns = serializers.ListField(child=serializers.CharField())
    changed = serializers.BooleanField()
    rows = RowSerializer(many=True)
    total = CellSerializer(many=True, allow_null=True, help_text=_("Column totals, where the table has them."))
    note = serializers.CharField(help_text=_("What the reader should know about the columns, or blank."))


class WordsSerializer(serializers.Serializer):
    op = serializers.ChoiceField(
        choices=[("equal", _("in both")), ("insert", _("added by the later plan")), ("delete", _("dropped by it"))]
    )
    text = serializers.CharField(help_text=_("Words separated by spaces; a blank line between paragraphs."))


class TextSerializer(serializers.Serializer):
    label = serializers.CharField(help_text=_("Which text: the DPO's message, a value, a point of an objective ..."))
    change = serializers.ChoiceField(
        source="status", choices=STATUSES, help_text=_("Blank where the same; else added, dropped or changed.")
    )
    changed = serializers.BooleanField()
    earlier = serializers.CharField(allow_null=True)
    later = serializers.CharField(allow_null=True)
    words = WordsSerializer(many=True, help_text=_("The two texts diffed word by word, in reading order."))


class SectionSerializer(serializers.Serializer):
    slug = serializers.CharField()
    heading = serializers.CharField()
    position = serializers.IntegerField(help_text=_("The section's place in the printed plan."))
    changed = serializers.BooleanField()
    empty = serializers.CharField(help_text=_("What the portal says when the section has no table or text."))
    tables = TableSerializer(many=True)
    texts = TextSerializer(many=True)


class ComparedPlanSerializer(BriefAnnualPlanSerializer):
    district = BriefDistrictSerializer(read_only=True)

    class Meta(BriefAnnualPlanSerializer.Meta):
        fields = [*BriefAnnualPlanSerializer.Meta.fields, "district"]


class ComparisonSerializer(serializers.Serializer):
    earlier = ComparedPlanSerializer()
    later = ComparedPlanSerializer()
    changes_only = serializers.BooleanField()
    sections = SectionSerializer(many=True, help_text=_("Every section of the plan, in document order."))


@extend_schema(
    parameters=[
        OpenApiParameter("other_id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The other plan's id.")),
        OpenApiParameter(
            "changes_only",
            OpenApiTypes.BOOL,
            description=_("Only the rows and texts that differ (a section without any keeps its heading)."),
        ),
    ],
    responses={200: ComparisonSerializer, 403: ErrorSerializer, 404: OpenApiResponse(ErrorSerializer)},
)
@action(
    detail=True,
    url_path=r"compare/(?P<other_id>[0-9]+)",
    url_name="compare",
    serializer_class=ComparisonSerializer,
    filter_backends=[],
    pagination_class=None,
)
def compare(self, request, pk=None, other_id=None):
    """Two plans side by side, every section: the tables cell by cell, the text word by word.

    Any two plans the caller can see (two years of a district, or two districts); they come in the order of
    their fiscal years. Rows are matched by their reference-list item's name, texts by their place.
    """
    if not request.user.has_perms(full_plan.permissions()):
        raise PermissionDenied
    plan = self.get_object()
    other = get_object_or_404(self.get_queryset(), pk=other_id)
    earlier, later = sorted([plan, other], key=lambda item: item.year_start)
    changes_only = request.query_params.get("changes_only", "").lower() in ("1", "true", "yes")
    data = {
        "earlier": earlier,
        "later": later,
        "changes_only": changes_only,
        "sections": compared_sections(earlier, later, changes_only=changes_only),
    }
    return Response(ComparisonSerializer(data, context=self.get_serializer_context()).data)
