"""Submit, return and approve: who may, from which status, and what each step records."""

import hashlib
import types

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from plans import workflow
from plans.base import PlanLocked
from plans.demo import build_demo_district
from plans.models import AnnualPlan, PlanStatus, Province, Region, WorkflowEvent
from plans.workflow import WorkflowError, allowed_actions, approve, ensure_plan_editable, return_to_draft, submit
from strength.models import StrengthEntry
from tests.api.factories import DemoPlanFactory, role_user

PDF = b"%PDF-1.7 approved plan"


class FakeFinding:
    def __init__(self, severity, message):
        self.severity, self.message = severity, message


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def findings(monkeypatch):
    """What the consistency check will report (nothing unless a test adds findings)."""
    reported = []
    import plans.consistency

    monkeypatch.setattr(plans.consistency, "run_checks", lambda plan: list(reported))
    return reported


@pytest.fixture
def renderer(monkeypatch):
    """A stand-in for the archival rendering at approval that records what it rendered (unsigned: no certificate)."""
    import publication.archive

    rendered = []

    def render_archival_pdf(plan):
        rendered.append((plan.pk, plan.status))
        return PDF

    monkeypatch.delenv("APPROVAL_SIGNING_P12", raising=False)
    monkeypatch.setattr(publication.archive, "render_archival_pdf", render_archival_pdf)
    return rendered


@pytest.fixture
def world(db):
    """Region North with districts A and B, region South with district C, a plan of A, and one user per role."""
    punjab = Province.objects.create(name="Punjab", slug="punjab")
    north = Region.objects.create(province=punjab, name="North", slug="north")
    south = Region.objects.create(province=punjab, name="South", slug="south")
    a, b = build_demo_district(north, 1), build_demo_district(north, 2)
    c = build_demo_district(south, 3)
    users = {}
    for name, role, scope in [
        ("dpo_a", "dpo", {"district": a}),
        ("clerk_a", "clerk", {"district": a}),
        ("dpo_b", "dpo", {"district": b}),
        ("reviewer_north", "reviewer", {"region": north}),
        ("reviewer_south", "reviewer", {"region": south}),
        ("commission_a", "reviewer", {"district": a}),
        ("reviewer_punjab", "reviewer", {"province": punjab}),
        ("reader_punjab", "reader", {"province": punjab}),
    ]:
        users[name] = role_user(name, role, staff=True, **scope)
    users["admin"] = get_user_model().objects.create_superuser("admin")
    users["nobody"] = get_user_model().objects.create_user("nobody")
    users["anonymous"] = AnonymousUser()
    plan = DemoPlanFactory(district=a, year_start=2023, seed=1)
    return types.SimpleNamespace(plan=plan, users=users, districts=(a, b, c))


def submitted(world, findings):
    return submit(world.plan, world.users["dpo_a"])


def status_of(plan):
    return AnnualPlan.objects.get(pk=plan.pk).status


def events(plan):
    return list(WorkflowEvent.objects.filter(plan=plan).values_list("action", "from_status", "to_status"))


# Submitting


def test_the_dpo_submits_a_draft(world, findings):
    plan = world.plan

    saved = submit(plan, world.users["dpo_a"], comment="  For approval.  ")

    assert status_of(plan) == plan.status == saved.status == PlanStatus.SUBMITTED
    event = WorkflowEvent.objects.get(plan=plan)
    assert (event.action, event.from_status, event.to_status) == ("submit", "draft", "submitted")
    assert (event.actor, event.comment) == (world.users["dpo_a"], "For approval.")
    latest = AnnualPlan.history.filter(id=plan.pk).latest("history_date")
    assert (latest.status, latest.history_user) == ("submitted", world.users["dpo_a"])


@pytest.mark.parametrize(
    "user", ["clerk_a", "dpo_b", "reviewer_north", "commission_a", "reader_punjab", "nobody", "anonymous"]
)
def test_only_the_district_dpo_submits(world, findings, user):
    with pytest.raises(PermissionDenied):
        submit(world.plan, world.users[user])

    assert status_of(world.plan) == PlanStatus.DRAFT
    assert events(world.plan) == []


def test_a_superuser_may_submit(world, findings):
    submit(world.plan, world.users["admin"])

    assert status_of(world.plan) == PlanStatus.SUBMITTED


def test_submitting_twice_is_a_conflict(world, findings):
    submitted(world, findings)

    with pytest.raises(WorkflowError, match="is submitted: only a draft plan can be submitted") as error:
        submit(world.plan, world.users["dpo_a"])
    assert error.value.code == "conflict"
    assert isinstance(error.value, ValidationError)
    assert len(events(world.plan)) == 1


def test_errors_of_the_consistency_check_block_submission(world, findings):
    findings += [
        FakeFinding("error", "Riot Jacket: 647 + 0 = 647, but the total stock is printed as 949"),
        FakeFinding("warning", "The organogram shows 3 sub-divisions, but the vital statistics state 4"),
        FakeFinding("error", "Urban 67% + rural 30% = 97%, not 100%"),
    ]

    with pytest.raises(WorkflowError) as error:
        submit(world.plan, world.users["dpo_a"])

    message = error.value.messages[0]
    assert "finds 2 error(s)" in message
    assert "Riot Jacket" in message and "Urban 67%" in message
    assert "organogram" not in message
    assert [finding.message for finding in error.value.findings] == [findings[0].message, findings[2].message]
    assert status_of(world.plan) == PlanStatus.DRAFT
    assert events(world.plan) == []


def test_many_errors_are_summarised(world, findings):
    findings += [FakeFinding("error", f"Error number {n}") for n in range(1, 9)]

    with pytest.raises(WorkflowError, match=r"finds 8 error\(s\).*Error number 5 \(and 3 more\)"):
        submit(world.plan, world.users["dpo_a"])


def test_warnings_alone_do_not_block_submission(world, findings):
    findings.append(FakeFinding("warning", "Police encounters: nothing reported"))

    submit(world.plan, world.users["dpo_a"])

    assert status_of(world.plan) == PlanStatus.SUBMITTED


def test_the_real_consistency_check_lets_a_clean_demo_plan_through(world):
    submit(world.plan, world.users["dpo_a"])

    assert status_of(world.plan) == PlanStatus.SUBMITTED


# Returning


@pytest.mark.parametrize("user", ["reviewer_north", "commission_a", "reviewer_punjab", "admin"])
def test_a_reviewer_covering_the_district_returns_with_comments(world, findings, user):
    submitted(world, findings)

    return_to_draft(world.plan, world.users[user], "Correct the anti-riot totals.")

    assert status_of(world.plan) == world.plan.status == PlanStatus.DRAFT
    event = WorkflowEvent.objects.filter(plan=world.plan).latest("pk")
    assert (event.action, event.to_status, event.actor) == ("return", "draft", world.users[user])
    assert event.comment == "Correct the anti-riot totals."


@pytest.mark.parametrize("user", ["reviewer_south", "dpo_a", "clerk_a", "reader_punjab", "nobody", "anonymous"])
def test_others_may_not_return(world, findings, user):
    submitted(world, findings)

    for comment in ("No.", ""):  # refused for who they are, before the comment is looked at
        with pytest.raises(PermissionDenied):
            return_to_draft(world.plan, world.users[user], comment)
    assert status_of(world.plan) == PlanStatus.SUBMITTED


@pytest.mark.parametrize("comment", ["", "   ", None])
def test_returning_needs_a_comment(world, findings, comment):
    submitted(world, findings)

    with pytest.raises(ValidationError) as error:
        return_to_draft(world.plan, world.users["reviewer_north"], comment)
    assert "comment" in error.value.message_dict
    assert status_of(world.plan) == PlanStatus.SUBMITTED


def test_only_a_submitted_plan_can_be_returned(world, findings, renderer):
    with pytest.raises(WorkflowError, match="only a submitted plan can be returned"):
        return_to_draft(world.plan, world.users["reviewer_north"], "Why?")

    submitted(world, findings)
    approve(world.plan, world.users["reviewer_north"])
    with pytest.raises(WorkflowError, match="is approved"):
        return_to_draft(world.plan, world.users["reviewer_north"], "Too late.")
    assert status_of(world.plan) == PlanStatus.APPROVED


# Approving


def test_a_reviewer_approves_and_the_pdf_is_kept_with_its_hash(world, findings, renderer):
    submitted(world, findings)

    approve(world.plan, world.users["reviewer_north"], comment="Well done.")

    plan = AnnualPlan.objects.get(pk=world.plan.pk)
    assert plan.status == PlanStatus.APPROVED
    assert renderer == [(plan.pk, PlanStatus.APPROVED)]
    assert plan.approved_pdf.name == "approved/demo-01-annual-policing-plan-2023-2024-approved.pdf"
    with plan.approved_pdf.open("rb") as stored:
        content = stored.read()
    assert content == PDF
    assert plan.approved_pdf_sha256 == hashlib.sha256(content).hexdigest()
    event = WorkflowEvent.objects.filter(plan=plan).latest("pk")
    authority = plan.district.get_approving_authority_display()
    assert event.comment == f"Approved on behalf of the {authority}.\nWell done."
    assert (event.action, event.from_status, event.to_status) == ("approve", "submitted", "approved")


@pytest.mark.parametrize("user", ["commission_a", "reviewer_punjab", "admin"])
def test_reviewers_of_the_district_or_province_and_superusers_approve(world, findings, renderer, user):
    submitted(world, findings)

    approve(world.plan, world.users[user])

    assert status_of(world.plan) == PlanStatus.APPROVED


@pytest.mark.parametrize(
    "user", ["reviewer_south", "dpo_a", "clerk_a", "dpo_b", "reader_punjab", "nobody", "anonymous"]
)
def test_others_may_not_approve(world, findings, renderer, user):
    submitted(world, findings)

    with pytest.raises(PermissionDenied):
        approve(world.plan, world.users[user])
    assert status_of(world.plan) == PlanStatus.SUBMITTED
    assert renderer == []


def test_a_draft_cannot_be_approved_nor_an_approved_plan_again(world, findings, renderer):
    with pytest.raises(WorkflowError, match="is draft: only a submitted plan can be approved"):
        approve(world.plan, world.users["reviewer_north"])

    submitted(world, findings)
    approve(world.plan, world.users["reviewer_north"])
    with pytest.raises(WorkflowError, match="is approved"):
        approve(world.plan, world.users["reviewer_north"])
    assert renderer == [(world.plan.pk, PlanStatus.APPROVED)]


def test_a_failed_rendering_leaves_the_plan_submitted(world, findings, monkeypatch):
    def broken(plan):
        raise RuntimeError("renderer down")

    import publication.archive

    monkeypatch.setattr(publication.archive, "render_archival_pdf", broken)
    submitted(world, findings)

    with pytest.raises(RuntimeError):
        approve(world.plan, world.users["reviewer_north"])
    plan = AnnualPlan.objects.get(pk=world.plan.pk)
    assert (plan.status, plan.approved_pdf.name, plan.approved_pdf_sha256) == ("submitted", "", "")
    assert [action for action, _from, _to in events(plan)] == ["submit"]


# Approval with the real renderer: the stored bytes and their SHA-256 are checked on the real rendering in
# tests/publication/test_archive.py (signed) and tests/plans/test_portal_workflow.py (unsigned, from the plan page).


# The lock and the buttons


def test_a_submitted_or_approved_plan_is_locked_and_returning_unlocks_it(world, findings, renderer):
    entry = StrengthEntry.objects.filter(plan=world.plan).first()
    ensure_plan_editable(world.plan)

    submitted(world, findings)
    entry.present += 1
    with pytest.raises(PlanLocked):
        entry.save()
    with pytest.raises(PlanLocked, match="is submitted and locked"):
        ensure_plan_editable(AnnualPlan.objects.get(pk=world.plan.pk))

    return_to_draft(world.plan, world.users["reviewer_north"], "Recount.")
    StrengthEntry.objects.get(pk=entry.pk).save()
    ensure_plan_editable(AnnualPlan.objects.get(pk=world.plan.pk))

    submit(world.plan, world.users["dpo_a"])
    approve(world.plan, world.users["reviewer_north"])
    with pytest.raises(PlanLocked, match="is approved and locked"):
        ensure_plan_editable(AnnualPlan.objects.get(pk=world.plan.pk))


def test_allowed_actions_follow_role_scope_and_status(world, findings):
    users, plan = world.users, world.plan

    assert allowed_actions(users["dpo_a"], plan) == ["submit"]
    assert allowed_actions(users["clerk_a"], plan) == []
    assert allowed_actions(users["reviewer_north"], plan) == []
    submitted(world, findings)
    assert allowed_actions(users["dpo_a"], plan) == []
    assert allowed_actions(users["reviewer_north"], plan) == ["return", "approve"]
    assert allowed_actions(users["reviewer_south"], plan) == []
    assert allowed_actions(users["anonymous"], plan) == []


def test_every_refusal_is_raised_before_anything_is_written(world, findings):
    """A refused step writes neither an event nor a history row."""
    before = AnnualPlan.history.filter(id=world.plan.pk).count()

    for user in ("clerk_a", "reviewer_north"):
        with pytest.raises(PermissionDenied):
            workflow.submit(world.plan, world.users[user])

    assert AnnualPlan.history.filter(id=world.plan.pk).count() == before
    assert events(world.plan) == []
