import django_filters
from django.utils.translation import gettext_lazy as _

from kasur_police.api.filtersets import FilterSet
from plans.models import AnnualPlan


def fiscal_year_label(year_start):
    return f"{year_start}-{year_start + 1}"


class PublishedPlanFilterSet(FilterSet):
    """Published plans by province, region and district (slugs) and fiscal year ('2023-2024').

    The choices are what is published, read in one query, so the public form offers no empty choice and
    an unknown value is refused (400 in the API) rather than silently matching nothing.
    """

    province = django_filters.ChoiceFilter(field_name="district__region__province__slug", label=_("Province"))
    region = django_filters.ChoiceFilter(field_name="district__region__slug", label=_("Region"))
    district = django_filters.ChoiceFilter(field_name="district__slug", label=_("District"))
    year = django_filters.ChoiceFilter(method="filter_year", label=_("Fiscal year"))

    class Meta:
        model = AnnualPlan
        fields = ["province", "region", "district", "year"]

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        rows = (
            self.queryset.order_by()
            .values_list(
                "district__region__province__slug",
                "district__region__province__name",
                "district__region__slug",
                "district__region__name",
                "district__slug",
                "district__name",
                "year_start",
            )
            .distinct()
        )
        choices = {"province": set(), "region": set(), "district": set(), "year": set()}
        for province, province_name, region, region_name, district, district_name, year_start in rows:
            choices["province"].add((province, province_name))
            choices["region"].add((region, region_name))
            choices["district"].add((district, district_name))
            choices["year"].add((fiscal_year_label(year_start), fiscal_year_label(year_start)))
        empty = {
            "province": _("All provinces"),
            "region": _("All regions"),
            "district": _("All districts"),
            "year": _("All years"),
        }
        for name, options in choices.items():
            ordered = sorted(options, key=lambda option: option[1], reverse=name == "year")
            self.filters[name].extra.update(choices=ordered, empty_label=empty[name])

    def filter_year(self, queryset, name, value):
        return queryset.filter(year_start=int(value[:4]))
