"""The whole plan in one response: every section nested, with the derived values the document prints.

Each section contributes its fields (`plans.registry.ApiField`, in its `sections.py`), fetched either by a
prefetch or from the section's datasets (`plans.registry.SectionData`), always in a fixed number of
queries: the response costs the same number of queries for a plan of any size.
"""

import functools

from plans import registry
from plans.api.serializers import AnnualPlanSerializer


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
