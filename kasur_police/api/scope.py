"""District scoping for querysets the API reads and the objects a write may point at: `visible_to`, the rule
every model of the plan has (regions and provinces too), the same one the admin and the portal use."""


def visible(queryset, user):
    """The part of `queryset` the user may see; of a model without `visible_to`, nothing unless a superuser."""
    if hasattr(queryset, "visible_to"):
        return queryset.visible_to(user)
    return queryset if user.is_superuser else queryset.none()
