"""One JSON shape for every API error, with field-level messages where there are fields."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from plans.base import PlanLocked


def exception_handler(exc, context):
    if isinstance(exc, PlanLocked):
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, (ProtectedError, RestrictedError)):
        referrers = sorted(
            {f"{obj._meta.verbose_name}: {obj}" for obj in list(exc.protected_objects)[:20]}
            if isinstance(exc, ProtectedError)
            else {f"{obj._meta.verbose_name}: {obj}" for obj in list(exc.restricted_objects)[:20]}
        )
        return Response(
            {"detail": "This object is still referred to and cannot be deleted.", "referred_to_by": referrers},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages})
    return drf_exception_handler(exc, context)
