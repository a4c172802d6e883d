"""OpenAPI description of what every endpoint shares: error responses and related-object fields."""

import inspect

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
CHANGE_METHODS = {"PUT", "PATCH", "DELETE"}
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=_(
        'The object\'s `ETag` (its version, e.g. `"3"`) as last read: the change is refused with 412 when the '
        "object has changed since. Without it the change applies (a PATCH to the fields it sends only)."
    ),
)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("What went wrong."))


class FindingSerializer(serializers.Serializer):
    severity = serializers.ChoiceField(choices=["error", "warning"], help_text=_("Errors stop a submission."))
    section = serializers.CharField(help_text=_("Where in the document, as the document titles it."))
    message = serializers.CharField()


class ConflictSerializer(ErrorSerializer):
    referred_to_by = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text=_("On a refused delete: the objects that still refer to this one."),
    )
    findings = FindingSerializer(
        many=True,
        required=False,
        help_text=_("On a refused submission: the consistency check's errors that stand in the way."),
    )


VALIDATION_ERROR = {
    "type": "object",
    "description": str(_("Messages by field name; `non_field_errors` for rules that span fields.")),
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


def own_doc(obj):
    """The docstring written on `obj` itself; the base classes' explain the plumbing, not the endpoint."""
    doc = obj.__dict__.get("__doc__") if inspect.isclass(obj) else getattr(obj, "__doc__", None)
    return inspect.cleandoc(doc) if doc else ""


class AutoSchema(SpectacularAutoSchema):
    """Adds the error responses every endpoint can give, so a client sees them all in the schema.

    Operations are tagged by app; descriptions come from the view or action itself, never a base class.
    """

    def get_tags(self):
        queryset = getattr(self.view, "queryset", None)
        return [queryset.model._meta.app_label] if queryset is not None else super().get_tags()

    def get_description(self):
        action = getattr(self.view, getattr(self.view, "action", None) or self.method.lower(), None)
        ours = action is not None and not action.__module__.startswith(("rest_framework", "kasur_police.api"))
        return (own_doc(action) if ours else "") or own_doc(self.view.__class__)

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        schema.pop("description", None)
        if own_doc(type(serializer)):
            schema["description"] = own_doc(type(serializer))
        return schema

    def versioned_change(self):
        """A PUT, PATCH or DELETE of one object of a model that carries a version."""
        queryset = getattr(self.view, "queryset", None)
        has_version = queryset is not None and any(f.name == "version" for f in queryset.model._meta.fields)
        return self.method in CHANGE_METHODS and "{" in self.path and has_version

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        return [*parameters, IF_MATCH] if self.versioned_change() else parameters

    def _error_responses(self):
        has_filters = (
            self.method == "GET"
            and getattr(self.view, "filterset_class", None) is not None
            and bool(getattr(self.view, "filter_backends", None))
        )
        errors = {
            "401": OpenApiResponse(ErrorSerializer, _("Not authenticated: log in or send `Authorization: Token KEY`.")),
            "403": OpenApiResponse(ErrorSerializer, _("The user lacks the model permission for this action.")),
        }
        if self.method in WRITE_METHODS - {"DELETE"} or has_filters or getattr(self.view, "validates_query", False):
            errors["400"] = OpenApiResponse(VALIDATION_ERROR, _("Invalid input, with messages by field."))
        if "{" in self.path:
            errors["404"] = OpenApiResponse(ErrorSerializer, _("No such object among those the user may see."))
        if self.method in WRITE_METHODS:
            errors["409"] = OpenApiResponse(
                ConflictSerializer,
                _("The plan is submitted or approved and locked, or the object is still referred to."),
            )
        if self.versioned_change():
            errors["412"] = OpenApiResponse(
                ErrorSerializer, _("If-Match names a version of the object that someone has changed since.")
            )
        return errors

    def _error_media_types(self):
        """Errors are JSON even where the success is a file (`APIViewMixin.finalize_response`)."""
        media_types = [
            renderer.media_type
            for renderer in self.view.get_renderers()
            if getattr(renderer, "render_style", "text") != "binary" and renderer.format != "api"
        ]
        return media_types or ["application/json"]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, response in self._error_responses().items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    response, code, media_types=self._error_media_types(), direction=direction
                )
        return responses


class RelatedFieldExtension(OpenApiSerializerFieldExtension):
    """A related object is written as its id and read as its brief representation."""

    target_class = "kasur_police.api.serializers.RelatedField"

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return build_basic_type(OpenApiTypes.INT)
        return auto_schema.resolve_serializer(self.target.brief, direction).ref
