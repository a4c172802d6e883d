"""The approval workflow in a real browser: the DPO submits, the reviewer approves; and the page in Urdu."""

import pytest

from plans.demo import build_demo_district
from plans.models import AnnualPlan, PlanStatus, Province, Region
from tests.api.factories import DemoPlanFactory, role_user
from tests.browser.conftest import PASSWORD

# serialized_rollback: the roles (groups) made by a data migration come back after each flush.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def office(settings, tmp_path, role_groups):
    """A consistent draft plan of a demo district, its DPO and the reviewer of its region."""
    settings.MEDIA_ROOT = tmp_path
    province = Province.objects.create(name="Punjab Test", slug="punjab-test")
    region = Region.objects.create(province=province, name="North", slug="north")
    plan = DemoPlanFactory(district=build_demo_district(region, 1), year_start=2023, seed=1)
    people = {}
    for username, role, scope in [("dpo", "dpo", {"district": plan.district}), ("rpo", "reviewer", {"region": region})]:
        people[role] = role_user(username, role, group=True, staff=True, password=PASSWORD, **scope)
    return plan, people


def log_in(page, live_server, user, next_url):
    page.goto(f"{live_server.url}/accounts/login/?next={next_url}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}{next_url}")


def test_the_dpo_submits_and_the_reviewer_approves(page, live_server, office, fake_pdf):
    plan, people = office
    plan_url = plan.get_absolute_url()
    messages = page.locator(".messages")

    log_in(page, live_server, people["dpo"], plan_url)
    page.get_by_role("link", name="Submit for approval…").click()
    assert "It is locked: nobody can change it" in page.locator("main").inner_text()
    page.get_by_label("Note for the approving authority (optional)").fill("For approval.")
    page.get_by_role("button", name="Submit for approval").click()
    page.wait_for_url(f"{live_server.url}{plan_url}")
    assert "is submitted to the" in messages.inner_text()
    assert page.get_by_role("button", name="Submit for approval").count() == 0
    page.get_by_role("button", name="Log out").click()

    log_in(page, live_server, people["reviewer"], plan_url)
    events = page.locator("ol.events")
    assert "Submitted" in events.inner_text() and "For approval." in events.inner_text()
    page.get_by_role("button", name="Return with comments").click()
    comment = page.get_by_label("What must the district change? (required)")
    assert comment.evaluate("element => element.validity.valueMissing"), "the browser asks for the comment"
    assert AnnualPlan.objects.get(pk=plan.pk).status == PlanStatus.SUBMITTED

    page.get_by_role("link", name="Approve…").click()
    assert "It is locked for good" in page.locator("main").inner_text()
    page.get_by_label("Comment (optional)").fill("Approved in the commission's meeting.")
    page.get_by_role("button", name="Approve", exact=True).click()
    page.wait_for_url(f"{live_server.url}{plan_url}")
    assert "is approved on behalf of the" in messages.inner_text()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert plan.approved_pdf_sha256 in page.locator("#status").inner_text()
    assert page.get_by_role("link", name="Download the approved PDF").is_visible()
    assert "Approved in the commission's meeting." in events.inner_text()


def test_urdu_turns_the_plan_page_right_to_left(page, live_server, office):
    plan, people = office
    log_in(page, live_server, people["dpo"], plan.get_absolute_url())

    page.get_by_role("button", name="اردو").click()
    page.wait_for_url(f"{live_server.url}{plan.get_absolute_url()}")

    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ur", "rtl"]
    contents = page.locator("nav#contents").bounding_box()
    document = page.locator(".document").bounding_box()
    assert contents["x"] >= document["x"] + document["width"], "the contents move to the right of the document"
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
