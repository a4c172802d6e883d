"""`GET /api/v1/plans/{id}/compare/{other_id}/`: two plans side by side as JSON, for callers who see both."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.demo import build_demo_district
from plans.models import AnnualPlan, PlanStatus
from plans.rollover import start_next_year
from strength.models import StrengthEntry
from tests.api.factories import DemoPlanFactory
from tests.extra_section.models import Patrol


def url(plan, other, **query):
    suffix = "?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else ""
    return f"/api/v1/plans/{plan.pk}/compare/{other.pk}/{suffix}"


@pytest.fixture
def years(offices):
    """District A's 2023-2024 plan and 2024-2025 started from it, with one rank's present strength changed."""
    AnnualPlan.objects.filter(pk=offices.plan.pk).update(status=PlanStatus.APPROVED)
    offices.plan.refresh_from_db()
    later = start_next_year(offices.plan, get_user_model().objects.create_superuser("admin"))
    entry = StrengthEntry.objects.filter(plan=later).order_by("rank__position").first()
    StrengthEntry.objects.filter(pk=entry.pk).update(present=entry.present + 7)
    return offices.plan, later


def test_two_years_compared_in_order_with_every_section(offices, years):
    earlier, later = years

    response = offices.client("reader_a").get(url(later, earlier))

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["earlier"]["id"], body["later"]["id"]) == (earlier.pk, later.pk), "in the order of the years"
    assert body["earlier"]["district"]["slug"] == offices.a.slug
    slugs = [section["slug"] for section in body["sections"]]
    assert {"message", "strength", "vehicles", "stock", "performance", "objectives", "targets", "patrols"} <= set(slugs)
    strength = next(section for section in body["sections"] if section["slug"] == "strength")
    changed = [row for table in strength["tables"] for row in table["rows"] if row["change"] == "changed"]
    assert len(changed) == 1
    present = changed[0]["cells"][1]
    assert present["later"] - present["earlier"] == present["difference"] == 7 and present["changed"] is True
    message = next(section for section in body["sections"] if section["slug"] == "message")
    assert {run["op"] for text in message["texts"] for run in text["words"]} <= {"equal", "insert", "delete"}


def test_changes_only_leaves_out_what_is_the_same(offices, years):
    earlier, later = years

    body = offices.client("reader_a").get(url(earlier, later, changes_only="true")).json()

    assert body["changes_only"] is True
    for section in body["sections"]:
        assert all(row["change"] for table in section["tables"] for row in table["rows"])
        assert all(text["changed"] for text in section["texts"])
    strength = next(section for section in body["sections"] if section["slug"] == "strength")
    assert [len(table["rows"]) for table in strength["tables"]] == [1]


def test_the_test_only_section_contributes_its_comparison(offices, years):
    earlier, later = years
    Patrol.objects.create(plan=later, route="Ferozepur Road", officers=6)

    body = offices.client("reader_a").get(url(earlier, later)).json()

    (patrols,) = [section for section in body["sections"] if section["slug"] == "patrols"]
    assert patrols["tables"][0]["rows"] == [
        {
            "label": "Ferozepur Road",
            "change": "added",
            "cells": [{"earlier": None, "later": 6, "difference": None, "comparable": True, "changed": True}],
        }
    ]


def test_a_plan_the_caller_cannot_see_is_not_found(offices, years):
    earlier, _later = years
    elsewhere = DemoPlanFactory(district=offices.c, year_start=2023, seed=3)

    for plan, other in ((earlier, elsewhere), (elsewhere, earlier)):
        response = offices.client("reader_a").get(url(plan, other))
        assert response.status_code == 404, response.content
        assert "detail" in response.json()
    assert offices.client("reader_a").get(f"/api/v1/plans/{earlier.pk}/compare/999999/").status_code == 404
    assert offices.client().get(url(earlier, elsewhere)).status_code == 401
    assert offices.client("reviewer_punjab").get(url(earlier, elsewhere)).status_code == 200, "two districts compare"


def test_query_count_is_flat_as_the_plans_grow(offices):
    """The same queries for plans of one and of three times as many rows in every list."""
    counts = []
    for scale, number in ((1, 5), (3, 6)):
        district = build_demo_district(offices.north, number)
        plans = [DemoPlanFactory(district=district, year_start=year, scale=scale, seed=year) for year in (2023, 2024)]
        client = offices.client("reviewer_north")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(*plans))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 40, counts


def test_the_schema_describes_the_comparison(admin_client):
    schema = admin_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    operation = schema["paths"]["/api/v1/plans/{id}/compare/{other_id}/"]["get"]
    response = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert response.endswith("/Comparison")
    parameters = {parameter["name"] for parameter in operation["parameters"]}
    assert {"id", "other_id", "changes_only"} <= parameters
    components = schema["components"]["schemas"]
    assert {"earlier", "later", "changes_only", "sections"} <= set(components["Comparison"]["properties"])
    assert "404" in operation["responses"]
