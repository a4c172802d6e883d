"""One JSON shape for every API error, with field-level messages where there are fields."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from kasur_police.api.serializers import field_errors
from plans.base import PlanLocked
from plans.workflow import WorkflowError

MAX_REFERRERS = 20


def finding_data(finding):
    """A consistency check finding as the client reads it: how bad, where in the document, what."""
    return {
        "severity": str(getattr(finding, "severity", "error")),
        "section": str(getattr(finding, "section", "")),
        "message": str(getattr(finding, "message", finding)),
    }


def exception_handler(exc, context):
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
