"""Kasur rolled forward in a real browser: year replacement, one crime head entered, submission refused."""

import re

import pytest

from crime_stats.models import CrimeFigure
from plans.models import AnnualPlan, PlanStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def enter_crime_figure(page, live_server, plan, head, year, cases):
    """One crime head's figure entered on the admin's add page."""
    page.goto(f"{live_server.url}/admin/crime_stats/crimefigure/add/?plan={plan.pk}")
    page.get_by_label("Head").select_option(label=head)
    page.get_by_label("Year").fill(str(year))
    page.get_by_label("Cases reported").fill(str(cases))
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r".*/admin/crime_stats/crimefigure/$"))


def test_kasur_rolled_forward_then_refused_with_the_missing_heads(logged_in_page, live_server, kasur_plan):
    page = logged_in_page
    AnnualPlan.objects.filter(pk=kasur_plan.pk).update(status=PlanStatus.APPROVED)

    page.goto(f"{live_server.url}{kasur_plan.get_absolute_url()}")
    page.get_by_role("button", name="Start 2024-2025 from this plan").click()
    page.wait_for_url(re.compile(r".*/plans/kasur/2024-2025/carried-forward/$"))
    main = page.locator("main")
    # The DPO's message names the year twice, the commitments' title once; a target is dated 30.09.2023.
    assert main.locator("del", has_text="2023-2024").count() == 3
    assert main.locator("ins", has_text="30.09.2024").count() == 1
    assert "Operational results of 2023" in main.inner_text()
    page.get_by_role("button", name="Replace in all 3 places").click()
    page.wait_for_url(re.compile(r".*/carried-forward/$"))
    assert "The old year is replaced in 3 places." in page.locator(".messages").inner_text()
    assert "No text names 2023-2024 or its dates any more." in main.inner_text()
    new = AnnualPlan.objects.get(district__slug="kasur", year_start=2024)
    assert "Annual Policy Plan for the Year 2024-2025" in new.message

    enter_crime_figure(page, live_server, new, "Murder", 2023, 312)
    assert CrimeFigure.objects.get(plan=new, head__name="Murder", year=2023).cases == 312

    page.goto(f"{live_server.url}{new.get_absolute_url()}")
    page.get_by_role("link", name="Submit for approval…").click()
    alert = page.get_by_role("alert")
    text = alert.inner_text()
    assert "submitting will be refused" in text
    assert re.search(r"20 of 21 crime heads lack figures \(blank is not 0\): Attempted Murder, .* \(2023\)", text)
    assert "No operational results are entered for 2023" in text
    assert "Murder, Attempted" not in text, "the head just entered is no longer missing"
    assert page.get_by_role("button", name="Submit for approval").count() == 0
    assert AnnualPlan.objects.get(pk=new.pk).status == PlanStatus.DRAFT
