"""The comparison page in Chromium: it fits a phone, and "Changes only" leaves the same rows out."""

import pytest

from tests.plans.test_compare_sections import kasur_pair  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_comparison_fits_every_width_and_switches_to_changes_only(logged_in_page, live_server, kasur_pair):  # noqa: F811
    page = logged_in_page
    main = page.locator("main")
    for width in (1280, 768, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/compare/kasur/plans/?a=2023&b=2024")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{overflow}px wider than a {width}px window"
    rows = main.locator("tbody tr").count()
    assert main.locator("ins", has_text="2024-2025").first.is_visible()

    page.get_by_label("Changes only").check()
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url("**changes=on**")

    assert main.locator("tbody tr").count() < rows
    strength = main.locator("section", has=page.get_by_role("heading", name="Present strength"))
    assert strength.locator("tbody tr").count() == 2, "the changed rank and the changed field unit"
    assert "No changes." not in strength.inner_text()
    assert page.get_by_label("Changes only").is_checked()
