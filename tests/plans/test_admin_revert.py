"""Restoring an old version in the admin is a change like any other: the workflow and the lock still hold."""

import pytest
from django.urls import reverse

from plans.demo import build_demo_district
from plans.models import AnnualPlan, PlanStatus, Province, Region
from tests.api.factories import DemoPlanFactory


@pytest.fixture
def plan(db):
    region = Region.objects.create(province=Province.objects.create(name="Punjab", slug="punjab"), name="N", slug="n")
    return DemoPlanFactory(district=build_demo_district(region, 1), year_start=2023, seed=1)


def form_data(page):
    """What the browser sends back for the restore form, unchanged."""
    form = page.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is not None:
            data[name] = value
    return data


def set_status(plan, status):
    plan.status = status
    plan.save()


def revert_url(plan, version):
    return reverse("admin:plans_annualplan_simple_history", args=[plan.pk, version.history_id])


def test_an_approved_plan_cannot_be_restored_to_an_earlier_version(admin_client, plan):
    draft_version = plan.history.earliest()
    set_status(plan, PlanStatus.APPROVED)
    page = admin_client.get(revert_url(plan, draft_version))

    response = admin_client.post(revert_url(plan, draft_version), form_data(page))

    assert response.status_code == 403
    assert AnnualPlan.objects.get(pk=plan.pk).status == PlanStatus.APPROVED


def test_restoring_a_version_saved_while_submitted_leaves_a_draft_a_draft(admin_client, plan):
    set_status(plan, PlanStatus.SUBMITTED)
    submitted_version = plan.history.latest()
    set_status(plan, PlanStatus.DRAFT)
    page = admin_client.get(revert_url(plan, submitted_version))

    response = admin_client.post(revert_url(plan, submitted_version), form_data(page))

    assert response.status_code == 302
    assert AnnualPlan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT


@pytest.mark.parametrize("plan_id", ["abc", "-1", "99999999999999999999999", ""])
def test_a_bad_plan_id_on_an_add_page_is_ignored(admin_client, plan, plan_id):
    response = admin_client.get(reverse("admin:plans_sectshare_add"), {"plan": plan_id})

    assert response.status_code == 200
