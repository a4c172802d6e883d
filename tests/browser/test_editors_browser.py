"""The chapter editors in a real browser: a kasur_clerk pastes a block from a spreadsheet, sees the totals follow,
saves and reads the figures back; a bad cell is marked where it is; every chapter editor passes axe-core's
WCAG 2 A/AA rules and fits a 768 px and a 390 px screen without the page scrolling sideways."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from crime_stats.models import CrimeFigure, CrimeHead
from plans.templatetags.plan_format import figure
from plans.views.editors import editable_chapters
from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = os.environ.get("EDITOR_SCREENSHOTS", "")  # a folder: keep a picture of every editor per width

PASTE = """(text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    const event = new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true});
    document.activeElement.dispatchEvent(event);
}"""


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def edit_path(plan, chapter):
    return reverse("plans:plan-edit", args=[plan.district.slug, plan.fiscal_year, chapter])


def test_a_clerk_pastes_a_block_sees_the_totals_follow_and_reads_it_back(page, live_server, kasur_plan, kasur_clerk):
    log_in(page, live_server, kasur_clerk)
    page.goto(f"{live_server.url}{kasur_plan.get_absolute_url()}")
    page.locator("#part-performance").get_by_role("link", name="Edit Performance of the district").click()
    page.wait_for_url(f"**{edit_path(kasur_plan, 'performance')}")
    heads = list(CrimeHead.objects.filter(district=kasur_plan.district).order_by("position", "name"))
    assert len(heads) == 21
    # 22 rows × 3 years, as copied from a spreadsheet: the 21 heads and one more for a new head.
    block = [[100 + row, 200 + row, 300 + row * 2] for row in range(22)]
    text = "\r\n".join("\t".join(str(value) for value in values) for values in block) + "\r\n"
    total = page.locator('output[data-total="2022"]')
    before = total.inner_text()

    first = page.get_by_role("textbox", name=f"{heads[0].name} 2020", exact=True)
    first.click()
    page.evaluate(PASTE, text)
    expected_2022 = sum(values[2] for values in block)
    assert total.inner_text() == str(expected_2022) != before, "the total follows the paste before saving"
    change = sum(values[2] - values[1] for values in block)
    assert page.locator('output[data-total="change"]').inner_text() == f"+{change}"
    assert page.locator("#grid-announcer").inner_text() == "Pasted 22 rows by 3 columns."
    assert page.get_by_role("textbox", name=f"{heads[5].name} 2021", exact=True).input_value() == "205"
    # The 22nd line went into the new row: name it, from the keyboard.
    page.get_by_role("textbox", name=f"{heads[-1].name} 2020", exact=True).focus()
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "crime-new0-2020"
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.id") == "crime-new0-name"
    page.keyboard.type("Cyber crime")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "crime-new0-2020"
    page.keyboard.press("Enter")  # Enter moves down (here: nowhere below), it does not submit
    assert page.evaluate("document.activeElement.id") == "crime-new0-2020"

    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**{edit_path(kasur_plan, 'performance')}")
    assert "Performance of the district saved." in page.locator(".messages").inner_text()
    stored = {
        (f.head.name, f.year): f.cases for f in CrimeFigure.objects.filter(plan=kasur_plan).select_related("head")
    }
    assert stored[heads[0].name, 2020] == 100 and stored[heads[20].name, 2022] == 340
    assert stored["Cyber crime", 2021] == 221

    page.goto(f"{live_server.url}{kasur_plan.get_absolute_url()}")
    performance = page.locator("#part-performance").inner_text()
    assert "Cyber crime" in performance
    assert figure(expected_2022) in performance


def test_a_word_in_a_count_is_marked_in_its_cell_and_nothing_is_saved(page, live_server, kasur_plan, kasur_clerk):
    log_in(page, live_server, kasur_clerk)
    page.goto(f"{live_server.url}{edit_path(kasur_plan, 'performance')}")
    before = list(CrimeFigure.objects.filter(plan=kasur_plan).values_list("pk", "cases", "version"))
    murder = page.get_by_role("textbox", name="Murder 2022", exact=True)
    murder.fill("seventy")
    page.get_by_role("textbox", name="Hurt 2022", exact=True).fill("1")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary", "the summary takes the focus"
    assert "Murder, 2022: Enter a number." in summary.inner_text()
    murder = page.get_by_role("textbox", name="Murder 2022", exact=True)
    assert murder.get_attribute("aria-invalid") == "true"
    assert murder.input_value() == "seventy"
    described = murder.get_attribute("aria-describedby")
    assert page.locator(f"#{described}").inner_text() == "Enter a number."
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == murder.get_attribute("id")
    assert list(CrimeFigure.objects.filter(plan=kasur_plan).values_list("pk", "cases", "version")) == before


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def axe_violations(page):
    """axe-core's violations of the WCAG rules on the page. Only violations are reported in full (`resultTypes`):
    the passes' node lists, which the check never reads, take most of axe's time on a large grid."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    return [
        f"{violation['id']}: {violation['help']} at {[node['target'] for node in violation['nodes']][:3]}"
        for violation in result["violations"]
    ]


CHAPTERS = [chapter.slug for chapter in editable_chapters()]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_editor_passes_axe_and_fits_narrow_screens(logged_in_page, live_server, kasur_plan, chapter):
    """Every registered chapter editor (a superuser: the test-only section's too), one test each, so that the
    workers share them."""
    assert "patrols" in CHAPTERS
    page = logged_in_page
    found = {}
    for width in (1280, 768, 390):
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(f"{live_server.url}{edit_path(kasur_plan, chapter)}")
        assert response.status == 200, chapter
        if SCREENSHOTS:
            page.screenshot(path=f"{SCREENSHOTS}/{chapter}-{width}.png", full_page=True)
        if width != 1280:
            assert no_sideways_scroll(page), f"{chapter} scrolls sideways at {width} px"
        if width in (1280, 390):
            found[chapter, width] = axe_violations(page)
    assert {key: value for key, value in found.items() if value} == {}


def test_a_grid_with_errors_passes_axe(page, live_server, kasur_plan, kasur_clerk):
    log_in(page, live_server, kasur_clerk)
    page.goto(f"{live_server.url}{edit_path(kasur_plan, 'performance')}")
    page.get_by_role("textbox", name="Murder 2022", exact=True).fill("x")
    page.get_by_role("button", name="Add a row: New crime head").click()
    page.locator("#crime-new1-2021").fill("3")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary li").count() == 2
    assert axe_violations(page) == []


def test_a_paste_past_the_last_row_adds_rows_for_new_items(page, live_server, kasur_plan, kasur_clerk):
    log_in(page, live_server, kasur_clerk)
    page.goto(f"{live_server.url}{edit_path(kasur_plan, 'strength')}")
    page.get_by_role("textbox", name="Junior Clerk Sanctioned", exact=True).click()
    page.evaluate(PASTE, "12\t11\n3\t2\n4\t4\n")
    assert page.locator("#ministerial-new0-sanctioned").input_value() == "3"
    assert page.locator("#ministerial-new1-present").input_value() == "4"
    assert page.locator("#ministerial-new1-name").get_attribute("aria-invalid") is None
    page.locator("#ministerial-new0-name").fill("Record Keeper")
    page.locator("#ministerial-new1-name").fill("Dispatch Rider")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**{edit_path(kasur_plan, 'strength')}")
    assert page.get_by_role("textbox", name="Dispatch Rider Present", exact=True).input_value() == "4"
    assert page.get_by_role("textbox", name="Record Keeper Sanctioned", exact=True).input_value() == "3"


def test_keyboard_only_add_a_row_and_arrows_follow_the_reading_direction(page, live_server, kasur_plan, kasur_clerk):
    log_in(page, live_server, kasur_clerk)
    page.goto(f"{live_server.url}{edit_path(kasur_plan, 'vehicles')}")
    add = page.get_by_role("button", name="Add a row: New vehicle type")
    add.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "vehicles-new1-name"
    page.keyboard.type("Drone")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.id")
    assert first.startswith("vehicles-new1-d")
    page.keyboard.type("2")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == first.replace("new1", "new0")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**{edit_path(kasur_plan, 'vehicles')}")
    column = first.rsplit("-", 1)[1]
    deployment = page.locator(f"#vehicles-col-{column}").inner_text()
    assert page.get_by_role("textbox", name=f"Drone {deployment}", exact=True).input_value() == "2"

    page.get_by_role("button", name="اردو").click()
    page.wait_for_load_state()
    cell = page.locator("table[data-grid] input.cell").first
    cell.focus()
    start = page.evaluate("document.activeElement.id")
    page.keyboard.press("ArrowLeft")  # right to left: the next column is to the left
    assert page.evaluate("document.activeElement.id") != start
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == start
