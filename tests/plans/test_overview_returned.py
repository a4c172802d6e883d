"""The reviewers' overview counts a plan returned to its district with comments as "Returned", apart from drafts."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.demo import build_demo_district
from plans.models import AnnualPlan, PlanStatus, Province, Region, WorkflowEvent
from plans.overview import district_overview
from tests.api.factories import DemoPlanFactory


@pytest.fixture
def plans(db):
    """Three districts' 2023-2024 plans: a draft, one returned with comments, one submitted."""
    region = Region.objects.create(province=Province.objects.create(name="Punjab", slug="punjab"), name="N", slug="n")
    draft, returned, submitted = (
        DemoPlanFactory(district=build_demo_district(region, number), year_start=2023, seed=number)
        for number in (1, 2, 3)
    )
    admin = get_user_model().objects.create_superuser("admin")
    for plan, steps in (
        (returned, [("submit", "draft", "submitted"), ("return", "submitted", "draft")]),
        (submitted, [("submit", "draft", "submitted")]),
    ):
        for action, before, after in steps:
            WorkflowEvent.objects.create(
                plan=plan, action=action, from_status=before, to_status=after, actor=admin, comment="Fix the budget."
            )
    AnnualPlan.objects.filter(pk=submitted.pk).update(status=PlanStatus.SUBMITTED)
    return draft, returned, submitted, admin


def test_returned_is_its_own_status_in_the_overview(plans):
    draft, returned, submitted, admin = plans

    overview = district_overview(admin)

    assert {row.district.pk: row.status_key for row in overview.rows} == {
        draft.district_id: "draft",
        returned.district_id: "returned",
        submitted.district_id: "submitted",
    }
    assert dict(overview.totals.statuses) == {"draft": 1, "returned": 1, "submitted": 1}


def test_the_overview_page_shows_returned_in_the_totals_and_the_row(client, plans):
    _draft, returned, _submitted, admin = plans
    client.force_login(admin)

    html = client.get(reverse("plans:overview")).content.decode()

    assert "Returned: 1" in html and "Draft: 1" in html and "Submitted: 1" in html
    row = re.search(rf"<tr>\s*<th scope=\"row\">{returned.district.name}.*?</tr>", html, re.S).group(0)
    assert 'class="status status--returned">Returned<' in row


def test_returned_costs_no_query_more(plans):
    _draft, returned, _submitted, admin = plans
    with CaptureQueriesContext(connection) as with_returned:
        district_overview(admin)
    WorkflowEvent.objects.filter(plan=returned, action="return").delete()
    with CaptureQueriesContext(connection) as without:
        overview = district_overview(admin)

    assert len(with_returned) == len(without)
    assert dict(overview.totals.statuses) == {"draft": 2, "submitted": 1}


def test_the_api_says_which_draft_is_returned_and_counts_it_apart(plans):
    from rest_framework.test import APIClient

    draft, returned, _submitted, admin = plans
    client = APIClient()
    client.force_login(admin)

    body = client.get("/api/v1/overview/").json()

    rows = {row["district"]["id"]: row for region in body["provinces"][0]["regions"] for row in region["districts"]}
    assert (rows[returned.district_id]["status"], rows[returned.district_id]["returned"]) == ("draft", True)
    assert rows[draft.district_id]["returned"] is False
    assert body["totals"]["statuses"] == {"draft": 1, "returned": 1, "submitted": 1}
