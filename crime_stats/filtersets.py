from django.utils.translation import gettext_lazy as _

from crime_stats.models import (
    CrimeFigure,
    CrimeHead,
    IllicitArmsRecovery,
    IllicitArmType,
    NarcoticsRecovery,
    OperationalResult,
    Substance,
)
from kasur_police.api.filtersets import IntegerFilter, NameFilter, PlanPartFilterSet, ReferenceFilterSet


class CrimeHeadFilterSet(ReferenceFilterSet):
    class Meta:
        model = CrimeHead
        fields = ["id"]


class YearRangeFilterSet(PlanPartFilterSet):
    """Rows of a calendar year (`year`) or a range of years (`year_min`, `year_max`)."""

    year_path = "year"

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        if cls._meta.model is not None:
            filters["year"] = IntegerFilter(field_name=cls.year_path, label=_("Calendar year"))
            filters["year_min"] = IntegerFilter(field_name=cls.year_path, lookup_expr="gte", label=_("From year"))
            filters["year_max"] = IntegerFilter(field_name=cls.year_path, lookup_expr="lte", label=_("To year"))
        return filters


class CrimeFigureFilterSet(YearRangeFilterSet):
    head_id = IntegerFilter(field_name="head", label=_("Crime head (id)"))
    head = NameFilter("head__name", label=_("Crime head (name)"))

    class Meta:
        model = CrimeFigure
        fields = ["id"]


class OperationalResultFilterSet(YearRangeFilterSet):
    class Meta:
        model = OperationalResult
        fields = ["id"]


class SubstanceFilterSet(ReferenceFilterSet):
    class Meta:
        model = Substance
        fields = ["id", "unit"]


class NarcoticsRecoveryFilterSet(YearRangeFilterSet):
    year_path = "result__year"
    result_id = IntegerFilter(field_name="result", label=_("Operational results (id)"))
    substance_id = IntegerFilter(field_name="substance", label=_("Substance (id)"))
    substance = NameFilter("substance__name", label=_("Substance (name)"))

    class Meta:
        model = NarcoticsRecovery
        fields = ["id"]


class IllicitArmTypeFilterSet(ReferenceFilterSet):
    class Meta:
        model = IllicitArmType
        fields = ["id"]


class IllicitArmsRecoveryFilterSet(YearRangeFilterSet):
    year_path = "result__year"
    result_id = IntegerFilter(field_name="result", label=_("Operational results (id)"))
    arm_type_id = IntegerFilter(field_name="arm_type", label=_("Arm type (id)"))
    arm_type = NameFilter("arm_type__name", label=_("Arm type (name)"))

    class Meta:
        model = IllicitArmsRecovery
        fields = ["id"]
