from kasur_police.api.views import ModelViewSet
from strength import filtersets
from strength.api import serializers
from strength.models import FieldOrganisation, Rank, StrengthEntry


class RankViewSet(ModelViewSet):
    queryset = Rank.objects.select_related("district")
    serializer_class = serializers.RankSerializer
    filterset_class = filtersets.RankFilterSet
    search_fields = ["name"]


class StrengthEntryViewSet(ModelViewSet):
    queryset = StrengthEntry.objects.select_related("plan__district", "rank")
    serializer_class = serializers.StrengthEntrySerializer
    filterset_class = filtersets.StrengthEntryFilterSet
    search_fields = ["rank__name"]


class FieldOrganisationViewSet(ModelViewSet):
    queryset = FieldOrganisation.objects.select_related("plan__district")
    serializer_class = serializers.FieldOrganisationSerializer
    filterset_class = filtersets.FieldOrganisationFilterSet
