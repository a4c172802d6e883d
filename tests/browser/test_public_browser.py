"""The public record in a real browser, without logging in: the list, a plan's page and its PDF, at 1280 and 390 px."""

import hashlib
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from tests.publication.helpers import record_approval

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

APPROVED_PDF = b"%PDF-1.7 the approved plan of Kasur\n%%EOF\n"


@pytest.fixture
def approved_kasur(kasur_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    approver = get_user_model().objects.create_user("rpo", first_name="Ahmad", last_name="Khan")
    return record_approval(kasur_plan, APPROVED_PDF, approver)


@pytest.mark.parametrize("width", [1280, 390])
def test_anyone_reads_the_approved_plans_and_downloads_a_pdf(browser, live_server, approved_kasur, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(f"{live_server.url}/public/")
        assert page.get_by_role("heading", level=1).inner_text() == "Approved annual policing plans"
        table = page.get_by_role("table", name="Approved plans by province, region, district and fiscal year")
        assert "Kasur" in table.inner_text() and "2,109 / 2,323" in table.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= width

        page.get_by_role("link", name="Approved plan of Kasur for 2023-2024").click()
        page.wait_for_url(f"{live_server.url}/public/kasur/2023-2024/")
        assert "Approved by Ahmad Khan" in page.locator("#approval").inner_text()
        strength = page.get_by_role("table", name="Strength of the executive and legal ranks, sanctioned and present")
        assert "2,323" in strength.locator("tfoot").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= width

        with page.expect_download() as download_info:
            page.get_by_role("link", name="Download the approved PDF").click()
        download = download_info.value
        assert download.suggested_filename == "kasur-annual-policing-plan-2023-2024-approved.pdf"
        content = Path(download.path()).read_bytes()
        assert hashlib.sha256(content).hexdigest() == approved_kasur.approved_pdf_sha256
    finally:
        context.close()
