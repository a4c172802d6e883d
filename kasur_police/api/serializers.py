"""Base serializers: brief nested reads, primary-key writes scoped to the user, and the admin's validation.

Every model serializer derives from `ValidatedModelSerializer` and lists its fields; related objects need
no declaration: a foreign key is written as a primary key of an object the user may see and read back as
the related model's brief representation (registered with `brief_serializer`).
"""

from urllib.parse import quote

from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from kasur_police.api.locking import ensure_unlocked
from kasur_police.api.scope import visible

BRIEF_SERIALIZERS = {}


class RelatedField(serializers.PrimaryKeyRelatedField):
    """Written as a primary key among the objects the user may see; read as the object's brief form."""

    default_error_messages = {"does_not_exist": _("No object with id {pk_value} that you may use.")}

    def __init__(self, brief=None, **kwargs):
        self.brief = brief
        self.brief_serializer = None
        super().__init__(**kwargs)

    def use_pk_only_optimization(self):
        return False

    def get_queryset(self):
        request = self.context.get("request")
        queryset = super().get_queryset()
        return visible(queryset, request.user) if request is not None else queryset.none()

    def to_representation(self, value):
        # One brief serializer per field, its fields built once: in a list the field is shared by every row,
        # and building a serializer's fields costs far more than using them.
        if self.brief_serializer is None:
            self.brief_serializer = self.brief(context=self.context)
        return self.brief_serializer.to_representation(value)

    def get_choices(self, cutoff=None):
        """For the browsable API's forms: choices keyed by primary key, as a write takes them."""
        queryset = self.get_queryset()
        if cutoff is not None:
            queryset = queryset[:cutoff]
        return {item.pk: self.display_value(item) for item in queryset}


class URLField(serializers.HyperlinkedIdentityField):
    """The object's API address, reversed once per field and filled in with each object's primary key.

    Reversing a URL for every row of a 1,000-row list cost more than all the rest of its serialisation.
    """

    placeholder = "0pk0"

    def __init__(self, **kwargs):
        self.url_templates = {}
        super().__init__(**kwargs)

    def get_url(self, obj, view_name, request, format):
        if obj.pk in (None, ""):
            return None
        key = (view_name, format)
        if key not in self.url_templates:
            kwargs = {self.lookup_url_kwarg: self.placeholder}
            self.url_templates[key] = self.reverse(view_name, kwargs=kwargs, request=request, format=format)
        lookup_value = quote(str(getattr(obj, self.lookup_field)), safe="")
        return self.url_templates[key].replace(self.placeholder, lookup_value, 1)


class DisplayField(serializers.CharField):
    """The object's name as the plan prints it: `str(obj)` called directly (DRF would inspect `__str__`'s
    signature for every row of a list before calling it)."""

    def __init__(self, **kwargs):
        super().__init__(source="__str__", read_only=True, **kwargs)

    def get_attribute(self, instance):
        return str(instance)


class BaseModelSerializer(serializers.ModelSerializer):
    """Adds `url` (the object's API address) and `display` (its name as the plan prints it)."""

    serializer_related_field = RelatedField
    serializer_url_field = URLField
    display = DisplayField()

    def build_url_field(self, field_name, model_class):
        return self.serializer_url_field, {"view_name": f"api:{model_class._meta.model_name}-detail"}

    def build_relational_field(self, field_name, relation_info):
        field_class, field_kwargs = super().build_relational_field(field_name, relation_info)
        brief = BRIEF_SERIALIZERS.get(relation_info.related_model)
        if brief is None:
            raise ImproperlyConfigured(f"No brief serializer for {relation_info.related_model.__name__}.")
        return field_class, {**field_kwargs, "brief": brief}


def brief_serializer(model, fields, url=True, **declared):
    """Make and register the brief representation of `model`: id, url, display and the given fields."""
    meta = type("Meta", (), {"model": model, "fields": ["id", *(["url"] if url else []), "display", *fields]})
    serializer = type(f"Brief{model.__name__}Serializer", (BaseModelSerializer,), {"Meta": meta, **declared})
    BRIEF_SERIALIZERS[model] = serializer
    return serializer


def field_errors(error):
    """A Django ValidationError as DRF's {field: [messages]}, with model-wide errors as non-field errors."""
    if not hasattr(error, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    return {
        api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field: messages
        for field, messages in error.message_dict.items()
    }


class ValidatedModelSerializer(BaseModelSerializer):
    """Validates a write exactly as the admin does: the instance is built and its `full_clean()` runs.

    Uniqueness is left to `full_clean` too, so the answer carries the model's own constraint messages.
    A write to a locked plan's data answers 409 (raised before validation, which would make it a 400).
    Every versioned row shows its `version` (also its ETag); a partial update saves only the fields sent,
    so two clients changing different fields of one row both keep their change.
    """

    def get_field_names(self, declared_fields, info):
        names = super().get_field_names(declared_fields, info)
        if "version" in info.fields and "version" not in names:
            names = [*names, "version"]
        return names

    def get_validators(self):
        return []

    def update(self, instance, validated_data):
        if not self.partial:
            return super().update(instance, validated_data)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        instance.save(update_fields=list(validated_data))
        return instance

    def validate(self, attrs):
        if self.instance is not None:
            ensure_unlocked(self.instance)
        instance = self.instance if self.instance is not None else self.Meta.model()
        for name, value in attrs.items():
            setattr(instance, name, value)
        ensure_unlocked(instance)
        try:
            instance.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(field_errors(error)) from error
        return attrs


def model_serializer(model, fields):
    """The API's serializer of `model`: id, url, display and the given fields, validated as the admin does.

    For a resource with nothing of its own to declare; the counterpart of `brief_serializer`.
    """
    meta = type("Meta", (), {"model": model, "fields": ["id", "url", "display", *fields]})
    return type(f"{model.__name__}Serializer", (ValidatedModelSerializer,), {"Meta": meta})


_nested = {}


def without(serializer_class, *omitted):
    """`serializer_class` less some fields: rows nested in their plan do not repeat the plan."""
    key = (serializer_class, omitted)
    if key not in _nested:
        fields = [name for name in serializer_class.Meta.fields if name not in omitted]
        meta = type("Meta", (serializer_class.Meta,), {"fields": fields})
        name = serializer_class.__name__.removesuffix("Serializer")
        _nested[key] = type(f"{name}RowSerializer", (serializer_class,), {"Meta": meta})
    return _nested[key]


@extend_schema_field(OpenApiTypes.NUMBER)
class FigureField(serializers.Field):
    """A computed figure as a JSON number: whole numbers as integers."""

    def to_representation(self, value):
        return int(value) if value == int(value) else float(value)
