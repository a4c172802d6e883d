from django.utils.translation import gettext_lazy as _
from django_filters.filterset import filterset_factory

from kasur_police.api.filtersets import (
    NameFilter,
    PlanPartFilterSet,
    ReferenceFilterSet,
    reference_filters,
)
from strength.models import FieldOrganisation, Rank, StrengthEntry

RankFilterSet = filterset_factory(Rank, ReferenceFilterSet, ["id", "cadre"])


class StrengthEntryFilterSet(PlanPartFilterSet):
    rank_id, rank = reference_filters("rank", _("Rank (id)"), _("Rank (name)"))
    cadre = NameFilter("rank__cadre", label=_("Cadre of the rank"))

    class Meta:
        model = StrengthEntry
        fields = ["id"]


FieldOrganisationFilterSet = filterset_factory(FieldOrganisation, PlanPartFilterSet, ["id"])
