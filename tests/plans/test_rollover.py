"""Starting next year's plan: what is carried forward, what is left to enter, and who may start it."""

import types

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db.models import F

from crime_stats.models import CrimeFigure, NarcoticsRecovery, OperationalResult
from initiatives.models import SectionPoint, StrategyPoint, Target, TargetProgress
from plans.demo import build_demo_district
from plans.models import AnnualPlan, PlanStatus, PrintedFigure, Province, Region, Unit, WorkflowEvent
from plans.rollover import carried_models, start_next_year
from plans.workflow import WorkflowError
from strength.models import StrengthEntry
from tests.api.factories import DemoPlanFactory, role_user
from tests.plans.test_demo_data import plan_part_models, row_counts

NOT_COPIED = {"OperationalResult", "NarcoticsRecovery", "IllicitArmsRecovery", "PrintedFigure"}


def expected_copies(model, before, old_plan):
    """Rows next year's plan should have of `model`: no measurements of the year, the crime years still covered."""
    if model.__name__ in NOT_COPIED:
        return 0
    if model is CrimeFigure:
        return CrimeFigure.objects.filter(plan=old_plan, year__gt=old_plan.crime_first_year).count()
    return before[model]


@pytest.fixture
def world(db):
    punjab = Province.objects.create(name="Punjab", slug="punjab")
    north = Region.objects.create(province=punjab, name="North", slug="north")
    a, b = build_demo_district(north, 1), build_demo_district(north, 2)
    plan = DemoPlanFactory(district=a, year_start=2023, seed=5)
    users = {}
    for name, role, district, region in [
        ("clerk_a", "clerk", a, None),
        ("dpo_a", "dpo", a, None),
        ("clerk_b", "clerk", b, None),
        ("reviewer", "reviewer", None, north),
    ]:
        users[name] = role_user(name, role, district=district, region=region)
    users["admin"] = get_user_model().objects.create_superuser("admin")
    users["anonymous"] = AnonymousUser()
    target = plan.targets.first()
    TargetProgress.objects.create(target=target, quarter=1, status="on_track", note="Half done")
    WorkflowEvent.objects.create(
        plan=plan, action="submit", from_status="draft", to_status="submitted", actor=users["dpo_a"]
    )
    AnnualPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.APPROVED)
    plan.refresh_from_db()
    return types.SimpleNamespace(plan=plan, users=users, district=a)


def unit_paths(plan):
    """Every unit as the chain of commanders and names from the top: the tree's shape, whatever the pks."""
    units = {unit.pk: unit for unit in Unit.objects.filter(plan=plan)}

    def path(unit):
        return (path(units[unit.parent_id]) if unit.parent_id else ()) + ((unit.kind, unit.commander, unit.name),)

    return sorted(path(unit) for unit in units.values())


def point_paths(plan):
    points = {point.pk: point for point in SectionPoint.objects.filter(section__plan=plan).select_related("section")}

    def path(point):
        parent = path(points[point.parent_id]) if point.parent_id else (point.section.title,)
        return (*parent, point.position, point.title, point.text)

    return sorted(path(point) for point in points.values())


def test_next_year_starts_as_a_draft_with_the_crime_window_moved_on(world):
    new = start_next_year(world.plan, world.users["clerk_a"])

    assert (new.district, new.year_start, new.status) == (world.district, 2024, PlanStatus.DRAFT)
    assert (new.crime_first_year, new.crime_last_year) == (2021, 2023)
    assert (new.message, new.signatory_name) == (world.plan.message, world.plan.signatory_name)
    assert (new.approved_pdf.name, new.approved_pdf_sha256) == ("", "")
    new.full_clean()


def test_every_section_is_copied_except_the_years_figures(world):
    before = row_counts(world.plan)

    new = start_next_year(world.plan, world.users["dpo_a"])

    after = row_counts(new)
    for model in plan_part_models():
        assert after[model] == expected_copies(model, before, world.plan), model.__name__
    assert {model.__name__ for model in plan_part_models()} - {m.__name__ for m in carried_models()} == NOT_COPIED
    assert row_counts(world.plan) == before


def test_figures_and_progress_of_the_old_year_stay_behind(world):
    new = start_next_year(world.plan, world.users["dpo_a"])

    assert set(CrimeFigure.objects.filter(plan=new).values_list("year", flat=True)) == {2021, 2022}
    assert list(
        CrimeFigure.objects.filter(plan=new).order_by("head__position", "year").values_list("head", "cases")
    ) == list(
        CrimeFigure.objects.filter(plan=world.plan, year__gte=2021)
        .order_by("head__position", "year")
        .values_list("head", "cases")
    )
    assert not OperationalResult.objects.filter(plan=new).exists()
    assert not NarcoticsRecovery.objects.filter(result__plan=new).exists()
    assert not PrintedFigure.objects.filter(plan=new).exists()
    assert not TargetProgress.objects.filter(target__plan=new).exists()
    assert not WorkflowEvent.objects.filter(plan=new).exists()
    assert TargetProgress.objects.filter(target__plan=world.plan).count() == 1
    assert list(Target.objects.filter(plan=new).values_list("category", "present_status", "mechanism")) == list(
        Target.objects.filter(plan=world.plan).values_list("category", "present_status", "mechanism")
    )


def test_trees_and_links_are_remapped_into_the_new_plan(world):
    new = start_next_year(world.plan, world.users["dpo_a"])

    assert unit_paths(new) == unit_paths(world.plan)
    assert not Unit.objects.filter(plan=new, parent__plan=world.plan).exists()
    assert point_paths(new) == point_paths(world.plan)
    assert SectionPoint.objects.filter(section__plan=new, parent__isnull=False).exists()
    assert not SectionPoint.objects.filter(section__plan=new, parent__section__plan=world.plan).exists()
    headed = StrategyPoint.objects.filter(objective__plan=new, heading__isnull=False)
    assert headed.exists()
    assert not headed.exclude(heading__objective__plan=new).exists()
    assert not headed.exclude(heading__objective=F("objective")).exists()
    assert list(
        new.stock_statements.values_list("category__name", "items__equipment_type__name", "items__total_stock")
    ) == list(
        world.plan.stock_statements.values_list("category__name", "items__equipment_type__name", "items__total_stock")
    )


def test_reference_lists_are_shared_not_copied(world):
    ranks_before = set(StrengthEntry.objects.filter(plan=world.plan).values_list("rank_id", "sanctioned", "present"))

    new = start_next_year(world.plan, world.users["dpo_a"])

    assert set(StrengthEntry.objects.filter(plan=new).values_list("rank_id", "sanctioned", "present")) == ranks_before
    assert set(new.budget_allocations.values_list("head_id", "amount")) == set(
        world.plan.budget_allocations.values_list("head_id", "amount")
    )


def test_new_rows_record_who_carried_them_forward(world):
    new = start_next_year(world.plan, world.users["clerk_a"])

    entry = StrengthEntry.objects.filter(plan=new).first()
    record = entry.history.get()
    assert (record.history_type, record.history_user) == ("+", world.users["clerk_a"])
    assert record.history_change_reason == "Carried forward from 2023-2024"
    assert AnnualPlan.history.filter(id=new.pk).get().history_user == world.users["clerk_a"]


def test_a_second_start_is_refused(world):
    start_next_year(world.plan, world.users["dpo_a"])
    before = {model: model.objects.count() for model in plan_part_models()}

    with pytest.raises(WorkflowError, match="already has a plan for 2024-2025"):
        start_next_year(world.plan, world.users["dpo_a"])
    assert {model: model.objects.count() for model in plan_part_models()} == before


@pytest.mark.parametrize("user", ["clerk_a", "dpo_a", "admin"])
def test_the_districts_staff_may_start_next_year(world, user):
    assert start_next_year(world.plan, world.users[user]).year_start == 2024


@pytest.mark.parametrize("user", ["clerk_b", "reviewer", "anonymous"])
def test_others_may_not_start_next_year(world, user):
    with pytest.raises(PermissionDenied):
        start_next_year(world.plan, world.users[user])
    assert not AnnualPlan.objects.filter(year_start=2024).exists()


def test_roll_forward_command(world, capsys):
    call_command("roll_forward", "demo-01", "2023-2024")

    assert "Started Demo District 01 2024-2025 from 2023-2024" in capsys.readouterr().out
    assert AnnualPlan.objects.get(district=world.district, year_start=2024).status == PlanStatus.DRAFT


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("demo-09", "2023-2024"), "There is no plan of 'demo-09' for 2023-2024"),
        (("demo-01", "2022-2023"), "There is no plan of 'demo-01' for 2022-2023"),
        (("demo-01", "2023-2025"), "is not a fiscal year"),
    ],
)
def test_roll_forward_command_errors(world, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("roll_forward", *arguments)


def test_roll_forward_command_refuses_an_existing_next_year(world):
    call_command("roll_forward", "demo-01", "2023-2024", verbosity=0)

    with pytest.raises(CommandError, match="already has a plan for 2024-2025"):
        call_command("roll_forward", "demo-01", "2023-2024")


def test_kasur_rolls_forward(kasur_plan, capsys):
    before = row_counts(kasur_plan)

    call_command("roll_forward", "kasur", "2023-2024", verbosity=2)

    new = AnnualPlan.objects.get(district__slug="kasur", year_start=2024)
    assert (new.crime_first_year, new.crime_last_year) == (
        kasur_plan.crime_first_year + 1,
        kasur_plan.crime_last_year + 1,
    )
    after = row_counts(new)
    assert all(after[model] == expected_copies(model, before, kasur_plan) for model in before)
    assert unit_paths(new) == unit_paths(kasur_plan)
    assert point_paths(new) == point_paths(kasur_plan)
