"""Which districts a user may see: the one rule behind the admin, the API, the portal and exports."""

from plans.models import District


def visible_district_ids(user):
    """District ids the user may see, or None for all of them (superusers)."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return None
    membership = getattr(user, "membership", None)
    if membership is None:
        return []
    if membership.district_id:
        return [membership.district_id]
    if membership.region_id:
        return list(District.objects.filter(region_id=membership.region_id).values_list("pk", flat=True))
    return list(District.objects.filter(region__province_id=membership.province_id).values_list("pk", flat=True))
