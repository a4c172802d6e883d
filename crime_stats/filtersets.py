from django.utils.translation import gettext_lazy as _
from django_filters.filterset import filterset_factory

from crime_stats import models
from kasur_police.api.filtersets import (
    IntegerFilter,
    PlanPartFilterSet,
    ReferenceFilterSet,
    reference_filters,
)

CrimeHeadFilterSet = filterset_factory(models.CrimeHead, ReferenceFilterSet, ["id"])


class YearRangeFilterSet(PlanPartFilterSet):
    """Rows of a calendar year (`year`) or a range of years (`year_min`, `year_max`)."""

    year_path = "year"

    @classmethod
    def added_filters(cls, model):
        return {
            **super().added_filters(model),
            "year": IntegerFilter(field_name=cls.year_path, label=_("Calendar year")),
            "year_min": IntegerFilter(field_name=cls.year_path, lookup_expr="gte", label=_("From year")),
            "year_max": IntegerFilter(field_name=cls.year_path, lookup_expr="lte", label=_("To year")),
        }


class CrimeFigureFilterSet(YearRangeFilterSet):
    head_id, head = reference_filters("head", _("Crime head (id)"), _("Crime head (name)"))

    class Meta:
        model = models.CrimeFigure
        fields = ["id"]


OperationalResultFilterSet = filterset_factory(models.OperationalResult, YearRangeFilterSet, ["id"])


SubstanceFilterSet = filterset_factory(models.Substance, ReferenceFilterSet, ["id", "unit"])


class RecoveryFilterSet(YearRangeFilterSet):
    """Rows of a year's operational results (`result_id`), filtered by the results' year."""

    year_path = "result__year"
    result_id = IntegerFilter(field_name="result", label=_("Operational results (id)"))


class NarcoticsRecoveryFilterSet(RecoveryFilterSet):
    substance_id, substance = reference_filters("substance", _("Substance (id)"), _("Substance (name)"))

    class Meta:
        model = models.NarcoticsRecovery
        fields = ["id"]


IllicitArmTypeFilterSet = filterset_factory(models.IllicitArmType, ReferenceFilterSet, ["id"])


class IllicitArmsRecoveryFilterSet(RecoveryFilterSet):
    arm_type_id, arm_type = reference_filters("arm_type", _("Arm type (id)"), _("Arm type (name)"))

    class Meta:
        model = models.IllicitArmsRecovery
        fields = ["id"]
