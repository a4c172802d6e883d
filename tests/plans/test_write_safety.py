"""Nothing changed behind a locked plan, nothing lost between two editors, and every change in the plan's history.

Frozen reference lists, stale saves in the admin (the plan's page and a row's own page),
the audit trail of rows loaded from fixtures or made in bulk, and who may change quarterly reviews.
"""

import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from initiatives.models import Target, TargetProgress
from plans.audit import history_models, record_initial_history
from plans.base import ReferenceFrozen
from plans.models import AnnualPlan, PlanStatus, WorkflowEvent
from strength.models import Rank, StrengthEntry
from tests.plans.test_admin import admin_url, form_data, make_district, page_errors


def set_status(plan, status):
    AnnualPlan.objects.filter(pk=plan.pk).update(status=status)
    plan.refresh_from_db()


def used_rank(plan):
    return StrengthEntry.objects.filter(plan=plan).select_related("rank").order_by("rank__position").first().rank


# Reference lists used by a submitted or approved plan are frozen


@pytest.mark.parametrize(
    "change", [{"name": "Renamed"}, {"position": 99}, {"cadre": "legal"}], ids=["rename", "reorder", "re-cadre"]
)
def test_a_rank_an_approved_plan_uses_cannot_change_through_the_api(offices, change):
    plan = offices.plan
    set_status(plan, PlanStatus.APPROVED)
    rank = used_rank(plan)
    url = reverse("api:rank-detail", args=[rank.pk])

    response = offices.client("clerk_a").patch(url, change, format="json")

    assert response.status_code == 409, response.json()
    assert str(plan) in response.json()["detail"]
    stored = Rank.objects.get(pk=rank.pk)
    assert (stored.name, stored.position, stored.cadre, stored.version) == (
        rank.name,
        rank.position,
        rank.cadre,
        rank.version,
    )


def test_a_used_rank_cannot_be_deleted_and_an_unused_or_draft_one_can_change(offices):
    plan, clerk = offices.plan, offices.client("clerk_a")
    set_status(plan, PlanStatus.SUBMITTED)
    rank = used_rank(plan)

    refused = clerk.delete(reverse("api:rank-detail", args=[rank.pk]))
    assert refused.status_code == 409 and str(plan) in refused.json()["detail"]
    with pytest.raises(ReferenceFrozen):
        Rank.objects.get(pk=rank.pk).delete()

    unused = Rank.objects.create(district=plan.district, name="New rank", position=50)
    renamed = clerk.patch(reverse("api:rank-detail", args=[unused.pk]), {"name": "Newer rank"}, format="json")
    assert renamed.status_code == 200

    set_status(plan, PlanStatus.DRAFT)
    renamed = clerk.patch(reverse("api:rank-detail", args=[rank.pk]), {"name": "Renamed"}, format="json")
    assert renamed.status_code == 200
    assert Rank.objects.get(pk=rank.pk).name == "Renamed"


def test_the_admin_refuses_a_change_to_a_used_rank_and_names_the_plan(admin_client, offices):
    plan = offices.plan
    set_status(plan, PlanStatus.APPROVED)
    rank = used_rank(plan)
    url = admin_url(rank, "change")

    response = admin_client.post(url, form_data(admin_client.get(url)) | {"name": "Renamed"})

    assert response.status_code == 200
    assert str(plan) in str(page_errors(response)[""]["__all__"])
    assert Rank.objects.get(pk=rank.pk).name == rank.name
    delete_page = admin_client.get(admin_url(rank, "delete")).content.decode()
    assert escape(str(plan)) in delete_page
    admin_client.post(admin_url(rank, "delete"), {"post": "yes"})
    assert Rank.objects.filter(pk=rank.pk).exists()


# Two people saving the same page


@pytest.fixture
def small_plan(db):
    """A plan with one strength row: a page two people can open at once."""
    district = make_district("Alpha")
    plan = AnnualPlan.objects.create(district=district, year_start=2023, crime_first_year=2020, crime_last_year=2022)
    StrengthEntry.objects.create(
        plan=plan, rank=Rank.objects.create(district=district, name="SSP"), sanctioned=1, present=1
    )
    return plan


@pytest.fixture
def second_admin(db):
    client = Client()
    client.force_login(User.objects.create_superuser("second"))
    return client


def test_the_second_of_two_saves_of_the_plan_page_is_refused_and_shows_what_changed(
    admin_client, second_admin, small_plan
):
    url = admin_url(small_plan, "change")
    first_page, second_page = admin_client.get(url), second_admin.get(url)

    first = form_data(first_page) | {"message": "The first message."}
    assert admin_client.post(url, first).status_code == 302
    second = form_data(second_page) | {"signatory_name": "Second Signatory"}
    response = second_admin.post(url, second)

    assert response.status_code == 200
    errors = page_errors(response)
    plan_error = " ".join(errors[""]["__all__"])
    assert "admin saved" in plan_error
    assert re.search(r"DPO's message: now The first message\., yours —", plan_error)
    small_plan.refresh_from_db()
    assert (small_plan.message, small_plan.signatory_name) == ("The first message.", "")


def test_a_stale_save_of_a_rows_own_page_is_refused(admin_client, second_admin, small_plan):
    entry = small_plan.strength_entries.get()
    url = admin_url(entry, "change")
    first_page, second_page = admin_client.get(url), second_admin.get(url)

    assert admin_client.post(url, form_data(first_page) | {"present": "7"}).status_code == 302
    response = second_admin.post(url, form_data(second_page) | {"sanctioned": "3"})

    assert "present: now 7, yours 1" in " ".join(page_errors(response)[""]["__all__"])
    entry.refresh_from_db()
    assert (entry.present, entry.sanctioned) == (7, 1)
    # The refused form now carries the stored version: saving it again is a deliberate choice and applies.
    again = second_admin.post(url, form_data(response) | {"sanctioned": "3", "present": "7"})
    assert again.status_code == 302
    entry.refresh_from_db()
    assert (entry.present, entry.sanctioned) == (7, 3)


# The audit trail


def test_every_row_loaded_from_the_fixture_has_its_first_history_record(kasur_plan):
    for model in history_models():
        rows = model._base_manager.count()
        recorded = model.history.values("id").distinct().count()
        assert recorded == rows, model


def test_the_first_edit_of_a_loaded_row_shows_its_before_on_the_plans_history(admin_client, kasur_plan):
    entry = StrengthEntry.objects.filter(plan=kasur_plan).order_by("rank__position").first()
    url = admin_url(entry, "change")
    response = admin_client.post(url, form_data(admin_client.get(url)) | {"present": str(entry.present + 3)})
    assert response.status_code == 302

    history = admin_client.get(admin_url(kasur_plan, "history")).content.decode()
    section = history[history.index('id="section-changes"') :]
    assert re.search(rf"present:</strong>\s*{entry.present}\s*&rarr;\s*{entry.present + 3}", section, re.I)


def test_demo_data_rows_have_their_first_history_record(db):
    call_command("generate_demo_data", districts=1, years=2, verbosity=0)
    for model in (StrengthEntry, Target, Rank, TargetProgress):
        assert model.objects.exists()
        assert model.history.values("id").distinct().count() == model.objects.count(), model


def test_the_plans_history_lists_reference_changes_progress_and_workflow_steps(admin_client, offices):
    plan = offices.plan
    record_initial_history()  # as generate_demo_data does for the rows it makes in bulk
    rank = used_rank(plan)
    clerk = offices.client("clerk_a")
    renamed = clerk.patch(reverse("api:rank-detail", args=[rank.pk]), {"name": "S.I. (renamed)"}, format="json")
    assert renamed.status_code == 200
    submitted = offices.client("dpo_a").post(reverse("api:annualplan-submit", args=[plan.pk]), {}, format="json")
    assert submitted.status_code == 200, submitted.json()
    target = Target.objects.filter(plan=plan).first()
    progress = {"target": target.pk, "quarter": 1, "status": "on_track", "note": "Two markaz open."}
    recorded = offices.client("reviewer_north").post(reverse("api:targetprogress-list"), progress, format="json")
    assert recorded.status_code == 201

    history = admin_client.get(admin_url(plan, "history")).content.decode()
    section = history[history.index('id="section-changes"') :]
    assert re.search(rf"name:</strong>\s*{re.escape(escape(rank.name))}\s*&rarr;\s*S\.I\. \(renamed\)", section, re.I)
    assert "reference list" in section
    assert escape(str(TargetProgress.objects.get(target=target))) in section
    assert str(WorkflowEvent.objects.get(plan=plan).get_action_display()) in section
    assert "reviewer_north" in section and "clerk_a" in section and "dpo_a" in section


# Quarterly reviews (Article 44): once a plan is submitted, only who evaluates it records them


def test_a_clerk_cannot_change_or_delete_a_reviewers_quarterly_review(offices):
    plan = offices.plan
    set_status(plan, PlanStatus.APPROVED)
    target = Target.objects.filter(plan=plan).first()
    review = TargetProgress.objects.create(target=target, quarter=1, status="at_risk", note="Reviewer's finding.")
    url = reverse("api:targetprogress-detail", args=[review.pk])
    clerk = offices.client("clerk_a")

    assert clerk.patch(url, {"status": "achieved"}, format="json").status_code == 403
    assert clerk.delete(url).status_code == 403
    new = {"target": target.pk, "quarter": 2, "status": "achieved"}
    assert clerk.post(reverse("api:targetprogress-list"), new, format="json").status_code == 403
    assert offices.client("reviewer_north").patch(url, {"note": "Checked."}, format="json").status_code == 200
    review.refresh_from_db()
    assert (review.status, review.note) == ("at_risk", "Checked.")


def test_the_admin_shows_a_clerk_the_review_read_only(client, offices):
    plan = offices.plan
    set_status(plan, PlanStatus.APPROVED)
    review = TargetProgress.objects.create(target=Target.objects.filter(plan=plan).first(), quarter=1, status="at_risk")
    clerk = offices.users["clerk_a"]
    clerk.is_staff = True
    clerk.save()
    client.force_login(clerk)
    url = admin_url(review, "change")

    page = client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(url, {"quarter": "1", "status": "achieved", "note": ""}).status_code == 403
    assert TargetProgress.objects.get(pk=review.pk).status == "at_risk"
