"""A list of points in a real browser: a finding's link lands on the text area that carries it, the preview
follows the typing, Tab leaves the text area (no keyboard trap) and Enter on Save keeps the new nested point."""

import pytest
from django.urls import reverse

from initiatives.models import ObjectiveHeading, StrategyPoint
from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_finding_leads_to_its_list_and_a_nested_point_is_typed_and_saved(page, live_server, kasur_plan, kasur_clerk):
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", kasur_clerk.username)
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}{kasur_plan.get_absolute_url()}")
    objective = kasur_plan.objectives.get(number="i")
    cell = f"objective-{objective.pk}-text"
    check = page.locator("#check")
    check.locator(f'a.finding__link[href$="#{cell}"]').first.click()
    page.wait_for_url(f"**{reverse('plans:plan-edit', args=['kasur', kasur_plan.fiscal_year, 'objectives'])}#{cell}")

    area = page.locator(f"#{cell}")
    preview = page.locator(f"#{cell.removesuffix('-text')}-preview")
    area.focus()
    page.keyboard.press("Control+End")
    page.keyboard.type("\nj) Safe Markets.\n  Patrolling of bazaars at closing time.")
    item = preview.locator("li", has_text="j) Safe Markets.")
    assert item.locator("ul > li").inner_text() == "Patrolling of bazaars at closing time."

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"{cell.removesuffix('-text')}-preview"
    page.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".messages, .message")
    heading = ObjectiveHeading.objects.get(objective=objective, letter="j")
    assert heading.title == "Safe Markets."
    assert list(StrategyPoint.objects.filter(heading=heading).values_list("text", flat=True)) == [
        "Patrolling of bazaars at closing time."
    ]
    assert StrategyPoint.objects.filter(objective=objective).count() == 34
