"""District scoping for querysets the API reads and the objects a write may point at."""

from plans.scope import visible_district_ids

# Models above the district: the lookup from them down to their districts.
DISTRICTS_BELOW = {
    "plans.region": "districts",
    "plans.province": "regions__districts",
}


def visible(queryset, user):
    """The part of `queryset` the user may see: their districts' rows, and the regions and provinces above them."""
    if hasattr(queryset, "visible_to"):
        return queryset.visible_to(user)
    lookup = DISTRICTS_BELOW.get(queryset.model._meta.label_lower)
    if lookup is None:
        return queryset if user.is_superuser else queryset.none()
    district_ids = visible_district_ids(user)
    if district_ids is None:
        return queryset
    return queryset.filter(pk__in=queryset.model.objects.filter(**{f"{lookup}__in": district_ids}).values("pk"))
