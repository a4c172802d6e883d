"""The reviewers' overview across districts, and the quarterly target table."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crime_stats.figures import plan_crime_table
from initiatives.figures import target_progress_table
from initiatives.models import ProgressStatus, TargetProgress
from plans.demo import build_demo_district
from plans.models import AnnualPlan, District, Province, Region
from plans.overview import district_overview, quarter_labels
from strength.models import StrengthEntry
from tests.api.factories import DemoPlanFactory, role_user


@pytest.fixture
def province(db):
    """Demo Region with generated districts and two years of plans, and a second region with one district."""
    punjab = Province.objects.create(name="Punjab", slug="punjab")
    call_command("generate_demo_data", districts=4, years=2, last_year="2023-2024", seed=3, verbosity=0)
    south = Region.objects.create(province=punjab, name="South", slug="south")
    DemoPlanFactory(district=build_demo_district(south, 9), year_start=2023, seed=9)
    return punjab


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser("admin")


def expected_figures(plan):
    strength = StrengthEntry.objects.filter(plan=plan).totals()
    crime = plan_crime_table(plan).total
    return strength["sanctioned"], strength["present"], strength["short"], crime.cases[-1], crime.change


def test_each_district_shows_its_latest_plan_with_strength_and_crime(province, admin):
    overview = district_overview(admin)

    assert len(overview.rows) == District.objects.count() == 5
    for row in overview.rows:
        assert row.plan == AnnualPlan.objects.filter(district=row.district).latest("year_start")
        assert row.status == row.plan.status
        assert row.crime_year == 2022
        figures = row.figures
        assert (figures.sanctioned, figures.present, figures.short, figures.crime, figures.crime_change) == (
            expected_figures(row.plan)
        )


def test_region_and_province_totals_add_up(province, admin):
    overview = district_overview(admin)

    (punjab,) = overview.provinces
    assert [region.region.name for region in punjab.regions] == ["Demo Region", "South"]
    for region in punjab.regions:
        for name in ("sanctioned", "present", "short", "crime", "crime_previous"):
            assert getattr(region.totals, name) == sum(getattr(row.figures, name) for row in region.districts), name
        assert region.totals.districts == len(region.districts)
    for name in ("sanctioned", "present", "short", "crime", "crime_previous", "crime_change"):
        assert getattr(punjab.totals, name) == sum(getattr(region.totals, name) for region in punjab.regions), name
    assert punjab.totals.crime_change == punjab.totals.crime - punjab.totals.crime_previous
    assert overview.totals.crime == punjab.totals.crime
    statuses = AnnualPlan.objects.filter(year_start=2023).values_list("status", flat=True)
    assert sum(punjab.totals.statuses.values()) == 5
    assert all(punjab.totals.statuses[status] == list(statuses).count(status) for status in set(statuses))


def test_a_given_year_and_districts_without_a_plan_for_it(province, admin):
    overview = district_overview(admin, year_start=2022)

    with_plan = [row for row in overview.rows if row.plan is not None]
    assert {row.plan.year_start for row in with_plan} == {2022}
    assert len(with_plan) == 4
    (missing,) = [row for row in overview.rows if row.plan is None]
    assert missing.district.slug == "demo-09"
    assert (missing.status, missing.figures.sanctioned, missing.figures.crime, missing.figures.crime_change) == (
        None,
        0,
        None,
        None,
    )
    assert overview.totals.statuses["none"] == 1


def test_each_user_sees_only_the_districts_in_scope(province):
    demo_region = Region.objects.get(name="Demo Region")
    district = District.objects.get(slug="demo-02")

    clerk = role_user("clerk", "clerk", district=district)
    reviewer = role_user("reviewer", "reviewer", region=demo_region)
    reader = role_user("reader", "reader", province=province)

    assert [row.district.slug for row in district_overview(clerk).rows] == ["demo-02"]
    assert {row.district.slug for row in district_overview(reviewer).rows} == {f"demo-0{n}" for n in range(1, 5)}
    assert len(district_overview(reader).rows) == 5
    assert district_overview(AnonymousUser()).rows == []
    assert district_overview(get_user_model().objects.create_user("nobody")).rows == []


def test_the_number_of_queries_does_not_grow_with_the_districts(db, admin, django_assert_max_num_queries):
    Province.objects.create(name="Punjab", slug="punjab")
    call_command("generate_demo_data", districts=3, years=1, last_year="2023-2024", verbosity=0)
    with CaptureQueriesContext(connection) as few:
        district_overview(admin)
    call_command("generate_demo_data", districts=30, years=1, last_year="2023-2024", verbosity=0)

    with django_assert_max_num_queries(len(few)):
        overview = district_overview(admin)
        assert len(overview.rows) == 30
        assert all(row.figures.crime and row.figures.sanctioned for row in overview.rows)
    assert len(few) <= 5


def test_the_target_table_gives_four_quarters_per_target_in_two_queries(db, django_assert_num_queries):
    region = Region.objects.create(province=Province.objects.create(name="P", slug="p"), name="R", slug="r")
    plan = DemoPlanFactory(district=build_demo_district(region, 1), year_start=2023, scale=2, seed=1)
    first, second = plan.targets.order_by("position")[:2]
    TargetProgress.objects.create(target=first, quarter=2, status=ProgressStatus.AT_RISK, note="Land not yet given")
    TargetProgress.objects.create(target=first, quarter=1, status=ProgressStatus.ON_TRACK)
    TargetProgress.objects.create(target=second, quarter=4, status=ProgressStatus.ACHIEVED)

    with django_assert_num_queries(2):
        rows = target_progress_table(plan)
        statuses = [[progress and progress.status for progress in row.quarters] for row in rows]

    assert [row.target for row in rows] == list(plan.targets.order_by("position", "pk"))
    assert statuses[0] == ["on_track", "at_risk", None, None]
    assert statuses[1] == [None, None, None, "achieved"]
    assert statuses[2] == [None] * 4
    assert (rows[0].latest.note, rows[1].latest.quarter, rows[2].latest) == ("Land not yet given", 4, None)


def test_quarters_follow_the_fiscal_year():
    plan = AnnualPlan(year_start=2023)

    assert quarter_labels(plan) == ["Jul–Sep 2023", "Oct–Dec 2023", "Jan–Mar 2024", "Apr–Jun 2024"]
