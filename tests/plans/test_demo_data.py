"""Synthetic plans: complete, valid, repeatable, and growing with `scale`."""

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from initiatives.models import TargetProgress
from plans.base import PlanPart, ReferenceItem
from plans.consistency import run_checks
from plans.demo import build_demo_district, build_demo_plan
from plans.models import AnnualPlan, District, PlanStatus, Province, Region

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
    plan = build_demo_plan(build_demo_district(region, 1), 2023, scale=scale, seed=scale)

    assert [(finding.severity, finding.message) for finding in run_checks(plan)] == []


@pytest.fixture
def kasur(region):
    """A real district with its current plan, as the Kasur fixture has it."""
    district = District.objects.create(region=region, name="Kasur", slug="kasur")
    AnnualPlan.objects.create(district=district, year_start=2023, crime_first_year=2020, crime_last_year=2022)
    return district


def test_generate_demo_data_builds_synthetic_districts_with_consecutive_plans(kasur, capsys):
    call_command("generate_demo_data", districts=3, years=2, seed=1)

    demo = District.objects.filter(is_synthetic=True).order_by("slug")
    assert [d.slug for d in demo] == ["demo-01", "demo-02", "demo-03"]
    assert {(d.region.name, d.region.province) for d in demo} == {("Demo Region", kasur.region.province)}
    for district in demo:
        assert list(district.plans.order_by("year_start").values_list("year_start", flat=True)) == [2022, 2023]
    for plan in AnnualPlan.objects.filter(district__is_synthetic=True):
        assert all(count > 0 for count in row_counts(plan).values())
        if plan.year_start == 2022:
            assert plan.status == PlanStatus.APPROVED
            assert TargetProgress.objects.filter(target__plan=plan).count() == 4 * plan.targets.count()
    assert list(kasur.plans.values_list("year_start", "status")) == [(2023, "draft")]
    assert "6 plans created" in capsys.readouterr().out


def test_generate_demo_data_varies_the_latest_status_mostly_draft(region):
    call_command("generate_demo_data", districts=12, years=1, last_year="2023-2024", seed=2, verbosity=0)

    statuses = list(AnnualPlan.objects.values_list("status", flat=True))
    assert set(statuses) == {"draft", "submitted", "approved"}
    assert statuses.count("draft") > len(statuses) / 3
    approved = AnnualPlan.objects.filter(status="approved")
    assert all(TargetProgress.objects.filter(target__plan=plan, quarter=1).exists() for plan in approved)


def test_generate_demo_data_adds_only_what_is_missing(region, capsys):
    call_command("generate_demo_data", districts=2, years=1, last_year="2023-2024", verbosity=0)
    call_command("generate_demo_data", districts=3, years=2, last_year="2023-2024")

    assert "4 plans created, 2 already there" in capsys.readouterr().out
    assert AnnualPlan.objects.count() == 6


def test_generate_demo_data_in_a_named_region(region):
    other = Region.objects.create(province=region.province, name="Lahore", slug="lahore")

    call_command("generate_demo_data", districts=1, years=1, region="lahore", last_year="2020-2021", verbosity=0)

    plan = AnnualPlan.objects.get()
    assert (plan.district.region, plan.year_start) == (other, 2020)


def test_generate_demo_data_on_an_empty_database_makes_its_own_province(db):
    call_command("generate_demo_data", districts=1, years=1, verbosity=0)

    assert District.objects.get().region.province.name == "Demo Province"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"region": "nowhere"}, "No region with slug 'nowhere'"),
        ({"province": "sindh"}, "No province with slug 'sindh'"),
        ({"districts": 0}, "must be 1 or more"),
        ({"last_year": "2023"}, "not a fiscal year"),
    ],
)
def test_generate_demo_data_refuses_bad_options(region, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate_demo_data", verbosity=0, **options)
    assert not AnnualPlan.objects.exists()


def test_generate_demo_data_asks_which_province_when_there_are_several(region):
    Province.objects.create(name="Sindh", slug="sindh")

    with pytest.raises(CommandError, match="several provinces"):
        call_command("generate_demo_data", districts=1, years=1, verbosity=0)
    call_command("generate_demo_data", districts=1, years=1, province="sindh", verbosity=0)
    region = District.objects.get(is_synthetic=True).region
    assert (region.name, region.slug, region.province.slug) == ("Demo Region", "demo-sindh", "sindh")
