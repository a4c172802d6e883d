"""A year of Kasur's plan in a real browser, from "Start next year" to the approved PDF.

The clerk rolls the approved 2023-2024 plan forward and replaces the old year; one crime head is entered
and the DPO's submission is refused with the missing heads and years listed; the rest is entered through
the API, as another system would; the DPO submits; the reviewer finds it waiting and returns it with a
comment; the clerk sees "Returned" and the comment; the DPO submits again and the reviewer approves.
The draft's PDF says DRAFT on every page, the approved one carries the approval block and no DRAFT mark,
and the two years then compare section by section.
"""

import re
import subprocess

import pytest

from crime_stats.models import CrimeFigure, CrimeHead, OperationalResult
from logistics.models import StockItem
from plans.models import AnnualPlan, PlanStatus
from strength.models import FieldOrganisation
from tests.api.factories import role_user
from tests.api.fixtures import token_client
from tests.browser.conftest import PASSWORD
from tests.browser.test_rollforward_browser import enter_crime_figure
from tests.browser.test_workflow_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COMMENT = "The stock of rifles does not add up: count it again."


@pytest.fixture
def kasur_office(kasur_plan, role_groups, settings, tmp_path, monkeypatch):
    """Kasur 2023-2024 approved, with its clerk, its DPO and the reviewer of its region."""
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.delenv("APPROVAL_SIGNING_P12", raising=False)
    AnnualPlan.objects.filter(pk=kasur_plan.pk).update(status=PlanStatus.APPROVED)
    district = kasur_plan.district
    scope = {"district": district}
    return {
        "clerk": role_user("clerk", "clerk", group=True, staff=True, token=True, password=PASSWORD, **scope),
        "dpo": role_user("dpo", "dpo", group=True, staff=True, password=PASSWORD, **scope),
        "reviewer": role_user("rpo", "reviewer", group=True, staff=True, password=PASSWORD, region=district.region),
    }


def pdf_pages(page, url):
    """The PDF at `url` (as the logged-in browser downloads it), one text per page (`pdftotext`)."""
    response = page.request.get(url, timeout=300_000)
    assert response.ok and response.headers["content-type"] == "application/pdf", response.status
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.body(), capture_output=True, check=True)
    return text.stdout.decode().split("\f")[:-1]


def log_out(page):
    page.get_by_role("button", name="Log out").click()


def complete_through_the_api(clerk, plan):
    """What the refusal listed, entered through the API: the missing heads of 2023, the year's operational
    results, and the two figures the check found inconsistent (the field organisation's posts, a stock line)."""
    api = token_client(clerk)
    entered = set(CrimeFigure.objects.filter(plan=plan, year=2023).values_list("head_id", flat=True))
    for head in CrimeHead.objects.filter(district=plan.district).exclude(pk__in=entered):
        body = {"plan": plan.pk, "head": head.pk, "year": 2023, "cases": 40 + head.position}
        assert api.post("/api/v1/crime-figures/", body, format="json").status_code == 201
    response = api.post("/api/v1/operational-results/", {"plan": plan.pk, "year": 2023, "encounters": 4}, format="json")
    assert response.status_code == 201, response.content
    profile = plan.profile
    organisation = FieldOrganisation.objects.get(plan=plan)
    posts = {
        "posts_sanctioned": profile.police_posts_sanctioned,
        "posts_unsanctioned": profile.police_posts_unsanctioned,
    }
    response = api.patch(f"/api/v1/field-organisations/{organisation.pk}/", posts, format="json")
    assert response.status_code == 200, response.content
    rifles = StockItem.objects.get(statement__plan=plan, equipment_type__name__startswith="Rifle Semi 7.62x39")
    body = {"total_stock": rifles.distributed + rifles.at_headquarters}
    assert api.patch(f"/api/v1/stock-items/{rifles.pk}/", body, format="json").status_code == 200


def submit(page):
    page.get_by_role("link", name="Submit for approval…").click()
    page.get_by_role("button", name="Submit for approval").click(timeout=120_000)  # runs the whole check
    assert "is submitted to the" in page.locator(".messages").inner_text()


def test_a_year_of_kasur_from_start_next_year_to_the_approved_pdf(page, live_server, kasur_plan, kasur_office):
    clerk, dpo, reviewer = kasur_office["clerk"], kasur_office["dpo"], kasur_office["reviewer"]
    main = page.locator("main")

    # The clerk starts 2024-2025 from the approved plan and replaces the old year in its text.
    log_in(page, live_server, clerk, kasur_plan.get_absolute_url())
    page.get_by_role("button", name="Start 2024-2025 from this plan").click()
    page.wait_for_url(re.compile(r".*/plans/kasur/2024-2025/carried-forward/$"))
    page.get_by_role("button", name="Replace in all 3 places").click()
    assert "The old year is replaced in 3 places." in page.locator(".messages").inner_text()
    plan = AnnualPlan.objects.get(district__slug="kasur", year_start=2024)
    assert "2023-2024" not in plan.message and "Annual Policy Plan for the Year 2024-2025" in plan.message
    plan_url = f"{live_server.url}{plan.get_absolute_url()}"

    # One crime head entered in the admin.
    enter_crime_figure(page, live_server, plan, "Murder", 2023, 312)
    log_out(page)

    # The DPO's submission is refused, naming the heads and the year still missing.
    log_in(page, live_server, dpo, plan.get_absolute_url())
    page.get_by_role("link", name="Submit for approval…").click()
    refusal = page.get_by_role("alert").inner_text()
    assert "submitting will be refused" in refusal
    assert re.search(r"20 of 21 crime heads lack figures \(blank is not 0\): Attempted Murder, .* \(2023\)", refusal)
    assert "No operational results are entered for 2023" in refusal
    assert page.get_by_role("button", name="Submit for approval").count() == 0
    assert AnnualPlan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT

    # Completed; the draft prints DRAFT on every page; the DPO submits, confirming on the confirmation page.
    complete_through_the_api(clerk, plan)
    draft_pages = pdf_pages(page, f"{plan_url}pdf/")
    assert len(draft_pages) > 10 and all("DRAFT" in text for text in draft_pages)
    page.goto(plan_url)
    submit(page)
    assert AnnualPlan.objects.get(pk=plan.pk).status == PlanStatus.SUBMITTED
    log_out(page)

    # The reviewer finds it waiting and returns it with a comment; the overview counts it as returned.
    log_in(page, live_server, reviewer, "/my-work/")
    waiting = page.locator("section", has=page.get_by_role("heading", name="Waiting for your decision"))
    assert "Kasur" in waiting.inner_text()
    waiting.get_by_role("link", name=re.compile("2024-2025")).first.click()
    page.get_by_label("What must the district change? (required)").fill(COMMENT)
    page.get_by_role("button", name="Return with comments").click()
    page.wait_for_url(plan_url)
    assert AnnualPlan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT
    page.goto(f"{live_server.url}/overview/")
    assert "Returned: 1" in main.inner_text()
    log_out(page)

    # The clerk sees "Returned" and the reviewer's comment.
    log_in(page, live_server, clerk, plan.get_absolute_url())
    status = page.locator("#status")
    assert "Returned" in status.locator("dd").first.inner_text()
    assert COMMENT in status.locator(".returned-notice").inner_text()
    log_out(page)

    # The DPO submits again; the reviewer approves.
    log_in(page, live_server, dpo, plan.get_absolute_url())
    submit(page)
    log_out(page)
    log_in(page, live_server, reviewer, plan.get_absolute_url())
    page.get_by_role("link", name="Approve…").click()
    page.get_by_role("button", name="Approve", exact=True).click(timeout=300_000)  # renders the archival PDF
    page.wait_for_url(plan_url)
    assert "is approved on behalf of the" in page.locator(".messages").inner_text()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED

    approved_pages = pdf_pages(page, f"{live_server.url}/plans/kasur/2024-2025/approved.pdf")
    cover = re.sub(r"\s+", " ", approved_pages[0])
    assert "APPROVED On behalf of the" in cover
    assert not any("DRAFT" in text for text in approved_pages)
    for text in draft_pages + approved_pages:
        assert "computed" not in text.casefold() and "No map uploaded" not in text

    # The two years side by side: what the year changed, and only that.
    page.goto(f"{live_server.url}/compare/kasur/plans/?a=2023&b=2024&changes=on")
    message = main.locator("section", has=page.get_by_role("heading", name="The DPO's message"))
    assert message.locator("del", has_text="2023-2024").count() >= 1
    assert message.locator("ins", has_text="2024-2025").count() >= 1
    page.goto(f"{live_server.url}/compare/kasur/plans/?a=2023&b=2024")
    performance = main.locator("section", has=page.get_by_role("heading", name="Performance of the district"))
    murder = performance.get_by_role("row", name=re.compile("^Murder"))
    assert "312" in murder.inner_text() and "2023 only in 2024-2025" in performance.inner_text()
    assert OperationalResult.objects.filter(plan=plan, year=2023).exists()
