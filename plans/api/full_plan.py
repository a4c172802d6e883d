"""The whole plan in one response: every section nested, with the derived values the document prints.

Each section contributes its fields (`plans.registry.ApiField`, in its `sections.py`), fetched either by a
prefetch or from the section's datasets (`plans.registry.SectionData`), always in a fixed number of
queries: the response costs the same number of queries for a plan of any size.

The serialized plan is cached like the plan page's document: the key carries the plan's and its district's
data versions (`plans.pdf.pdf_cache_key`, renewed by every save, delete or bulk write of their rows), the
plan's status, the response language and the server's address (the response holds absolute URLs). Nothing
in it depends on who asks: the view checks scope and permissions before it reads the cache.
"""

import functools
import json

from django.core.cache import cache
from django.utils.translation import get_language
from rest_framework.utils.encoders import JSONEncoder

from plans import registry
from plans.api.serializers import AnnualPlanSerializer
from plans.models import AnnualPlan
from plans.pdf import CACHE_SECONDS, pdf_cache_key


def permissions():
    """Every view permission the full plan needs: one for each model whose rows it shows."""
    labels = dict.fromkeys(label for item in registry.api_fields() for label in item.models)
    return [f"{app}.view_{model}" for app, model in (label.split(".") for label in labels)]


def full_plan_queryset(queryset):
    prefetch = [lookup for item in registry.api_fields() for lookup in item.prefetch]
    return queryset.select_related("district", "profile").prefetch_related(*prefetch)


@functools.cache
def full_plan_serializer():
    """The serializer of the whole plan, its fields in the order the sections give them."""
    fields = registry.api_fields()

    class Meta(AnnualPlanSerializer.Meta):
        fields = [*AnnualPlanSerializer.Meta.fields, *(item.name for item in registry.api_fields())]

    def to_representation(self, plan):
        plan.sections = registry.SectionData(plan)
        return super(serializer, self).to_representation(plan)

    serializer = type(
        "FullPlanSerializer",
        (AnnualPlanSerializer,),
        {
            "__module__": __name__,
            "__doc__": "The whole plan, every section nested in document order, with its derived values.",
            "Meta": Meta,
            "to_representation": to_representation,
            **{item.name: item.make() for item in fields},
        },
    )
    return serializer


def cache_key(plan, request):
    return f"full-plan:{pdf_cache_key(plan, language=get_language())}:{request.build_absolute_uri('/')}"


def full_plan_data(plan, request, serialize):
    """The whole plan's data, from the cache while its data are unchanged; else `serialize` of the plan as
    loaded with every section's prefetch, kept as the JSON values it renders to (lazy figures and
    translations resolved, so the cache can store it)."""

    def serialized():
        data = serialize(full_plan_queryset(AnnualPlan.objects.filter(pk=plan.pk)).get())
        return json.loads(json.dumps(data, cls=JSONEncoder))

    return cache.get_or_set(cache_key(plan, request), serialized, CACHE_SECONDS)
