"""Completeness, part by part: each list and text the previous plan had, left empty in this one, is an error
that names the part and the previous plan's count (and so refuses submission)."""

import pytest

from initiatives.models import Objective, Target
from logistics.models import StockItem, StockStatement, VehicleCount
from plans.consistency import run_checks
from plans.demo import build_demo_district, build_demo_plan
from plans.models import (
    AnnualPlan,
    BudgetAllocation,
    DistrictProfile,
    PlaceOfWorship,
    PlanValue,
    Province,
    Region,
    Responsibility,
    SectShare,
    Unit,
)
from strength.models import FieldOrganisation, StrengthEntry


@pytest.fixture
def two_years(db):
    """(2022-2023 plan, 2023-2024 plan) of one district, both consistent."""
    region = Region.objects.create(province=Province.objects.create(name="Punjab", slug="punjab"), name="R", slug="r")
    district = build_demo_district(region, 1)
    return build_demo_plan(district, 2022, seed=1), build_demo_plan(district, 2023, seed=1)


def errors(plan):
    return [(finding.section, finding.message) for finding in run_checks(plan) if finding.severity == "error"]


@pytest.mark.parametrize(
    ("model", "section"),
    [
        (PlanValue, "Main responsibilities"),
        (Responsibility, "Main responsibilities"),
        (Unit, "Organogram"),
        (SectShare, "Vital statistics"),
        (PlaceOfWorship, "Vital statistics"),
        (BudgetAllocation, "Financial resources"),
        (StrengthEntry, "Present strength"),
        (FieldOrganisation, "Present strength"),
        (VehicleCount, "Vehicles"),
        (Objective, "District objectives of policing"),
        (Target, "Targets to be achieved and mechanism"),
    ],
)
def test_a_list_the_previous_plan_had_must_be_entered(two_years, model, section):
    earlier, plan = two_years
    count = model.objects.filter(plan=earlier).count()
    model.objects.filter(plan=plan).delete()

    found = errors(plan)

    message = f"No {model._meta.verbose_name_plural}: the 2022-2023 plan has {count}; enter them for this plan"
    assert any(where.startswith(section) and text == message for where, text in found), found
    model.objects.filter(plan=earlier).delete()
    plural = model._meta.verbose_name_plural
    assert not any(text.startswith(f"No {plural}:") for _where, text in errors(plan)), "neither plan has any: fine"


@pytest.mark.parametrize(
    "field", ["message", "responsibilities_intro", "responsibilities_lead", "closing_text", "signatory_name"]
)
def test_text_the_previous_plan_had_must_not_be_left_blank(two_years, field):
    _earlier, plan = two_years
    AnnualPlan.objects.filter(pk=plan.pk).update(**{field: ""})
    plan.refresh_from_db()

    label = AnnualPlan._meta.get_field(field).verbose_name
    assert f"No {label}: the 2022-2023 plan has one" in [text for _where, text in errors(plan)]


def test_a_stock_statement_without_its_lines_is_an_error(two_years):
    earlier, plan = two_years
    statement = StockStatement.objects.filter(plan=plan).select_related("category").first()
    count = StockItem.objects.filter(statement__plan=earlier, statement__category=statement.category).count()
    statement.items.all().delete()

    assert (
        f"Statement of {statement.category.name}",
        f"No lines: the 2022-2023 plan has {count}; enter this year's stock",
    ) in errors(plan)


@pytest.mark.parametrize("field", ["population", "area_sq_km", "police_stations"])
def test_a_vital_figure_left_at_zero_is_an_error(two_years, field):
    _earlier, plan = two_years
    DistrictProfile.objects.filter(plan=plan).update(**{field: 0})

    label = str(DistrictProfile._meta.get_field(field).verbose_name).capitalize()
    assert f"{label} is 0: enter the district's figure" in [text for _where, text in errors(plan)]
