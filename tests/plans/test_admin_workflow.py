"""The workflow from the plan's admin page: the PDF and portal links, submit, return, approve and next year's
plan, each offered to the roles that may take it, refused with the reason otherwise; locked plans stay as they are."""

import hashlib
import re
from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from plans.consistency import run_checks
from plans.demo import build_demo_district
from plans.models import AnnualPlan, PlanStatus, Province, Region, WorkflowEvent
from plans.workflow import submit
from tests.api.factories import DemoPlanFactory, role_user

STEPS = ("submit", "return", "approve", "start_next_year")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world(db):
    """Districts A and B in region North; a consistent draft plan of A; one user per role."""
    punjab = Province.objects.create(name="Punjab Test", slug="punjab-test")
    north = Region.objects.create(province=punjab, name="North", slug="north")
    a, b = build_demo_district(north, 1), build_demo_district(north, 2)
    users = {
        name: role_user(name, role, group=True, staff=True, **scope)
        for name, role, scope in [
            ("dpo_a", "dpo", {"district": a}),
            ("clerk_a", "clerk", {"district": a}),
            ("dpo_b", "dpo", {"district": b}),
            ("reviewer_north", "reviewer", {"region": north}),
        ]
    }
    return DemoPlanFactory(district=a, year_start=2023, seed=1), users


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def admin_url(plan, view="change"):
    return reverse(f"admin:plans_annualplan_{view}", args=[plan.pk])


def page(client, plan):
    response = client.get(admin_url(plan))
    assert response.status_code == 200
    return response.content.decode()


def step_forms(html):
    """The workflow steps offered on the plan's page, by the URL their form posts to."""
    return {action.rsplit("/", 2)[-2] for action in re.findall(r'<form method="post" action="([^"]+)"', html)}


def link(html, css_class):
    return unescape(re.search(rf'<a href="([^"]+)" class="{css_class}"', html)[1])


def post(client, plan, step, comment=None):
    data = {} if comment is None else {f"{step}-comment": comment}
    return client.post(admin_url(plan, step), data)


def message_of(response):
    """The message the request left for the next page (earlier ones, never shown here, come before it)."""
    return str(list(get_messages(response.wsgi_request))[-1])


def status_of(plan):
    return AnnualPlan.objects.get(pk=plan.pk).status


def events(plan):
    return list(WorkflowEvent.objects.filter(plan=plan).values_list("action", "actor__username", "comment"))


# What each role is offered


def test_the_dpo_is_offered_submit_and_the_links_answer(world):
    """One real render: the "Download PDF" link answers with the plan's PDF."""
    plan, users = world
    client = as_user(users["dpo_a"])
    html = page(client, plan)

    assert step_forms(html) == {"submit"}, "next year starts from an approved plan"

    pdf = client.get(link(html, "plan-pdf"))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "demo-01-annual-policing-plan-2023-2024.pdf" in pdf["Content-Disposition"]
    assert pdf.content.startswith(b"%PDF")
    preview = client.get(link(html, "plan-preview"))
    assert preview.status_code == 200 and plan.district.name in preview.content.decode()
    assert link(html, "plan-portal") == plan.get_absolute_url()
    assert client.get(plan.get_absolute_url()).status_code == 200


def test_the_clerk_is_offered_no_workflow_step_and_the_reviewer_only_on_a_submitted_plan(world):
    plan, users = world
    assert step_forms(page(as_user(users["clerk_a"]), plan)) == set()
    reviewer = as_user(users["reviewer_north"])
    assert step_forms(page(reviewer, plan)) == set(), "a draft is the district's to submit"

    submit(plan, users["dpo_a"])
    html = page(reviewer, plan)
    assert step_forms(html) == {"return", "approve"}
    assert "Return with comments" in html and "What must the district change? (required)" in html
    assert step_forms(page(as_user(users["dpo_a"]), plan)) == set()


# Taking the steps


def test_submit_return_and_approve_from_the_admin(world, fake_pdf):
    plan, users = world
    dpo, reviewer = as_user(users["dpo_a"]), as_user(users["reviewer_north"])

    response = post(dpo, plan, "submit", "For approval.")
    assert (response.status_code, response.url) == (302, admin_url(plan))
    assert status_of(plan) == PlanStatus.SUBMITTED
    assert "is submitted to the" in message_of(response)

    response = post(reviewer, plan, "return", "   ")
    assert response.url == admin_url(plan)
    assert status_of(plan) == PlanStatus.SUBMITTED
    assert "a comment is required to return a plan" in message_of(response)

    response = post(reviewer, plan, "return", "The budget of the new post is missing.")
    assert status_of(plan) == PlanStatus.DRAFT
    assert "is returned to the district" in message_of(response)

    post(dpo, plan, "submit")
    response = post(reviewer, plan, "approve", "Approved in the meeting of 12 August.")
    assert response.url == admin_url(plan)
    assert status_of(plan) == PlanStatus.APPROVED
    assert "is approved on behalf of the" in message_of(response)
    on_behalf = f"Approved on behalf of the {plan.district.get_approving_authority_display()}."
    assert events(plan) == [
        ("submit", "dpo_a", "For approval."),
        ("return", "reviewer_north", "The budget of the new post is missing."),
        ("submit", "dpo_a", ""),
        ("approve", "reviewer_north", f"{on_behalf}\nApproved in the meeting of 12 August."),
    ]


def test_an_approved_plan_shows_its_pdf_with_the_sha256_and_nothing_to_change(world, fake_pdf):
    plan, users = world
    submit(plan, users["dpo_a"])
    reviewer = as_user(users["reviewer_north"])
    post(reviewer, plan, "approve")
    sha256 = hashlib.sha256(fake_pdf).hexdigest()

    html = page(reviewer, plan)
    assert f"SHA-256 <code>{sha256}</code>" in html
    assert step_forms(html) == set()
    assert 'name="message"' not in html and 'name="signatory_name"' not in html, "the plan's own fields are read-only"
    assert "approved and locked" in html
    download = re.search(r'<a href="([^"]+)">Download the approved PDF</a>', html)[1]
    response = reviewer.get(download)
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == sha256


def test_the_kasur_plan_is_not_submitted_while_the_check_finds_errors(kasur_plan, django_user_model):
    errors = [finding for finding in run_checks(kasur_plan) if finding.is_error]
    assert errors, "the reference document's own arithmetic has slips"
    client = as_user(role_user("dpo_kasur", "dpo", group=True, staff=True, district=kasur_plan.district))

    response = client.post(admin_url(kasur_plan, "submit"), follow=True)
    assert response.redirect_chain == [(admin_url(kasur_plan), 302)]
    assert status_of(kasur_plan) == PlanStatus.DRAFT
    assert events(kasur_plan) == []
    listed = re.search(r'<ul class="messagelist">(.*?)</ul>\s*</li>', response.content.decode(), re.S)[1]
    assert f"the consistency check finds {len(errors)} error" in listed
    for finding in errors:
        assert f"<li>{finding.section}: {finding.message}</li>" in unescape(listed)


# Refusals


def test_another_districts_plan_answers_404(world):
    plan, users = world
    client = as_user(users["dpo_b"])
    for step in STEPS:
        assert post(client, plan, step, "x").status_code == 404, step
    assert status_of(plan) == PlanStatus.DRAFT
    assert not AnnualPlan.objects.filter(year_start=plan.year_start + 1).exists()


def test_a_clerk_may_not_submit(world):
    """As in the portal, a step the user's role does not allow answers 403 with the reason."""
    plan, users = world
    response = post(as_user(users["clerk_a"]), plan, "submit")
    assert response.status_code == 403
    assert status_of(plan) == PlanStatus.DRAFT and events(plan) == []


def test_steps_are_posts_only(world):
    plan, users = world
    assert as_user(users["dpo_a"]).get(admin_url(plan, "submit")).status_code == 405
    assert status_of(plan) == PlanStatus.DRAFT


def test_a_step_without_the_pages_csrf_token_is_refused(world):
    plan, users = world
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["dpo_a"])
    assert post(client, plan, "submit").status_code == 403
    assert status_of(plan) == PlanStatus.DRAFT


def test_a_step_the_status_does_not_allow_is_refused_with_a_message(world):
    plan, users = world
    response = post(as_user(users["reviewer_north"]), plan, "approve")
    assert response.url == admin_url(plan)
    assert "only a submitted plan can be approved" in message_of(response)
    assert status_of(plan) == PlanStatus.DRAFT


# Next year


def test_start_next_year_opens_the_new_draft(world):
    plan, users = world
    client = as_user(users["clerk_a"])
    refused = post(client, plan, "start_next_year")
    assert "not approved yet" in message_of(refused)
    assert not AnnualPlan.objects.filter(district=plan.district, year_start=plan.year_start + 1).exists()
    AnnualPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.APPROVED)
    html = page(client, plan)
    assert step_forms(html) == {"start-next-year"}
    assert f"Start {plan.year_start + 1}-{plan.year_start + 2} from this plan" in html

    response = post(client, plan, "start_next_year")
    new_plan = AnnualPlan.objects.get(district=plan.district, year_start=plan.year_start + 1)
    assert (response.status_code, response.url) == (302, admin_url(new_plan))
    assert new_plan.status == PlanStatus.DRAFT
    assert (new_plan.crime_first_year, new_plan.message) == (plan.crime_first_year + 1, plan.message)
    assert "is started from 2023-2024 as a draft" in message_of(response)

    again = post(client, plan, "start_next_year")
    assert again.url == admin_url(plan)
    assert "already has a plan for 2024-2025" in message_of(again)


# Locked plans


def test_a_locked_plan_cannot_be_changed_or_deleted_from_the_admin(admin_client, world):
    plan, users = world
    submit(plan, users["dpo_a"])
    message = plan.message

    assert admin_client.post(admin_url(plan), {"message": "Changed"}).status_code == 403
    assert admin_client.get(admin_url(plan, "delete")).status_code == 403
    assert admin_client.post(admin_url(plan, "delete"), {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [plan.pk], "post": "yes"}
    assert admin_client.post(reverse("admin:plans_annualplan_changelist"), bulk).status_code == 403
    row = plan.budget_allocations.first()
    row_delete = reverse("admin:plans_budgetallocation_delete", args=[row.pk])
    assert admin_client.post(row_delete, {"post": "yes"}).status_code == 403

    plan.refresh_from_db()
    assert plan.message == message
    assert plan.budget_allocations.filter(pk=row.pk).exists()
