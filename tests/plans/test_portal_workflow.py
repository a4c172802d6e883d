"""The approval workflow from the plan page: submit, return with comments, approve, start next year's plan."""

import hashlib
import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from initiatives.models import TargetProgress
from plans.consistency import run_checks
from plans.demo import build_demo_district
from plans.models import AnnualPlan, PlanStatus, Province, Region, WorkflowEvent
from plans.workflow import submit
from tests.api.factories import DemoPlanFactory, role_user


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world(db):
    """Districts A and B in region North, and region South; a consistent draft plan of A; one user per role."""
    punjab = Province.objects.create(name="Punjab Test", slug="punjab-test")
    north = Region.objects.create(province=punjab, name="North", slug="north")
    south = Region.objects.create(province=punjab, name="South", slug="south")
    a, b = build_demo_district(north, 1), build_demo_district(north, 2)
    users = {
        name: role_user(name, role, group=True, staff=True, **scope)
        for name, role, scope in [
            ("dpo_a", "dpo", {"district": a}),
            ("clerk_a", "clerk", {"district": a}),
            ("reader_a", "reader", {"district": a}),
            ("dpo_b", "dpo", {"district": b}),
            ("reviewer_north", "reviewer", {"region": north}),
            ("reviewer_south", "reviewer", {"region": south}),
        ]
    }
    plan = DemoPlanFactory(district=a, year_start=2023, seed=1)
    return plan, users


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def url(plan, name="plans:plan-detail"):
    return reverse(name, kwargs={"district": plan.district.slug, "year": plan.fiscal_year})


def page(client, plan):
    response = client.get(url(plan))
    assert response.status_code == 200
    return response.content.decode()


def forms_on(html):
    """The action URLs of the plan page's POST forms for the plan itself (not its targets' progress)."""
    actions = re.findall(r'<form method="post" action="(/plans/[^"]+)"', html)
    return {action for action in actions if "/targets/" not in action}


def progress_forms_on(html):
    return set(re.findall(r'<form method="post" action="(/plans/[^"]+/targets/[^"]+)"', html))


def step(client, plan, action, comment=""):
    """POST a workflow step as the plan page's form does, and the page it redirects to."""
    response = client.post(url(plan, f"plans:plan-{action}"), {f"{action}-comment": comment})
    assert response.status_code == 302 and response.url == url(plan), response
    return page(client, plan)


def messages_of(html):
    listed = re.search(r'<ul class="messages"[^>]*>(.*?)</ul>\s*\n', html, re.S)
    return unescape(re.sub(r"<[^>]+>", " ", listed[1])) if listed else ""


def events_of(html):
    """(what, comment, by whom and when) of each workflow step listed on the plan page, in order."""
    listed = re.search(r'<ol class="events">(.*?)</ol>', html, re.S)
    steps = []
    for item in re.findall(r"<li>(.*?)</li>", listed[1], re.S) if listed else []:
        comment = re.search(r"<blockquote[^>]*>(.*?)</blockquote>", item, re.S)
        steps.append(
            (
                unescape(re.search(r'class="events__what">([^<]*)<', item)[1]),
                unescape(comment[1].replace("<br>", "\n")) if comment else "",
                unescape(re.search(r'class="muted">([^<]*)<', item)[1]),
            )
        )
    return steps


def status_of(plan):
    return AnnualPlan.objects.get(pk=plan.pk).status


@pytest.mark.django_db
def test_submit_return_resubmit_approve_from_the_plan_page(world, fake_pdf):
    plan, users = world
    dpo, reviewer = as_user(users["dpo_a"]), as_user(users["reviewer_north"])
    authority = plan.district.get_approving_authority_display()

    html = page(dpo, plan)
    assert forms_on(html) == set(), "submitting goes through its confirmation page"
    assert f'href="{url(plan, "plans:plan-submit-confirm")}"' in html
    assert "Start 2024-2025" not in html, "next year starts from an approved plan"
    assert authority in html
    assert forms_on(page(reviewer, plan)) == set(), "a draft is the district's to submit"
    html = dpo.get(url(plan, "plans:plan-submit-confirm")).content.decode()
    assert forms_on(html) == {url(plan, "plans:plan-submit")}
    assert f"The plan goes to the {authority} for approval." in html

    html = step(dpo, plan, "submit", "  For approval, with the new police post.  ")
    assert status_of(plan) == PlanStatus.SUBMITTED
    assert "is submitted to the" in messages_of(html)
    assert url(plan, "plans:plan-submit") not in forms_on(html)

    html = page(reviewer, plan)
    assert forms_on(html) == {url(plan, "plans:plan-return")}
    assert f'href="{url(plan, "plans:plan-approve-confirm")}"' in html and "Return with comments" in html
    html = reviewer.get(url(plan, "plans:plan-approve-confirm")).content.decode()
    assert forms_on(html) == {url(plan, "plans:plan-approve")}
    assert "It is locked for good" in html and f"approved on behalf of the {authority}" in html
    assert "archived as the approved plan" in html

    html = step(reviewer, plan, "return", "   ")
    assert status_of(plan) == PlanStatus.SUBMITTED
    assert "a comment is required to return a plan" in messages_of(html)

    html = step(reviewer, plan, "return", "The budget of the new post is missing.")
    assert status_of(plan) == PlanStatus.DRAFT
    assert "is returned to the district" in messages_of(html)

    html = page(dpo, plan)
    assert "The budget of the new post is missing." in html
    assert '<span class="status status--returned"' in html and "Returned by reviewer_north" in html
    step(dpo, plan, "submit")
    html = step(reviewer, plan, "approve", "Approved in the meeting of 12 August.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert "is approved on behalf of the" in messages_of(html)
    assert forms_on(html) == set(), "an approved plan takes no further step"

    assert [(what, comment) for what, comment, _who in events_of(html)] == [
        ("Submitted", "For approval, with the new police post."),
        ("Returned with comments", "The budget of the new post is missing."),
        ("Submitted", ""),
        ("Approved", f"Approved on behalf of the {authority}.\nApproved in the meeting of 12 August."),
    ]
    assert [who.split(",")[0] for _what, _comment, who in events_of(html)] == [
        "by dpo_a",
        "by reviewer_north",
        "by dpo_a",
        "by reviewer_north",
    ]
    assert WorkflowEvent.objects.filter(plan=plan).count() == 4
    history = re.search(r'<a href="([^"]+)">Change history</a>', html)[1]
    assert history == reverse("admin:plans_annualplan_history", args=[plan.pk])
    assert reviewer.get(history).status_code == 200

    assert plan.approved_pdf_sha256 == hashlib.sha256(fake_pdf).hexdigest()
    assert plan.approved_pdf_sha256 in html
    assert f'href="{url(plan, "plans:approved-pdf")}"' in html


@pytest.mark.django_db
def test_a_step_the_status_does_not_allow_is_refused_with_a_message(world, fake_pdf):
    plan, users = world
    reviewer = as_user(users["reviewer_north"])

    html = step(reviewer, plan, "approve")

    assert status_of(plan) == PlanStatus.DRAFT
    assert "only a submitted plan can be approved" in messages_of(html)
    assert not WorkflowEvent.objects.filter(plan=plan).exists()


@pytest.mark.django_db
def test_submitting_kasur_is_refused_with_the_errors_the_check_finds(kasur_plan):
    errors = [finding for finding in run_checks(kasur_plan) if finding.is_error]
    assert errors, "the Kasur document has arithmetic slips the check reports"
    dpo = role_user("dpo_kasur", "dpo", group=True, staff=True, district=kasur_plan.district)

    html = page(as_user(dpo), kasur_plan)
    assert "submitting is refused until" in html
    html = step(as_user(dpo), kasur_plan, "submit", "For approval.")

    assert status_of(kasur_plan) == PlanStatus.DRAFT
    assert not WorkflowEvent.objects.filter(plan=kasur_plan).exists()
    shown = re.search(r'<ul class="messages"[^>]*>(.*?)</ul>\s*</li>', html, re.S)[1]
    assert f"consistency check finds {len(errors)} error" in shown
    listed = re.findall(r"<li>(.*?)</li>", shown[shown.index('class="message__list"') :], re.S)
    assert listed == [escape(f"{finding.section}: {finding.message}") for finding in errors]


@pytest.mark.django_db
@pytest.mark.parametrize("user", ["clerk_a", "reader_a", "reviewer_north"])
def test_who_may_not_submit_sees_no_button_and_gets_403(world, user):
    plan, users = world
    client = as_user(users[user])

    assert url(plan, "plans:plan-submit") not in forms_on(page(client, plan))
    response = client.post(url(plan, "plans:plan-submit"), {"submit-comment": "Sent"})

    assert response.status_code == 403
    assert "You may not submit the plan of Demo District 01." in response.content.decode()
    assert status_of(plan) == PlanStatus.DRAFT


@pytest.mark.django_db
def test_another_districts_user_gets_404_for_every_step(world):
    plan, users = world
    submit(plan, users["dpo_a"])
    for user in ("dpo_b", "reviewer_south"):
        client = as_user(users[user])
        for name in ("plan-submit", "plan-return", "plan-approve", "plan-start-next-year"):
            response = client.post(url(plan, f"plans:{name}"), {"return-comment": "No"})
            assert response.status_code == 404, (user, name)
    assert status_of(plan) == PlanStatus.SUBMITTED
    assert AnnualPlan.objects.filter(district=plan.district).count() == 1


@pytest.mark.django_db
def test_steps_are_post_only_and_need_the_csrf_token(world):
    plan, users = world
    assert as_user(users["dpo_a"]).get(url(plan, "plans:plan-submit")).status_code == 405

    client = Client(enforce_csrf_checks=True)
    client.force_login(users["dpo_a"])
    assert client.post(url(plan, "plans:plan-submit")).status_code == 403
    assert status_of(plan) == PlanStatus.DRAFT

    anonymous = Client().post(url(plan, "plans:plan-submit"))
    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_a_locked_plan_offers_no_editing_in_the_admin(world, fake_pdf, django_user_model):
    plan, users = world
    admin = django_user_model.objects.create_superuser("root")
    clients = [as_user(users["clerk_a"]), as_user(users["dpo_a"]), as_user(admin)]
    for client in clients:
        assert 'class="tool tool--edit"' in page(client, plan)

    submit(plan, users["dpo_a"])
    for client in clients:
        html = page(client, plan)
        assert 'class="tool tool--edit"' not in html
        assert "locked while the approving authority decides" in html

    step(as_user(users["reviewer_north"]), plan, "approve")
    for client in clients:
        html = page(client, plan)
        assert 'class="tool tool--edit"' not in html
        assert "locked for good" in html


@pytest.mark.django_db
def test_start_next_year_from_the_plan_page(world):
    plan, users = world
    clerk = as_user(users["clerk_a"])
    start = url(plan, "plans:plan-start-next-year")
    assert start not in forms_on(page(clerk, plan)), "a draft is this year's work"
    AnnualPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.APPROVED)
    assert start in forms_on(page(clerk, plan)) and "Start 2024-2025 from this plan" in page(clerk, plan)

    response = clerk.post(start)

    new_plan = AnnualPlan.objects.get(district=plan.district, year_start=2024)
    assert response.status_code == 302 and response.url == url(new_plan, "plans:plan-carried-forward")
    assert new_plan.status == PlanStatus.DRAFT
    assert new_plan.crime_last_year == plan.crime_last_year + 1
    html = page(clerk, new_plan)
    assert "is started from 2023-2024" in messages_of(html)
    assert new_plan.targets.count() == plan.targets.count()

    html = page(clerk, plan)
    assert start not in forms_on(html), "next year's plan exists"
    assert f'href="{url(new_plan)}"' in html
    again = clerk.post(start, follow=True)
    assert "already has a plan for 2024-2025" in messages_of(again.content.decode())
    assert AnnualPlan.objects.filter(district=plan.district).count() == 2


@pytest.mark.django_db
def test_reviewers_may_not_start_next_year(world):
    plan, users = world
    reviewer = as_user(users["reviewer_north"])
    assert "Start 2024-2025" not in page(reviewer, plan)

    response = reviewer.post(url(plan, "plans:plan-start-next-year"))

    assert response.status_code == 403
    assert not AnnualPlan.objects.filter(district=plan.district, year_start=2024).exists()


@pytest.mark.django_db
def test_approval_keeps_the_rendered_pdf_with_its_sha256(world):
    """The one test with the real renderer: what is approved is the PDF of the plan, downloadable after."""
    plan, users = world
    submit(plan, users["dpo_a"])
    reviewer = as_user(users["reviewer_north"])

    html = step(reviewer, plan, "approve")

    plan.refresh_from_db()
    response = reviewer.get(url(plan, "plans:approved-pdf"))
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == plan.approved_pdf_sha256
    assert plan.approved_pdf_sha256 in html


def progress_url(plan, target, quarter):
    kwargs = {"district": plan.district.slug, "year": plan.fiscal_year, "target": target.pk, "quarter": quarter}
    return reverse("plans:target-progress", kwargs=kwargs)


@pytest.mark.django_db
def test_reviewers_record_quarterly_progress_on_the_approved_plan(world, fake_pdf):
    plan, users = world
    submit(plan, users["dpo_a"])
    step(as_user(users["reviewer_north"]), plan, "approve")
    reviewer = as_user(users["reviewer_north"])
    first = plan.targets.order_by("position", "pk").first()

    html = page(reviewer, plan)
    forms = progress_forms_on(html)
    assert len(forms) == 4 * plan.targets.count()
    assert progress_url(plan, first, 2) in forms

    prefix = f"progress-{first.pk}-2"
    response = reviewer.post(progress_url(plan, first, 2), {f"{prefix}-status": "at_risk", f"{prefix}-note": "No land"})
    assert response.status_code == 302 and response.url == f"{url(plan)}#progress-{first.pk}"
    progress = TargetProgress.objects.get(target=first, quarter=2)
    assert (progress.status, progress.note) == ("at_risk", "No land")
    assert progress.history.latest().history_user == users["reviewer_north"]
    row = re.search(rf'id="progress-{first.pk}">.*?</tr>', page(reviewer, plan), re.S)[0]
    assert "At risk" in row and "No land" in row

    reviewer.post(progress_url(plan, first, 2), {f"{prefix}-status": "achieved", f"{prefix}-note": ""})
    assert list(TargetProgress.objects.filter(target=first).values_list("quarter", "status")) == [(2, "achieved")]

    html = reviewer.post(progress_url(plan, first, 3), {f"progress-{first.pk}-3-status": "done"}, follow=True)
    assert "Select a valid choice" in messages_of(html.content.decode())
    assert not TargetProgress.objects.filter(target=first, quarter=3).exists()
    assert reviewer.post(progress_url(plan, first, 5), {}).status_code == 404


@pytest.mark.django_db
def test_who_may_not_record_progress_sees_no_form(world):
    plan, users = world
    target = plan.targets.first()
    data = {f"progress-{target.pk}-1-status": "on_track"}

    reader = as_user(users["reader_a"])
    assert progress_forms_on(page(reader, plan)) == set()
    assert reader.post(progress_url(plan, target, 1), data).status_code == 403
    assert as_user(users["reviewer_south"]).post(progress_url(plan, target, 1), data).status_code == 404
    assert not TargetProgress.objects.exists()
