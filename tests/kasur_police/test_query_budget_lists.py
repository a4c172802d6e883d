"""Long API lists: the same queries for a few rows and for many, and each row's addresses and brief plan right
(the URL reversed once per field and filled in per row; the plan's long texts not read for a list)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.api.factories import DemoPlanFactory

LISTS = ["strength-entries", "crime-figures", "budget-allocations", "plans"]


def fetch(client, resource):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/{resource}/", {"limit": 1000})
    assert response.status_code == 200
    return response.json(), len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("resource", LISTS)
def test_a_long_list_needs_the_same_queries_as_a_short_one(api, world, resource):
    client = api("clerk")
    DemoPlanFactory(district=world.a.district, year_start=2018)
    few, few_queries = fetch(client, resource)
    for year in (2019, 2020, 2021, 2022):
        DemoPlanFactory(district=world.a.district, year_start=year, scale=2)
    many, many_queries = fetch(client, resource)
    assert many["count"] > few["count"] + 3
    assert many_queries == few_queries


@pytest.mark.django_db
def test_every_row_has_its_own_address_and_its_plan_in_brief(api, world):
    DemoPlanFactory(district=world.a.district, year_start=2022)
    rows = fetch(api("clerk"), "strength-entries")[0]["results"]
    assert len(rows) > 10
    for row in rows:
        assert row["url"] == f"http://testserver{reverse('api:strengthentry-detail', args=[row['id']])}"
        assert row["plan"]["url"] == f"http://testserver{reverse('api:annualplan-detail', args=[row['plan']['id']])}"
        assert row["rank"]["url"] == f"http://testserver{reverse('api:rank-detail', args=[row['rank']['id']])}"
        assert row["plan"]["display"] == f"District A {row['plan']['fiscal_year']}"
        assert row["plan"]["status"] == "draft"
    assert len({row["url"] for row in rows}) == len(rows)
    assert "2022-2023" in {row["plan"]["fiscal_year"] for row in rows}


@pytest.mark.django_db
def test_a_format_suffix_is_kept_in_every_address(api, world):
    DemoPlanFactory(district=world.a.district, year_start=2022)
    response = api("clerk").get("/api/v1/strength-entries/", {"format": "json", "limit": 5})
    for row in response.json()["results"]:
        assert row["url"].endswith(f"/strength-entries/{row['id']}/?format=json")
        assert row["plan"]["url"].endswith(f"/plans/{row['plan']['id']}/?format=json")
