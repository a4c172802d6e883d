"""The workbook as an action on the API's plan resource (`/api/v1/plans/{id}/workbook/`), added through
`plans.registry.Section.plan_api_actions`: GET the plan's workbook, POST one (multipart, field `file`) to
load it into the plan, `?dry_run=1` to see the differences only."""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from kasur_police.api.locking import Conflict
from kasur_police.api.permissions import ViewPermissionToAct
from kasur_police.api.schema import ConflictSerializer, ErrorSerializer
from plans.workbook import access
from plans.workbook.export import export_plan, filename
from plans.workbook.importer import import_workbook

JSON = "application/json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class XLSXRenderer(BaseRenderer):
    """Accepts `Accept: <xlsx>` for the workbook; the action answers with the file itself."""

    media_type = XLSX
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class WorkbookUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("The .xlsx workbook."))


class DifferenceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["added", "changed", "removed"])
    sheet = serializers.CharField()
    cell = serializers.CharField(source="ref")
    record = serializers.CharField()
    column = serializers.CharField()
    old = serializers.CharField(allow_null=True)
    new = serializers.CharField(allow_null=True)


class NewReferenceSerializer(serializers.Serializer):
    kind = serializers.CharField()
    name = serializers.CharField()
    cell = serializers.CharField()


class WorkbookImportSerializer(serializers.Serializer):
    changes = serializers.IntegerField(help_text=_("How many cells differ."))
    applied = serializers.BooleanField(help_text=_("False for a dry run or when nothing differs."))
    differences = DifferenceSerializer(many=True)
    new_references = NewReferenceSerializer(many=True, help_text=_("Reference entries the workbook adds."))


def as_text(value):
    return None if value is None else str(value)


def import_response(result):
    data = {
        "changes": len(result.differences),
        "applied": result.applied,
        "differences": [
            {**vars(difference), "old": as_text(difference.old), "new": as_text(difference.new)}
            for difference in result.differences
        ],
        "new_references": [{"kind": kind, "name": name, "cell": ref} for kind, name, ref in result.new_references],
    }
    return Response(WorkbookImportSerializer(data).data)


@extend_schema(
    methods=["GET"],
    request=None,
    responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, _("The plan as an .xlsx workbook."))},
)
@extend_schema(
    methods=["POST"],
    request={"multipart/form-data": WorkbookUploadSerializer},
    parameters=[OpenApiParameter("dry_run", OpenApiTypes.BOOL, description=_("Show the differences; save nothing."))],
    responses={  # JSON only: the action's xlsx renderer is for the GET
        (200, JSON): WorkbookImportSerializer,
        (400, JSON): OpenApiResponse(ErrorSerializer, _("Bad cells, each as `Sheet!B7: reason`; nothing saved.")),
        (403, JSON): OpenApiResponse(
            ErrorSerializer, _("Loading a workbook needs the change permission on the plan's data.")
        ),
        (409, JSON): OpenApiResponse(ConflictSerializer, _("The plan is submitted or approved.")),
    },
)
@action(
    detail=True,
    methods=["get", "post"],
    renderer_classes=[XLSXRenderer, JSONRenderer],
    parser_classes=[MultiPartParser, FormParser],
    permission_classes=[ViewPermissionToAct],
    filter_backends=[],
)
def workbook(self, request, pk=None):
    """The plan as an Excel workbook (GET), or a workbook loaded into the plan (POST, multipart `file`).

    A POST lists the differences cell by cell and applies them in one transaction; `?dry_run=1` only lists
    them. A bad cell is a 400 listing every one as `Sheet!B7: reason`, with nothing saved.
    """
    plan = self.get_object()
    if request.method == "GET":
        if not access.may_export(request.user):
            raise PermissionDenied
        response = HttpResponse(export_plan(plan, request.user), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{filename(plan.district, plan.year_start)}"'
        return response
    if not access.may_import(request.user):
        raise PermissionDenied
    upload = WorkbookUploadSerializer(data=request.data)
    upload.is_valid(raise_exception=True)
    file = upload.validated_data["file"]
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": [_("The workbook is larger than 10 MB.")]})
    dry_run = request.query_params.get("dry_run", "").lower() in ("1", "true", "yes")
    result = import_workbook(plan.district, plan.year_start, file, user=request.user, dry_run=dry_run)
    if result.locked:
        raise Conflict(result.errors[0], code="locked")
    if result.errors:
        raise ValidationError({"file": result.errors})
    request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
    response = import_response(result)
    response.status_code = status.HTTP_200_OK
    return response
