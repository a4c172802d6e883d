"""The workflow through the API: submit, return, approve and next year, with the tokens of the roles that act."""

import hashlib
import importlib
import inspect

import pytest
from django.urls import reverse

import publication.archive
from initiatives.models import Target, TargetProgress
from kasur_police.api import urls as api_urls
from plans.base import PlanPart
from plans.consistency import run_checks
from plans.models import AnnualPlan, PlanStatus, Role, WorkflowEvent
from strength.models import StrengthEntry
from tests.api.factories import role_user
from tests.api.fixtures import token_client
from tests.api.resource import LockTests, ResourceTestCase

FAKE_PDF = b"%PDF-1.7 the plan as approved"
RESOURCE_TEST_MODULES = ["plans", "strength", "logistics", "crime_stats", "initiatives"]


@pytest.fixture
def printer(monkeypatch):
    """Rendering stands in for WeasyPrint here (tests/plans/test_api_documents.py prints for real)."""
    printed = []

    def render_archival_pdf(plan):
        printed.append((plan.pk, plan.status))
        return FAKE_PDF

    monkeypatch.delenv("APPROVAL_SIGNING_P12", raising=False)
    monkeypatch.setattr(publication.archive, "render_archival_pdf", render_archival_pdf)
    return printed


def step_url(plan, step):
    return reverse(f"api:annualplan-{step}", args=[plan.pk])


def detail_url(plan):
    return reverse("api:annualplan-detail", args=[plan.pk])


def post(client, plan, step, **body):
    return client.post(step_url(plan, step), body, format="json")


def status_of(plan):
    return AnnualPlan.objects.get(pk=plan.pk).status


def actions(response):
    return [action["action"] for action in response.json()["allowed_actions"]]


def test_a_plan_goes_from_draft_to_approved_with_its_steps_recorded(offices, printer):
    plan = offices.plan
    dpo, reviewer = offices.client("dpo_a"), offices.client("reviewer_north")

    shown = dpo.get(detail_url(plan)).json()
    assert shown["status"] == "draft"
    assert shown["approving_authority"] == offices.a.approving_authority
    assert shown["allowed_actions"] == [{"action": "submit", "url": "http://testserver" + step_url(plan, "submit")}]
    assert shown["approved_pdf"] is None and shown["approved_pdf_sha256"] == ""
    assert actions(reviewer.get(detail_url(plan))) == []

    response = post(dpo, plan, "submit", comment="For approval, please.")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["plan"]["status"] == "submitted"
    assert body["plan"]["allowed_actions"] == []
    assert body["event"]["action"] == "submit"
    assert (body["event"]["from_status"], body["event"]["to_status"]) == ("draft", "submitted")
    assert body["event"]["actor"]["username"] == "dpo_a"
    assert body["event"]["comment"] == "For approval, please."
    assert status_of(plan) == PlanStatus.SUBMITTED
    assert actions(reviewer.get(detail_url(plan))) == ["return", "approve"]

    response = post(reviewer, plan, "return", comment="Table b does not add up; correct the SI row.")
    assert response.status_code == 200, response.json()
    assert response.json()["plan"]["status"] == "draft"
    assert response.json()["event"]["actor"]["username"] == "reviewer_north"
    assert actions(dpo.get(detail_url(plan))) == ["submit"]

    assert post(dpo, plan, "submit").status_code == 200
    response = post(reviewer, plan, "approve", comment="Approved in the commission's meeting.")
    assert response.status_code == 200, response.json()
    approved = response.json()["plan"]
    assert approved["status"] == "approved"
    assert approved["approved_pdf"] == "http://testserver" + reverse("api:annualplan-approved-pdf", args=[plan.pk])
    assert approved["approved_pdf_sha256"] == hashlib.sha256(FAKE_PDF).hexdigest()
    assert printer == [(plan.pk, PlanStatus.APPROVED)]
    authority = offices.a.get_approving_authority_display()
    assert response.json()["event"]["comment"] == (
        f"Approved on behalf of the {authority}.\nApproved in the commission's meeting."
    )

    events = dpo.get(reverse("api:workflowevent-list"), {"plan_id": plan.pk}).json()["results"]
    assert [(event["action"], event["actor"]["username"]) for event in events] == [
        ("submit", "dpo_a"),
        ("return", "reviewer_north"),
        ("submit", "dpo_a"),
        ("approve", "reviewer_north"),
    ]
    assert events[1]["comment"] == "Table b does not add up; correct the SI row."

    download = dpo.get(approved["approved_pdf"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == FAKE_PDF
    assert download["X-Content-SHA256"] == approved["approved_pdf_sha256"]
    for client, step in ((dpo, "submit"), (reviewer, "return"), (reviewer, "approve")):
        assert post(client, plan, step, comment="Once more.").status_code == 409, step
    assert WorkflowEvent.objects.filter(plan=plan).count() == 4


@pytest.mark.parametrize("step", ["approve", "return"])
def test_a_draft_cannot_be_approved_or_returned(offices, printer, step):
    response = post(offices.client("reviewer_north"), offices.plan, step, comment="Too early.")

    assert response.status_code == 409
    done = {"approve": "approved", "return": "returned with comments"}[step]
    assert response.json() == {"detail": f"{offices.plan} is draft: only a submitted plan can be {done}."}
    assert status_of(offices.plan) == PlanStatus.DRAFT
    assert printer == []


def test_a_submitted_plan_cannot_be_submitted_again(offices):
    dpo = offices.client("dpo_a")
    assert post(dpo, offices.plan, "submit").status_code == 200

    response = post(dpo, offices.plan, "submit")

    assert response.status_code == 409
    assert response.json() == {"detail": f"{offices.plan} is submitted: only a draft plan can be submitted."}
    assert WorkflowEvent.objects.filter(plan=offices.plan).count() == 1


def test_a_return_needs_a_comment(offices):
    post(offices.client("dpo_a"), offices.plan, "submit")
    reviewer = offices.client("reviewer_north")

    assert post(reviewer, offices.plan, "return").json() == {"comment": ["This field is required."]}
    response = post(reviewer, offices.plan, "return", comment="  ")
    assert response.status_code == 400
    assert response.json() == {
        "comment": ["Say what the district must change: a comment is required to return a plan."]
    }
    assert status_of(offices.plan) == PlanStatus.SUBMITTED


def test_the_kasur_plan_is_refused_with_the_consistency_checks_findings(kasur_plan):
    dpo = token_client(role_user("dpo_kasur", Role.DPO, district=kasur_plan.district, group=True, token=True))
    errors = [finding for finding in run_checks(kasur_plan) if finding.is_error]
    assert errors, "the document has arithmetic mistakes of its own"

    response = post(dpo, kasur_plan, "submit")

    assert response.status_code == 409
    body = response.json()
    assert body["detail"].startswith(f"The consistency check finds {len(errors)} error(s); correct them")
    assert body["findings"] == [
        {"severity": "error", "section": finding.section, "message": finding.message} for finding in errors
    ]
    assert status_of(kasur_plan) == PlanStatus.DRAFT
    assert not WorkflowEvent.objects.filter(plan=kasur_plan).exists()


# Who may act -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["clerk_a", "reader_a", "reviewer_north"])
def test_only_the_districts_dpo_submits(offices, user):
    response = post(offices.client(user), offices.plan, "submit")

    assert response.status_code == 403
    assert response.json() == {"detail": f"You may not submit the plan of {offices.a}."}
    assert status_of(offices.plan) == PlanStatus.DRAFT


@pytest.mark.parametrize("user", ["dpo_a", "clerk_a", "reader_a"])
@pytest.mark.parametrize("step", ["return", "approve"])
def test_only_a_reviewer_over_the_district_returns_or_approves(offices, printer, user, step):
    post(offices.client("dpo_a"), offices.plan, "submit")

    response = post(offices.client(user), offices.plan, step, comment="Looks fine to me.")

    assert response.status_code == 403
    assert response.json() == {"detail": f"You may not {step} the plan of {offices.a}."}
    assert status_of(offices.plan) == PlanStatus.SUBMITTED
    assert printer == []


def test_another_districts_plan_is_not_found(offices, printer):
    post(offices.client("dpo_a"), offices.plan, "submit")
    before = WorkflowEvent.objects.count()

    for user, step in [("dpo_b", "submit"), ("reviewer_south", "approve"), ("reviewer_south", "return")]:
        assert post(offices.client(user), offices.plan, step, comment="Not mine.").status_code == 404, (user, step)
    assert post(offices.client("dpo_b"), offices.plan, "next-year").status_code == 404
    for name in ("detail", "full", "pdf", "approved-pdf", "target-progress"):
        url = reverse(f"api:annualplan-{name}", args=[offices.plan.pk])
        assert offices.client("dpo_b").get(url).status_code == 404, name
    assert WorkflowEvent.objects.count() == before
    assert status_of(offices.plan) == PlanStatus.SUBMITTED


def test_steps_need_a_login_and_the_view_permission(offices):
    assert post(offices.client(), offices.plan, "submit").status_code == 401
    offices.users["dpo_a"].groups.clear()

    response = post(offices.client("dpo_a"), offices.plan, "submit")

    assert response.status_code == 403
    assert status_of(offices.plan) == PlanStatus.DRAFT


# A locked plan -----------------------------------------------------------------------------------------


def test_a_submitted_plan_refuses_writes_and_a_returned_one_takes_them_again(offices):
    entry = StrengthEntry.objects.filter(plan=offices.plan).first()
    dpo = offices.client("dpo_a")
    entry_url = reverse("api:strengthentry-detail", args=[entry.pk])
    post(dpo, offices.plan, "submit")

    for response in (
        dpo.patch(entry_url, {"present": entry.present + 1}, format="json"),
        dpo.delete(entry_url),
        dpo.patch(detail_url(offices.plan), {"message": "A late change."}, format="json"),
        dpo.post(reverse("api:target-list"), {"plan": offices.plan.pk, "category": "One more"}, format="json"),
    ):
        assert response.status_code == 409
        assert "locked: it must be returned to draft" in response.json()["detail"]
    assert StrengthEntry.objects.get(pk=entry.pk).present == entry.present

    post(offices.client("reviewer_north"), offices.plan, "return", comment="Correct the strength table.")
    assert dpo.patch(entry_url, {"present": entry.present + 1}, format="json").status_code == 200


def resource_test_classes():
    modules = [importlib.import_module(f"tests.{name}.test_api") for name in RESOURCE_TEST_MODULES]
    return [
        cls
        for module in modules
        for _name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, ResourceTestCase) and cls.model is not None
    ]


def test_every_resource_of_a_plans_rows_has_the_locked_plan_test():
    """`LockTests.test_locked_plan_refuses_writes` runs for every resource of plan rows: none is left out."""
    locked = {cls.model for cls in resource_test_classes() if issubclass(cls, LockTests)}
    plan_rows = {viewset.queryset.model for _prefix, viewset, _basename in api_urls.router.registry}
    plan_rows = {model for model in plan_rows if issubclass(model, PlanPart) or model is AnnualPlan}

    assert plan_rows
    assert plan_rows <= locked, plan_rows - locked


def test_quarterly_progress_is_recorded_by_reviewers_on_an_approved_plan(offices, printer):
    plan = offices.plan
    post(offices.client("dpo_a"), plan, "submit")
    post(offices.client("reviewer_north"), plan, "approve")
    target = Target.objects.filter(plan=plan).first()
    reviewer = offices.client("reviewer_north")

    created = reviewer.post(
        reverse("api:targetprogress-list"),
        {"target": target.pk, "quarter": 1, "status": "on_track", "note": "Two of five markaz open."},
        format="json",
    )
    assert created.status_code == 201, created.json()
    url = reverse("api:targetprogress-detail", args=[created.json()["id"]])
    changed = reviewer.patch(url, {"status": "at_risk"}, format="json")
    assert changed.status_code == 200, changed.json()
    assert TargetProgress.objects.get(pk=created.json()["id"]).status == "at_risk"

    table = reviewer.get(reverse("api:annualplan-target-progress", args=[plan.pk])).json()
    row = next(row for row in table["rows"] if row["target"]["id"] == target.pk)
    assert row["quarters"][0]["status"] == "at_risk"
    assert row["quarters"][1:] == [None, None, None]
    assert row["latest"]["id"] == created.json()["id"]

    # The target itself is part of the approved plan: locked.
    response = offices.client("dpo_a").patch(
        reverse("api:target-detail", args=[target.pk]), {"category": "Renamed"}, format="json"
    )
    assert response.status_code == 409
    assert reviewer.delete(url).status_code == 403  # reviewers record progress, they do not delete it


# Next year ---------------------------------------------------------------------------------------------


def test_next_years_draft_is_started_from_the_plan(offices):
    dpo = offices.client("dpo_a")
    url = step_url(offices.plan, "next-year")
    refused = dpo.post(url)
    assert refused.status_code == 409, "next year starts from an approved plan"
    assert refused.json() == {"detail": f"{offices.plan} is not approved yet: next year starts from an approved plan."}
    AnnualPlan.objects.filter(pk=offices.plan.pk).update(status=PlanStatus.APPROVED)

    response = dpo.post(url)

    assert response.status_code == 201, response.json()
    body = response.json()
    new_plan = AnnualPlan.objects.get(pk=body["id"])
    assert (new_plan.district, new_plan.year_start, new_plan.status) == (offices.a, 2024, PlanStatus.DRAFT)
    assert body["fiscal_year"] == "2024-2025" and body["status"] == "draft"
    assert (body["crime_first_year"], body["crime_last_year"]) == (
        offices.plan.crime_first_year + 1,
        offices.plan.crime_last_year + 1,
    )
    assert response["Location"] == body["url"]
    assert Target.objects.filter(plan=new_plan).count() == Target.objects.filter(plan=offices.plan).count()

    again = dpo.post(url)
    assert again.status_code == 409
    assert again.json() == {"detail": f"{offices.a} already has a plan for 2024-2025."}


@pytest.mark.parametrize("user", ["reviewer_north", "reader_a"])
def test_next_year_is_started_by_the_district_only(offices, user):
    response = offices.client(user).post(step_url(offices.plan, "next-year"))

    assert response.status_code == 403
    assert not AnnualPlan.objects.filter(district=offices.a, year_start=2024).exists()


# The plan's representation -----------------------------------------------------------------------------


def test_allowed_actions_are_on_a_single_plan_not_in_lists(offices):
    reviewer = offices.client("reviewer_north")
    listed = reviewer.get(reverse("api:annualplan-list")).json()["results"]

    assert [plan["id"] for plan in listed] == [offices.plan.pk]
    assert "allowed_actions" not in listed[0]
    assert {"status", "approving_authority", "approved_pdf", "approved_pdf_sha256"} <= set(listed[0])


def test_the_schema_documents_the_workflow_errors(offices):
    schema = offices.client().get(reverse("api-schema"), {"format": "json"}).json()

    for step in ("submit", "return", "approve", "next-year"):
        operation = schema["paths"][f"/api/v1/plans/{{id}}/{step}/"]["post"]
        assert {"400", "401", "403", "404", "409"} <= set(operation["responses"]), step
    conflict = schema["components"]["schemas"]["Error"]["properties"]["findings"]  # the one error shape
    assert conflict["items"] == {"$ref": "#/components/schemas/Finding"}
    assert set(schema["components"]["schemas"]["Finding"]["properties"]) == {"severity", "section", "message"}
    assert schema["paths"]["/api/v1/plans/{id}/return/"]["post"]["requestBody"]["required"] is True
