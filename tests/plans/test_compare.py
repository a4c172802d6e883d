"""Comparisons: a link naming one year, and years no plan reports."""

import pytest
from django.urls import reverse

from crime_stats.figures import plan_crime_table
from crime_stats.models import CrimeFigure
from plans.demo import build_demo_district
from plans.models import Province, Region
from tests.api.factories import DemoPlanFactory


@pytest.fixture
def district(db):
    region = Region.objects.create(province=Province.objects.create(name="Punjab", slug="punjab"), name="N", slug="n")
    district = build_demo_district(region, 1)
    for year in (2021, 2022, 2023):
        DemoPlanFactory(district=district, year_start=year, seed=year)
    return district


def test_a_link_naming_one_year_compares_it_with_the_year_before(admin_client, district):
    response = admin_client.get(reverse("plans:compare-plans", args=[district.slug]), {"b": "2022"})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.is_valid(), form.errors
    assert sorted([form.cleaned_data["a"], form.cleaned_data["b"]]) == [2021, 2022]
    assert "This field is required" not in response.content.decode()


def test_the_earliest_year_is_compared_with_the_next(admin_client, district):
    response = admin_client.get(reverse("plans:compare-plans", args=[district.slug]), {"b": "2021"})

    form = response.context["form"]
    assert sorted([form.cleaned_data["a"], form.cleaned_data["b"]]) == [2021, 2022]


def test_a_year_without_any_figure_has_no_crime_total(district):
    plan = district.plans.get(year_start=2023)
    CrimeFigure.objects.filter(plan=plan, year=plan.crime_first_year).delete()

    total = plan_crime_table(plan).total

    assert total.cases[0] is None
    assert all(cases is not None for cases in total.cases[1:])
