"""The portal and the admin in Urdu, in a real browser, on a desktop and a phone: nothing wider than the
window, the admin's sidebar and title in view, years in their order, each paragraph in its own direction."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

URDU_PARAGRAPH = "ضلعی پولیس قصور عوام کی جان و مال کے تحفظ کو اپنی اولین ذمہ داری سمجھتی ہے۔"

# Where on screen (left edge, in px) two pieces of an element's text are: which one a reader sees first.
LEFT_OF = """([selector, pieces]) => {
  const element = document.querySelector(selector);
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const lefts = {};
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const piece of pieces) {
      const at = node.data.indexOf(piece);
      if (at >= 0 && !(piece in lefts)) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + piece.length);
        lefts[piece] = range.getBoundingClientRect().left;
      }
    }
  }
  return pieces.map((piece) => lefts[piece]);
}"""

# The side a block's first letter sits on: its distance from the block's left and right content edges.
FIRST_LETTER_GAPS = """(element) => {
  const node = document.createTreeWalker(element, NodeFilter.SHOW_TEXT).nextNode();
  const range = document.createRange();
  range.setStart(node, 0);
  range.setEnd(node, 1);
  const letter = range.getBoundingClientRect();
  const box = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  const left = box.left + parseFloat(style.paddingLeft), right = box.right - parseFloat(style.paddingRight);
  return [letter.left - left, right - letter.right];
}"""


@pytest.fixture
def urdu_page(logged_in_page, live_server, kasur_plan):
    kasur_plan.message = f"{kasur_plan.message}\n\n{URDU_PARAGRAPH}"
    kasur_plan.save()
    logged_in_page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ur", "url": live_server.url}])
    return logged_in_page


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_plan_page_in_urdu(urdu_page, live_server, kasur_plan, width):
    page = urdu_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{kasur_plan.get_absolute_url()}")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ur", "rtl"]
    assert overflow(page) <= 0

    # "2023-2024" after Urdu words, and the crime years, read as written, not 2024-2023 or 2022–2020.
    first, second = page.evaluate(LEFT_OF, ["main h1", ["2023", "2024"]])
    assert first < second
    first_year, last_year = str(kasur_plan.crime_first_year), str(kasur_plan.crime_last_year)
    first, last = page.evaluate(LEFT_OF, ["#status dl", [first_year, last_year]])
    assert first < last

    # In the DPO's message, the Urdu paragraph starts at the right, the English one at the left.
    message = page.locator(".letter")
    urdu = message.locator("p", has_text=URDU_PARAGRAPH)
    english = message.locator("p").first
    assert urdu.get_attribute("dir") == "rtl" and english.get_attribute("dir") == "ltr"
    left_gap, right_gap = urdu.evaluate(FIRST_LETTER_GAPS)
    assert right_gap < 2 < left_gap
    left_gap, right_gap = english.evaluate(FIRST_LETTER_GAPS)
    assert left_gap < 2 < right_gap


@pytest.mark.parametrize("width", [1280, 390])
def test_the_admin_in_urdu_keeps_its_title_and_sidebar_in_view(urdu_page, live_server, kasur_plan, width):
    page = urdu_page
    page.set_viewport_size({"width": width, "height": 900})
    for url in [reverse("admin:index"), reverse("admin:plans_annualplan_change", args=[kasur_plan.pk])]:
        page.goto(f"{live_server.url}{url}")
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert overflow(page) <= 0, f"{url} is wider than a {width}px window"
        for selector in ["#site-name", "#content h1"]:
            box = page.locator(selector).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, f"{selector} is cut off at {width}px"
    # The change page's sidebar (Django's admin shows it from tablet width up) lies inside the window.
    if width >= 1024:
        sidebar = page.locator("#nav-sidebar")
        assert sidebar.is_visible()
        box = sidebar.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
