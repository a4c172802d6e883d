"""A new user's first visit in a real browser: log in, find Kasur 2023-2024, read it, download, on two screens."""

import csv
import io
from pathlib import Path

import pytest
from django.urls import reverse

from plans.document import build_document
from plans.templatetags.plan_format import figure
from strength.figures import strength_figures

# serialized_rollback: the roles (groups) made by a data migration come back after each flush.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_log_in_find_kasur_and_follow_the_contents(logged_in_page, live_server, kasur_plan):
    page = logged_in_page
    page.get_by_label("District", exact=True).fill("Kasur")
    page.get_by_role("button", name="Apply").click()
    page.get_by_role("link", name="Kasur", exact=True).click()
    page.wait_for_url(f"{live_server.url}{kasur_plan.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).first.inner_text() == "Annual Policing Plan 2023-2024: District Kasur"

    totals = strength_figures(kasur_plan).police.totals
    strength = page.locator("#part-strength")
    assert figure(totals["sanctioned"]) in strength.inner_text()
    assert strength.locator("svg").count() >= 1

    contents = page.locator("nav#contents")
    titles = [str(part.title) for part in build_document(kasur_plan)]
    assert contents.locator("a").all_inner_texts()[1:] == titles

    contents.get_by_role("link", name="Performance of the district").click()
    page.wait_for_url("**#part-performance")
    box = page.locator("#part-performance").bounding_box()
    assert 0 <= box["y"] < 100, "the part is scrolled to the top of the window"
    assert page.locator("nav#contents").is_visible(), "the contents stay in view (sticky)"
    assert "16,828" in page.locator("#part-performance").inner_text()


def test_download_a_csv_and_the_pdf(logged_in_page, live_server, kasur_plan, tmp_path):
    page = logged_in_page
    page.goto(f"{live_server.url}{kasur_plan.get_absolute_url()}")
    with page.expect_download() as download:
        page.locator("#part-strength").get_by_role("link", name="CSV: Strength").click()
    path = tmp_path / "strength.csv"
    download.value.save_as(path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    totals = strength_figures(kasur_plan).police.totals
    assert rows[-1] == ["Total", *(str(totals[column]) for column in ("sanctioned", "present", "short", "excess"))]

    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("link", name="Download PDF").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")


def test_skip_link_is_the_first_stop_of_the_keyboard(logged_in_page, live_server, kasur_plan):
    page = logged_in_page
    page.goto(f"{live_server.url}{kasur_plan.get_absolute_url()}")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_an_open_progress_form_scrolls_with_its_table_on_a_phone(logged_in_page, live_server, kasur_plan):
    page = logged_in_page
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{live_server.url}{kasur_plan.get_absolute_url()}#quarterly-progress")
    page.locator("details.progress-edit summary").first.click()
    form = page.locator("details.progress-edit[open] form")
    assert form.locator("select").is_visible() and form.locator("textarea").is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than a 390px window"
    region = page.locator(".table-scroll", has=page.locator(".progress-table"))
    assert region.evaluate("element => element.scrollWidth > element.clientWidth"), "the table scrolls in its region"


@pytest.mark.parametrize("width", [1280, 768])
def test_pages_fit_desktop_and_tablet_widths(logged_in_page, live_server, kasur_plan, width):
    page = logged_in_page
    page.set_viewport_size({"width": width, "height": 900})
    slug = kasur_plan.district.slug
    for url in [
        "/",
        kasur_plan.get_absolute_url(),
        reverse("plans:compare-crime", kwargs={"district": slug}),
        reverse("plans:compare-plans", kwargs={"district": slug}),
        reverse("password_change"),
    ]:
        page.goto(f"{live_server.url}{url}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} is {overflow}px wider than a {width}px window"
    page.goto(f"{live_server.url}{kasur_plan.get_absolute_url()}")
    contents = page.locator("nav#contents").bounding_box()
    document = page.locator(".document").bounding_box()
    if width >= 1280:
        assert contents["x"] + contents["width"] <= document["x"], "contents beside the document"
    else:
        assert contents["y"] + contents["height"] <= document["y"], "contents above the document"
