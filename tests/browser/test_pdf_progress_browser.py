"""With a worker, a PDF not yet rendered: the browser gets the progress page, which turns into the PDF.

The worker is a thread of the test that renders (with WeasyPrint replaced) a few seconds after the request
queued it; the page must find out by itself, through its status address, and start the download.
"""

import threading
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from plans import pdf as plan_pdf
from plans import tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def slow_worker(settings, monkeypatch):
    """A broker configured; the queued render runs 3 s later in a thread, as a worker would."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(plan_pdf, "write_pdf", lambda html, **options: b"%PDF-1.7 rendered by the worker")
    queued = []

    def render(plan_id, with_progress=False):
        try:
            plan_pdf.render_scheduled(plan_id, with_progress)
        finally:
            connection.close()

    def delay(plan_id, with_progress=False):
        queued.append(plan_id)
        threading.Timer(3, render, args=(plan_id, with_progress)).start()

    monkeypatch.setattr(tasks.render_pdf, "delay", delay)
    return queued


def test_the_progress_page_turns_into_the_pdf(logged_in_page, live_server, kasur_plan, slow_worker):
    page = logged_in_page
    url = reverse("documents:pdf", kwargs={"district": "kasur", "year": "2023-2024"})
    with page.expect_download(timeout=30_000) as download:
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 202
        assert page.get_by_role("heading", level=1).inner_text() == "Preparing the PDF of Kasur 2023-2024"
        assert page.get_by_role("status").inner_text() == "Waiting for a free worker…"
    assert Path(download.value.path()).read_bytes() == b"%PDF-1.7 rendered by the worker"
    assert download.value.suggested_filename == "kasur-annual-policing-plan-2023-2024.pdf"
    assert page.get_by_role("status").inner_text() == "Ready."
    assert page.get_by_role("link", name="Download the PDF").is_visible()
    assert slow_worker == [kasur_plan.pk]  # the page's repeated questions queued nothing more
