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


class FindingSerializer(serializers.Serializer):
    severity = serializers.ChoiceField(choices=["error", "warning"], help_text=_("Errors stop a submission."))
    section = serializers.CharField(help_text=_("Where in the document, as the document titles it."))
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    """Every error the API gives has this shape.

    `detail` says what went wrong; invalid input adds its messages by field name (each a list of strings;
    `non_field_errors` for rules that span fields).
    """

    detail = serializers.CharField(required=False, help_text=_("What went wrong."))
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


# The workflow's refusals (409) document the same shape under the name they were written with.
ConflictSerializer = ErrorSerializer

ERROR_COMPONENT = "Error"
FIELD_MESSAGES = {"type": "array", "items": {"type": "string"}}


def document_field_errors(result, generator, request, public):
    """Postprocessing hook: the error shape also holds messages by field name (lists of strings)."""
    error = result.get("components", {}).get("schemas", {}).get(ERROR_COMPONENT)
    if error is not None:
        error["additionalProperties"] = FIELD_MESSAGES
    return result


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

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        """As drf-spectacular maps a field; a list whose items may be null says so (drf-spectacular drops it)."""
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        items = schema.get("items") if isinstance(field, serializers.ListField) else None
        if items and getattr(field.child, "allow_null", False) and not items.get("nullable"):
            schema["items"] = {"allOf": [items], "nullable": True} if "$ref" in items else {**items, "nullable": True}
        return schema

    def _error_responses(self):
        """The errors an operation can answer, all in the one shape of `ErrorSerializer`."""
        errors = {
            "400": _("Invalid input or query parameters: `detail`, or messages by field."),
            "401": _("Not authenticated: log in or send `Authorization: Token KEY`."),
            "403": _("The user lacks the model permission for this action."),
        }
        if "{" in self.path or getattr(self.view, "validates_query", False):
            errors["404"] = _("No such object among those the user may see.")
        if self.method in WRITE_METHODS:
            errors["409"] = _("The plan is submitted or approved and locked, or the object is still referred to.")
        if self.versioned_change():
            errors["412"] = _("The object changed since it was read (`If-Match`).")
        errors["429"] = _("Too many requests: wait the seconds that `Retry-After` gives.")
        return {code: OpenApiResponse(ErrorSerializer, description) for code, description in errors.items()}

    def _get_response_bodies(self, direction="response"):
        """The view's own responses, and every error response with the one error body, as JSON only.

        An error the view documents itself keeps its description; its body is the error shape whatever the
        view wrote (errors are never rendered as CSV or PDF: `exceptions.render_errors_as_json`).
        """
        responses = super()._get_response_bodies(direction)
        for code, response in self._error_responses().items():
            error = self._get_response_for_code(response, code, media_types=["application/json"], direction=direction)
            if code in responses:
                error["description"] = responses[code].get("description") or error["description"]
            responses[code] = error
        return responses


class RelatedFieldExtension(OpenApiSerializerFieldExtension):
    """A related object is written as its id and read as its brief representation."""

    target_class = "kasur_police.api.serializers.RelatedField"

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return build_basic_type(OpenApiTypes.INT)
        return auto_schema.resolve_serializer(self.target.brief, direction).ref
