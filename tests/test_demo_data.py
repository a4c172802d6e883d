"""Synthetic plans: complete, valid, repeatable, and growing with `scale`."""

import pytest
from django.apps import apps

from plans.base import PlanPart, ReferenceItem
from plans.demo import build_demo_district, build_demo_plan
from plans.models import AnnualPlan, District, Province, Region

SECTION_APPS = ("plans", "strength", "logistics", "crime_stats", "initiatives")


def plan_part_models():
    return [
        model
        for label in SECTION_APPS
        for model in apps.get_app_config(label).get_models()
        if issubclass(model, PlanPart)
    ]


def reference_models():
    return [
        model
        for label in SECTION_APPS
        for model in apps.get_app_config(label).get_models()
        if issubclass(model, ReferenceItem)
    ]


def row_counts(plan):
    return {model: model.objects.filter(**{model.plan_path: plan}).count() for model in plan_part_models()}


@pytest.fixture
def region(db):
    province = Province.objects.create(name="Punjab", slug="punjab")
    return Region.objects.create(province=province, name="Demo Region", slug="demo-region")


def test_demo_district_is_labelled_synthetic(region):
    district = build_demo_district(region, 7)

    assert (district.name, district.slug, district.is_synthetic) == ("Demo District 07", "demo-07", True)
    assert build_demo_district(region, 7) == district


def test_demo_district_refuses_a_real_district_of_that_slug(region):
    District.objects.create(region=region, name="Real", slug="demo-03")

    with pytest.raises(ValueError, match="not synthetic"):
        build_demo_district(region, 3)


def test_every_section_of_a_demo_plan_has_rows(region):
    plan = build_demo_plan(build_demo_district(region, 1), 2023, seed=1)

    empty = [model.__name__ for model, count in row_counts(plan).items() if count == 0]
    assert empty == []
    assert plan.status == "draft"
    assert (plan.crime_first_year, plan.crime_last_year) == (2020, 2022)
    lists = {model.__name__: model.objects.filter(district=plan.district).count() for model in reference_models()}
    assert all(lists.values()), lists


def test_scale_multiplies_the_rows(region):
    small = row_counts(build_demo_plan(build_demo_district(region, 1), 2023, seed=1))
    large = row_counts(build_demo_plan(build_demo_district(region, 2), 2023, scale=5, seed=1))

    ratio = sum(large.values()) / sum(small.values())
    assert 4 <= ratio <= 6, ratio
    for model in ("StrengthEntry", "StockItem", "CrimeFigure", "StrategyPoint", "SectionPoint", "Target"):
        model_class = next(m for m in small if m.__name__ == model)
        assert large[model_class] >= 4 * small[model_class], model


def test_demo_rows_pass_model_validation(region):
    plan = build_demo_plan(build_demo_district(region, 1), 2023, scale=2, seed=4)

    plan.full_clean()
    for model in plan_part_models():
        for row in model.objects.filter(**{model.plan_path: plan})[:5]:
            row.full_clean()
    for model in reference_models():
        for row in model.objects.filter(district=plan.district)[:5]:
            row.full_clean()


def test_same_seed_same_plan(region):
    district = build_demo_district(region, 1)

    def snapshot(plan):
        return (
            list(plan.strength_entries.values_list("rank__name", "sanctioned", "present")),
            list(plan.crime_figures.values_list("head__name", "year", "cases")),
            list(plan.stock_statements.values_list("items__equipment_type__name", "items__total_stock")),
            plan.message,
        )

    first = snapshot(build_demo_plan(district, 2023, seed=9))
    AnnualPlan.objects.filter(district=district).delete()
    assert snapshot(build_demo_plan(district, 2023, seed=9)) == first


def test_consecutive_plans_agree_on_shared_crime_years(region):
    district = build_demo_district(region, 1)
    earlier, later = build_demo_plan(district, 2022), build_demo_plan(district, 2023)

    def figures(plan, year):
        return dict(plan.crime_figures.filter(year=year).values_list("head__name", "cases"))

    assert figures(earlier, 2021) == figures(later, 2021)
    assert earlier.strength_entries.count() == later.strength_entries.count()


@pytest.mark.parametrize("scale", [1, 3])
def test_the_consistency_check_finds_nothing_in_a_demo_plan(region, scale):
    consistency = pytest.importorskip("plans.consistency")
    plan = build_demo_plan(build_demo_district(region, 1), 2023, scale=scale, seed=scale)

    assert [(finding.severity, finding.message) for finding in consistency.run_checks(plan)] == []
