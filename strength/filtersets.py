from django.utils.translation import gettext_lazy as _

from kasur_police.api.filtersets import IntegerFilter, NameFilter, PlanPartFilterSet, ReferenceFilterSet
from strength.models import FieldOrganisation, Rank, StrengthEntry


class RankFilterSet(ReferenceFilterSet):
    class Meta:
        model = Rank
        fields = ["id", "cadre"]


class StrengthEntryFilterSet(PlanPartFilterSet):
    rank_id = IntegerFilter(field_name="rank", label=_("Rank (id)"))
    rank = NameFilter("rank__name", label=_("Rank (name)"))
    cadre = NameFilter("rank__cadre", label=_("Cadre of the rank"))

    class Meta:
        model = StrengthEntry
        fields = ["id"]


class FieldOrganisationFilterSet(PlanPartFilterSet):
    class Meta:
        model = FieldOrganisation
        fields = ["id"]
