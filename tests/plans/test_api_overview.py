"""The reviewers' overview and the quarterly target table through the API: figures, totals, scope, queries."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crime_stats.models import CrimeFigure
from initiatives.models import Target, TargetProgress
from plans.demo import build_demo_district, build_demo_progress
from plans.models import AnnualPlan, PlanStatus, Region
from plans.overview import quarter_labels
from strength.models import StrengthEntry
from tests.api.factories import DemoPlanFactory, PlanFactory, TargetFactory, TargetProgressFactory

OVERVIEW = reverse("api:overview")
SUMMED = ("sanctioned", "present", "short")


def expected_figures(plan):
    """A district's figures worked out here from its rows, independently of plans.overview."""
    entries = StrengthEntry.objects.filter(plan=plan)
    crime = {
        year: CrimeFigure.objects.filter(plan=plan, year=year).aggregate(total=Sum("cases"))["total"]
        for year in (plan.crime_last_year, plan.crime_last_year - 1)
    }
    sanctioned = sum(entry.sanctioned for entry in entries)
    short = sum(max(entry.sanctioned - entry.present, 0) for entry in entries)
    change = crime[plan.crime_last_year] - crime[plan.crime_last_year - 1]
    return {
        "sanctioned": sanctioned,
        "present": sum(entry.present for entry in entries),
        "short": short,
        "short_percent": round(100 * short / sanctioned, 1),
        "crime": crime[plan.crime_last_year],
        "crime_previous": crime[plan.crime_last_year - 1],
        "crime_change": change,
        "crime_change_percent": round(100 * change / crime[plan.crime_last_year - 1], 1),
    }


def summed(figures_list):
    return {key: sum(figures[key] for figures in figures_list) for key in (*SUMMED, "crime", "crime_previous")}


@pytest.fixture
def plans_2023(offices):
    """A 2023-2024 plan in each of districts A, B (North) and C (South); B's is submitted."""
    b = DemoPlanFactory(district=offices.b, year_start=2023, seed=2)
    AnnualPlan.objects.filter(pk=b.pk).update(status=PlanStatus.SUBMITTED)
    return {"a": offices.plan, "b": b, "c": DemoPlanFactory(district=offices.c, year_start=2023, seed=3)}


def test_each_district_with_its_figures_and_the_totals_of_regions_and_province(offices, plans_2023):
    response = offices.client("reviewer_punjab").get(OVERVIEW, {"year": "2023-2024"})

    assert response.status_code == 200
    body = response.json()
    assert body["year_start"] == 2023
    [province] = body["provinces"]
    assert province["province"]["slug"] == "punjab"
    assert [region["region"]["slug"] for region in province["regions"]] == ["north", "south"]
    rows = {row["district"]["slug"]: row for region in province["regions"] for row in region["districts"]}
    assert set(rows) == {offices.a.slug, offices.b.slug, offices.c.slug}
    for key, plan in plans_2023.items():
        row = rows[getattr(offices, key).slug]
        plan.refresh_from_db()
        assert row["plan"]["id"] == plan.pk
        assert row["status"] == plan.status
        assert row["approving_authority"] == plan.district.approving_authority
        assert row["crime_year"] == plan.crime_last_year
        assert row["figures"] == expected_figures(plan), key
    for region in province["regions"]:
        figures = [row["figures"] for row in region["districts"]]
        assert {key: region["totals"]["figures"][key] for key in summed(figures)} == summed(figures)
        assert region["totals"]["districts"] == len(region["districts"])
    everything = [rows[slug]["figures"] for slug in rows]
    for totals in (province["totals"], body["totals"]):
        assert {key: totals["figures"][key] for key in summed(everything)} == summed(everything)
        assert totals["districts"] == 3
        assert totals["statuses"] == {"draft": 2, "submitted": 1}
    north = province["regions"][0]["totals"]["figures"]
    assert north["short_percent"] == round(100 * north["short"] / north["sanctioned"], 1)


@pytest.mark.parametrize(
    ("user", "districts"),
    [("reviewer_punjab", "abc"), ("reviewer_north", "ab"), ("reviewer_south", "c"), ("dpo_a", "a"), ("reader_a", "a")],
)
def test_each_user_sees_the_districts_in_scope_only(offices, plans_2023, user, districts):
    body = offices.client(user).get(OVERVIEW).json()

    slugs = [row["district"]["slug"] for p in body["provinces"] for r in p["regions"] for row in r["districts"]]
    assert slugs == [getattr(offices, key).slug for key in districts]
    assert body["totals"]["districts"] == len(districts)
    assert body["totals"]["figures"]["sanctioned"] == sum(
        expected_figures(plans_2023[key])["sanctioned"] for key in districts
    )


def test_a_year_without_plans_and_the_latest_plan_of_each_district(offices, plans_2023):
    later = DemoPlanFactory(district=offices.a, year_start=2024, seed=1)
    client = offices.client("reviewer_north")

    body = client.get(OVERVIEW, {"year": "2024-2025"}).json()
    rows = body["provinces"][0]["regions"][0]["districts"]
    assert [(row["plan"] and row["plan"]["id"], row["status"]) for row in rows] == [(later.pk, "draft"), (None, None)]
    assert rows[1]["figures"]["sanctioned"] == 0 and rows[1]["figures"]["crime"] is None
    assert body["totals"]["statuses"] == {"draft": 1, "none": 1}

    latest = client.get(OVERVIEW).json()
    assert latest["year_start"] is None
    assert [row["plan"]["id"] for row in latest["provinces"][0]["regions"][0]["districts"]] == [
        later.pk,
        plans_2023["b"].pk,
    ]


def test_a_malformed_year_is_400_and_the_overview_needs_login_and_permissions(offices):
    assert offices.client("reviewer_north").get(OVERVIEW, {"year": "2023-2025"}).json() == {
        "year": ["Give a fiscal year like 2023-2024."]
    }
    assert offices.client().get(OVERVIEW).status_code == 401
    reviewer = offices.users["reviewer_north"]
    reviewer.groups.clear()
    reviewer.user_permissions.add(Permission.objects.get(codename="view_annualplan"))
    assert offices.client("reviewer_north").get(OVERVIEW).status_code == 403


def test_the_overview_costs_the_same_queries_for_3_and_30_districts(offices, plans_2023):
    client = offices.client("reviewer_punjab")
    counts = []
    with CaptureQueriesContext(connection) as queries:
        assert client.get(OVERVIEW).json()["totals"]["districts"] == 3
    counts.append(len(queries))
    west = Region.objects.create(province=offices.north.province, name="West", slug="west")
    for index in range(4, 31):
        DemoPlanFactory(district=build_demo_district(west, index), year_start=2023)

    with CaptureQueriesContext(connection) as queries:
        body = client.get(OVERVIEW).json()
    counts.append(len(queries))

    assert body["totals"]["districts"] == 30
    assert counts[0] == counts[1], counts
    # The token (found by its prefix, then its digest compared: 2) and the user's permissions (2); membership,
    # districts in scope, districts, plans, strength, crime.
    assert counts[1] <= 10, "\n".join(query["sql"][:150] for query in queries.captured_queries)


# Quarterly target progress ------------------------------------------------------------------------------


def progress_url(plan):
    return reverse("api:annualplan-target-progress", args=[plan.pk])


def test_the_target_table_has_every_target_with_its_four_quarters(offices):
    plan = offices.plan
    build_demo_progress(plan, 2, seed=1)

    response = offices.client("reviewer_north").get(progress_url(plan))

    assert response.status_code == 200
    body = response.json()
    assert body["quarters"] == quarter_labels(plan)
    targets = list(Target.objects.filter(plan=plan))
    assert [row["target"]["id"] for row in body["rows"]] == [target.pk for target in targets]
    for row in body["rows"]:
        recorded = {p.quarter: p for p in TargetProgress.objects.filter(target_id=row["target"]["id"])}
        assert [cell and (cell["id"], cell["status"]) for cell in row["quarters"]] == [
            (recorded[q].pk, recorded[q].status) if q in recorded else None for q in (1, 2, 3, 4)
        ]
        assert row["latest"]["id"] == recorded[2].pk


def test_the_target_table_costs_the_same_queries_for_3_and_30_targets(offices):
    client = offices.client("dpo_a")
    counts = []
    for targets in (3, 30):
        plan = PlanFactory(district=offices.a)
        for position in range(targets):
            target = TargetFactory(plan=plan, position=position)
            TargetProgressFactory(target=target, quarter=1 + position % 4)
        with CaptureQueriesContext(connection) as queries:
            assert len(client.get(progress_url(plan)).json()["rows"]) == targets
        counts.append(len(queries))

    assert counts[0] == counts[1], counts


def test_the_target_table_needs_the_view_permission_on_progress(offices):
    reader = offices.users["reader_a"]
    reader.groups.clear()
    reader.user_permissions.add(*Permission.objects.filter(codename__in=["view_annualplan", "view_target"]))

    assert offices.client("reader_a").get(progress_url(offices.plan)).status_code == 403
