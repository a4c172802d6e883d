"""One JSON shape for every API error, with field-level messages where there are fields.

Every error body is an object: `detail` (one message), and/or messages by field name as lists of strings
(`non_field_errors` for rules that span fields), plus `referred_to_by` or `findings` on a 409. It is JSON
whatever format the client asked for: a CSV or PDF request that fails gets a JSON error, not a file.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from kasur_police.api.serializers import field_errors
from plans.base import PlanLocked
from plans.workflow import WorkflowError

MAX_REFERRERS = 20
# Keys of an error body that are not field names.
ERROR_KEYS = {"detail", "referred_to_by", "findings"}


def finding_data(finding):
    """A consistency check finding as the client reads it: how bad, where in the document, what."""
    return {
        "severity": str(getattr(finding, "severity", "error")),
        "section": str(getattr(finding, "section", "")),
        "message": str(getattr(finding, "message", finding)),
    }


def messages(value):
    """Error messages of any nesting (a list, a nested serializer's dict) as a flat list of strings."""
    if isinstance(value, dict):
        return [f"{key}: {message}" for key, item in value.items() for message in messages(item)]
    if isinstance(value, list | tuple):
        return [message for item in value for message in messages(item)]
    return [str(value)]


def error_body(data):
    """Any error data in the one error shape: an object of `detail` and lists of messages by field."""
    if not isinstance(data, dict):
        return {api_settings.NON_FIELD_ERRORS_KEY: messages(data)}
    return {key: value if key in ERROR_KEYS else messages(value) for key, value in data.items()}


def render_errors_as_json(request):
    """An error is JSON (or the browsable API's page), never rendered by a file renderer (CSV, PDF)."""
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is not None and not isinstance(renderer, JSONRenderer | BrowsableAPIRenderer):
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type


def exception_handler(exc, context):
    request = context.get("request")
    if request is not None:
        render_errors_as_json(request)
    response = handle(exc, context)
    if response is not None:
        response.data = error_body(response.data)
    return response


def handle(exc, context):
    if isinstance(exc, PlanLocked):
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, WorkflowError):
        body = {"detail": " ".join(exc.messages)}
        if exc.findings:
            body["findings"] = [finding_data(finding) for finding in exc.findings]
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, (ProtectedError, RestrictedError)):
        objects = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        referrers = sorted({f"{obj._meta.verbose_name}: {obj}" for obj in list(objects)[:MAX_REFERRERS]})
        return Response(
            {"detail": _("This object is still referred to and cannot be deleted."), "referred_to_by": referrers},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, IntegrityError):
        return Response(
            {"detail": _("The change conflicts with other data (a duplicate or a missing reference).")},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(field_errors(exc))
    if isinstance(exc, DjangoPermissionDenied) and exc.args:
        exc = PermissionDenied(str(exc))  # the service's reason ("You may not approve ..."), not DRF's generic one
    return drf_exception_handler(exc, context)


@csrf_exempt  # nothing is done here; a write to no endpoint is a 404, not a CSRF refusal
def api_not_found(request, *args, **kwargs):
    """Any address under /api/ that names no endpoint: a JSON 404 (or the slash it lacks, as for pages)."""
    if not request.path_info.endswith("/") and request.method in {"GET", "HEAD"}:
        try:
            match = resolve(request.path_info + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not api_not_found:
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
    return JsonResponse({"detail": _("No API endpoint at this address.")}, status=status.HTTP_404_NOT_FOUND)
