"""Base viewsets: scoped to the user's districts, model permissions, atomic writes, locked plans refused."""

from django.db import transaction
from rest_framework import routers, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from kasur_police.api.locking import ensure_unlocked
from kasur_police.api.schema import AutoSchema
from kasur_police.api.scope import visible
from kasur_police.api.throttles import ThrottleFirstMixin

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


class ReadOnlyModelViewSet(APIViewMixin, viewsets.ReadOnlyModelViewSet):
    """Lists and reads only what the user may see: another district's object is a 404, never listed."""

    ordering_fields = "__all__"

    def get_queryset(self):
        return visible(super().get_queryset(), self.request.user)


class ModelViewSet(ReadOnlyModelViewSet, viewsets.ModelViewSet):
    """Writes run in a transaction; a write to a submitted or approved plan answers 409."""

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
