"""Base viewsets: scoped to the user's districts, model permissions, atomic writes, locked plans refused,
versions as ETags and If-Match honoured."""

from django.db import models, transaction
from knox.auth import TokenAuthentication
from rest_framework import routers, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from kasur_police.api.locking import PreconditionFailed, ensure_unlocked, etag, lock_for_change
from kasur_police.api.schema import AutoSchema
from kasur_police.api.scope import visible
from kasur_police.api.throttles import ThrottleFirstMixin
from plans.base import StaleVersion
from plans.models import AnnualPlan

# Token first: its WWW-Authenticate header is what makes an anonymous request a 401 rather than a 403.
AUTHENTICATION_CLASSES = [TokenAuthentication, SessionAuthentication]


class APIViewMixin(ThrottleFirstMixin):
    authentication_classes = AUTHENTICATION_CLASSES
    schema = AutoSchema()

    def finalize_response(self, request, response, *args, **kwargs):
        """An error is JSON even when the client asked for a file (`Accept: application/pdf`)."""
        renderer = getattr(request, "accepted_renderer", None)
        if isinstance(response, Response) and response.exception and getattr(renderer, "render_style", "") == "binary":
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


def plan_paths(model, joined, prefix=""):
    """The select_related paths of `joined` (a query's nested dict) that lead to an AnnualPlan."""
    for name, deeper in joined.items():
        related = model._meta.get_field(name).related_model
        path = f"{prefix}{name}"
        if related is AnnualPlan:
            yield path
        if isinstance(deeper, dict):
            yield from plan_paths(related, deeper, f"{path}__")


def without_plan_texts(queryset):
    """A list's rows show their plan in brief: the plan's long texts (message, closing, ...) are not read.

    Sorting a country's rows with each plan's texts joined on spilled the sort to disk.
    """
    joined = queryset.query.select_related
    if not isinstance(joined, dict):
        return queryset
    texts = [field.name for field in AnnualPlan._meta.concrete_fields if isinstance(field, models.TextField)]
    deferred = [f"{path}__{name}" for path in plan_paths(queryset.model, joined) for name in texts]
    return queryset.defer(*deferred) if deferred else queryset


class ReadOnlyModelViewSet(APIViewMixin, viewsets.ReadOnlyModelViewSet):
    """Lists and reads only what the user may see: another district's object is a 404, never listed.

    One object comes with its version as its `ETag`.
    """

    ordering_fields = "__all__"

    def get_queryset(self):
        queryset = visible(super().get_queryset(), self.request.user)
        return without_plan_texts(queryset) if self.action == "list" else queryset

    def finalize_response(self, request, response, *args, **kwargs):
        data = getattr(response, "data", None)
        if self.detail and response.status_code < 300 and isinstance(data, dict) and "version" in data:
            response["ETag"] = etag(data["version"])
        return super().finalize_response(request, response, *args, **kwargs)


class ModelViewSet(ReadOnlyModelViewSet, viewsets.ModelViewSet):
    """Writes run in a transaction under the plan's lock; a write to a submitted or approved plan answers 409,
    one whose `If-Match` names a version that has moved on 412. PATCH saves only the fields it sends."""

    def get_object(self):
        instance = super().get_object()
        if self.request.method in ("PUT", "PATCH", "DELETE"):
            lock_for_change(self.request, instance)
        return instance

    def handle_exception(self, exc):
        """A stale version found by the save itself (`StaleVersion`) is a 412 like a stale `If-Match`."""
        if isinstance(exc, StaleVersion | PreconditionFailed):
            current = getattr(exc, "current", None)
            detail = " ".join(exc.messages) if isinstance(exc, StaleVersion) else str(exc.detail)
            headers = {"ETag": etag(current.version)} if current is not None else {}
            return Response({"detail": detail}, status=status.HTTP_412_PRECONDITION_FAILED, headers=headers)
        return super().handle_exception(exc)

    @transaction.atomic
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @transaction.atomic
    def update(self, request, *args, **kwargs):
        return super().update(request, *args, **kwargs)

    @transaction.atomic
    def destroy(self, request, *args, **kwargs):
        return super().destroy(request, *args, **kwargs)

    def perform_destroy(self, instance):
        ensure_unlocked(instance)
        instance.delete()


class APIRootView(APIViewMixin, routers.APIRootView):
    """The annual policing plans as data: every resource of the plan, scoped to your districts."""

    schema = None  # a list of links, not part of the API's contract
