"""Base filtersets: every plan row filters by its district, plan and fiscal year without declaring it."""

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from plans.base import district_path
from plans.models import parse_fiscal_year

# Bounds every integer filter, so no value reaches the database that it cannot compare.
MAX_INTEGER = 2**63 - 1


class BoundedIntegerField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_INTEGER)
        super().__init__(*args, **kwargs)


class IntegerFilter(django_filters.NumberFilter):
    """A whole number filter (an id, a year) that refuses decimals and values no column could hold."""

    field_class = BoundedIntegerField


class FiscalYearField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_fiscal_year(value)
        except ValueError as error:
            raise forms.ValidationError(_("Give a fiscal year like 2023-2024.")) from error


@extend_schema_field(OpenApiTypes.STR)
class FiscalYearFilter(django_filters.Filter):
    """`?fiscal_year=2023-2024`: the plan of the fiscal year starting July 2023."""

    field_class = FiscalYearField


class NameFilter(django_filters.CharFilter):
    """A reference list entry by name, as the plan spells it (case does not matter)."""

    def __init__(self, field_name, **kwargs):
        super().__init__(field_name=field_name, lookup_expr="iexact", **kwargs)


def reference_filters(path, id_label, name_label):
    """`<reference>_id` and `<reference>` (its name, as the plan spells it) for a reference list a row points at."""
    return IntegerFilter(field_name=path, label=id_label), NameFilter(f"{path}__name", label=name_label)


INTEGER_FIELDS = (
    models.AutoField,
    models.BigAutoField,
    models.IntegerField,
    models.BigIntegerField,
    models.SmallIntegerField,
    models.PositiveIntegerField,
    models.PositiveBigIntegerField,
    models.PositiveSmallIntegerField,
)


class FilterSet(django_filters.FilterSet):
    """Integer columns filter through `IntegerFilter`, so `?quarter=1e400` is a 400, not a database error.

    A kind of filterset adds the filters its rows share in `added_filters(model)`; a filter the
    filterset declares itself under the same name wins.
    """

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        **{field: {"filter_class": IntegerFilter} for field in INTEGER_FIELDS},
    }

    @classmethod
    def added_filters(cls, model):
        return {}

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        if cls._meta.model is not None:
            for name, added in cls.added_filters(cls._meta.model).items():
                filters.setdefault(name, added)
        return filters


class ScopedFilterSet(FilterSet):
    """Adds `district` (slug) and `district_id`, following the model's path to its district."""

    @classmethod
    def added_filters(cls, model):
        path = district_path(model)
        district = "" if path == "pk" else f"{path}__"
        return {
            **super().added_filters(model),
            "district": django_filters.CharFilter(field_name=f"{district}slug", label=_("District (slug)")),
            "district_id": IntegerFilter(field_name=f"{district}id" if district else "pk", label=_("District (id)")),
        }


class ReferenceFilterSet(ScopedFilterSet):
    """For a district's reference list (ranks, crime heads ...): by district and name."""

    name = NameFilter("name")


class PlanPartFilterSet(ScopedFilterSet):
    """For rows of a plan: by district, plan id, fiscal year (`2023-2024`) or the year it starts."""

    plan_path = None  # when the model's own `plan_path` does not apply

    @classmethod
    def added_filters(cls, model):
        plan = cls.plan_path or model.plan_path
        return {
            **super().added_filters(model),
            "plan_id": IntegerFilter(field_name=plan, label=_("Plan (id)")),
            "year_start": IntegerFilter(field_name=f"{plan}__year_start", label=_("Fiscal year starts (e.g. 2023)")),
            "fiscal_year": FiscalYearFilter(field_name=f"{plan}__year_start", label=_("Fiscal year (e.g. 2023-2024)")),
        }
