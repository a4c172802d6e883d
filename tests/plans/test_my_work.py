"""Statuses people can see: Returned, the reviewer's and the district's work lists, confirmations, e-mail."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from crime_stats.models import CrimeFigure
from plans.consistency import run_checks
from plans.demo import build_demo_district, build_demo_plan
from plans.models import AnnualPlan, Membership, PlanStatus, Province, Region
from plans.workflow import approve, return_to_draft, submit


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def fake_pdf(monkeypatch):
    """Approval renders the archival PDF with WeasyPrint (seconds); these tests are about the mails around it."""
    import publication.archive

    monkeypatch.delenv("APPROVAL_SIGNING_P12", raising=False)
    monkeypatch.setattr(publication.archive, "render_archival_pdf", lambda plan: b"%PDF-1.7 approved")


def make_user(username, role, email="", **scope):
    user = get_user_model().objects.create_user(username=username, email=email, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    Membership.objects.create(user=user, role=role, **scope)
    return user


@pytest.fixture
def world(db):
    punjab = Province.objects.create(name="Punjab", slug="punjab")
    north = Region.objects.create(province=punjab, name="North", slug="north")
    south = Region.objects.create(province=punjab, name="South", slug="south")
    a = build_demo_district(north, 1)
    users = {
        "dpo": make_user("dpo_a", "dpo", "dpo@a.example", district=a),
        "clerk": make_user("clerk_a", "clerk", "clerk@a.example", district=a),
        "north": make_user("reviewer_north", "reviewer", "rpo@north.example", region=north),
        "south": make_user("reviewer_south", "reviewer", "rpo@south.example", region=south),
        "province": make_user("reviewer_cpo", "reviewer", "cpo@punjab.example", province=punjab),
    }
    return build_demo_plan(a, 2023, seed=1), users


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def my_work(user):
    return client_of(user).get(reverse("plans:my-work")).content.decode()


def test_a_returned_plan_shows_returned_with_comment_and_who(world, django_capture_on_commit_callbacks):
    plan, users = world
    with django_capture_on_commit_callbacks(execute=True):
        submit(plan, users["dpo"])
        return_to_draft(plan, users["north"], "The budget of the new post is missing.")
    plan = AnnualPlan.objects.get(pk=plan.pk)
    assert (plan.status, plan.is_returned, plan.status_label) == (PlanStatus.DRAFT, True, "Returned")

    home = client_of(users["clerk"]).get(reverse("plans:home")).content.decode()
    assert (
        '<span class="status status--returned" title="The budget of the new post is missing.">Returned</span>' in home
    )
    work = my_work(users["clerk"])
    assert "Returned with comments: act on them, then submit again." in work
    assert "The budget of the new post is missing." in work and "Returned by reviewer_north" in work


def test_a_draft_never_submitted_is_a_draft(world):
    plan, _users = world
    assert (plan.is_returned, plan.status_label) == (False, "Draft")


def test_the_reviewers_queue_holds_submitted_plans_in_scope(world, django_assert_max_num_queries):
    plan, users = world
    submit(plan, users["dpo"], "With the new police post.")

    work = my_work(users["north"])
    assert f'<a href="{plan.get_absolute_url()}">{plan}</a>' in work and "With the new police post." in work
    assert reverse("plans:plan-approve-confirm", args=[plan.district.slug, plan.fiscal_year]) in work
    assert "No plan is waiting for you." in my_work(users["south"])
    assert str(plan) in my_work(users["province"])


def test_the_district_list_says_what_each_plan_needs(world):
    plan, users = world
    assert "Ready: the DPO submits it to the" in my_work(users["clerk"])
    assert "Ready: submit it to the" in my_work(users["dpo"])

    CrimeFigure.objects.filter(plan=plan, year=2022).first().delete()
    errors = sum(finding.is_error for finding in run_checks(plan))
    work = my_work(users["clerk"])
    assert errors and f"Correct {errors} error" in work


def test_my_work_is_linked_from_the_header(world):
    _plan, users = world
    html = client_of(users["clerk"]).get(reverse("plans:home")).content.decode()
    assert f'<a href="{reverse("plans:my-work")}"' in html


def confirm_url(plan, action):
    return reverse(f"plans:plan-{action}-confirm", args=[plan.district.slug, plan.fiscal_year])


def test_submit_confirmation_says_what_happens_and_who_is_told(world):
    plan, users = world
    html = client_of(users["dpo"]).get(confirm_url(plan, "submit")).content.decode()

    assert "It is locked: nobody can change it" in html
    assert "These reviewers are told by e-mail: reviewer_cpo, reviewer_north." in html
    assert reverse("plans:plan-submit", args=[plan.district.slug, plan.fiscal_year]) in html


def test_submit_confirmation_lists_the_errors_and_offers_no_button(world):
    plan, users = world
    CrimeFigure.objects.filter(plan=plan, year=2022).first().delete()

    html = client_of(users["dpo"]).get(confirm_url(plan, "submit")).content.decode()

    assert "submitting will be refused" in html and "crime heads lack figures" in html
    assert f'action="{reverse("plans:plan-submit", args=[plan.district.slug, plan.fiscal_year])}"' not in html


def test_confirmation_is_refused_to_who_may_not_act(world):
    plan, users = world
    assert client_of(users["clerk"]).get(confirm_url(plan, "submit")).status_code == 403
    assert client_of(users["north"]).get(confirm_url(plan, "approve")).status_code == 403, "not submitted yet"
    submit(plan, users["dpo"])
    assert client_of(users["south"]).get(confirm_url(plan, "approve")).status_code == 404, "out of scope"
    html = client_of(users["north"]).get(confirm_url(plan, "approve")).content.decode()
    assert "It is locked for good" in html and "dpo_a" in html and "clerk_a" in html


def test_submission_mails_the_reviewers_in_scope(world, mailoutbox, django_capture_on_commit_callbacks):
    plan, users = world
    with django_capture_on_commit_callbacks(execute=True):
        submit(plan, users["dpo"], "With the new police post.")

    assert sorted(mail.to[0] for mail in mailoutbox) == ["cpo@punjab.example", "rpo@north.example"]
    assert mailoutbox[0].subject == f"{plan} is submitted for your review"
    assert "With the new police post." in mailoutbox[0].body
    assert plan.get_absolute_url() in mailoutbox[0].body


def test_return_and_approval_mail_the_district(world, mailoutbox, django_capture_on_commit_callbacks, fake_pdf):
    plan, users = world
    with django_capture_on_commit_callbacks(execute=True):
        submit(plan, users["dpo"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        return_to_draft(plan, users["north"], "The budget of the new post is missing.")
    assert sorted(mail.to[0] for mail in mailoutbox) == ["clerk@a.example", "dpo@a.example"]
    assert "The budget of the new post is missing." in mailoutbox[0].body
    assert mailoutbox[0].subject == f"{plan} is returned with comments"

    with django_capture_on_commit_callbacks(execute=True):
        submit(plan, users["dpo"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approve(plan, users["north"])
    assert sorted(mail.to[0] for mail in mailoutbox) == ["clerk@a.example", "dpo@a.example"]
    assert "locked for good" in mailoutbox[0].body


def test_a_refused_step_mails_nobody(world, mailoutbox, django_capture_on_commit_callbacks):
    plan, users = world
    CrimeFigure.objects.filter(plan=plan, year=2022).first().delete()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception, match="crime heads lack figures"):
        submit(plan, users["dpo"])
    assert mailoutbox == []


def test_start_next_year_only_on_an_approved_plan_without_a_successor(world):
    plan, users = world
    start = reverse("plans:plan-start-next-year", args=[plan.district.slug, plan.fiscal_year])
    clerk = client_of(users["clerk"])
    assert start not in clerk.get(plan.get_absolute_url()).content.decode()
    response = clerk.post(start, follow=True)
    assert "not approved yet" in response.content.decode()
    assert not AnnualPlan.objects.filter(district=plan.district, year_start=2024).exists()
