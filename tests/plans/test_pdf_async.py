"""The PDF off the request path: 202 with a status while a worker renders, 200 once ready; one render per plan
version however many ask (single flight); a render scheduled after edits settle (debounce).

The worker is not run here: the task queue is replaced by a recorder (`queue`), and a test runs a queued
task's body itself where it needs its effect. WeasyPrint is replaced by a counter (`printer`): these tests are
about serving and scheduling, not printing (tests/plans/test_pdf.py prints for real).
"""

import threading
import time

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from plans import pdf as plan_pdf
from plans import tasks
from plans.models import AnnualPlan, District, PlanStatus
from tests.api.factories import DistrictFactory, PlanFactory


@pytest.fixture
def printer(monkeypatch):
    """WeasyPrint replaced by a counter; the cache emptied so that no PDF of another test's plan is found."""
    cache.clear()
    calls = []

    def write_pdf(html, **options):
        calls.append(html)
        return b"%PDF-1.7 fake " + str(len(calls)).encode()

    monkeypatch.setattr(plan_pdf, "write_pdf", write_pdf)
    yield calls
    cache.clear()


@pytest.fixture
def queue(monkeypatch, settings):
    """A broker configured (not eager): the tasks queued are recorded instead of sent to a worker."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    sent = []
    monkeypatch.setattr(tasks.render_pdf, "delay", lambda *args: sent.append(("render_pdf", args)))
    monkeypatch.setattr(
        tasks.render_after_edits,
        "apply_async",
        lambda args, countdown=None: sent.append(("render_after_edits", tuple(args), countdown)),
    )
    return sent


@pytest.fixture
def plan(offices):
    return offices.plan


def pdf_url(plan, name="pdf"):
    return reverse(f"documents:{name}", kwargs={"district": plan.district.slug, "year": plan.fiscal_year})


def api_url(plan, name="pdf"):
    return reverse(f"api:annualplan-{name}", args=[plan.pk])


def browser(client, offices, name="dpo_a"):
    client.force_login(offices.users[name])
    return client


# Without a broker (make run, the tests): the request renders ---------------------------------------------


def test_without_a_broker_the_first_request_renders_and_answers_200(client, offices, plan, printer):
    response = browser(client, offices).get(pdf_url(plan))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == b"%PDF-1.7 fake 1"
    status = client.get(pdf_url(plan, "pdf-status")).json()
    assert status["state"] == "ready"
    assert len(printer) == 1


# With a worker: 202 while rendering, 200 when ready ------------------------------------------------------


def test_a_pdf_not_ready_answers_202_with_a_page_that_reloads_into_the_pdf(client, offices, plan, printer, queue):
    response = browser(client, offices).get(pdf_url(plan), HTTP_ACCEPT="text/html")
    assert response.status_code == 202
    assert response["Retry-After"] == "2"
    page = response.content.decode()
    assert "Preparing the PDF of" in page
    assert f'data-status-url="{pdf_url(plan, "pdf-status")}"' in page
    assert f'data-done-url="{pdf_url(plan)}"' in page
    assert '<meta http-equiv="refresh" content="2">' in page  # without JavaScript it reloads itself
    assert queue == [("render_pdf", (plan.pk, False))]
    assert printer == []  # the request rendered nothing

    plan_pdf.render_scheduled(plan.pk)  # what the worker does with the queued task
    response = client.get(pdf_url(plan))
    assert response.status_code == 200 and response.content == b"%PDF-1.7 fake 1"
    assert client.get(pdf_url(plan, "pdf-status")).json()["state"] == "ready"


def test_a_client_that_asks_for_json_gets_the_status_as_json(client, offices, plan, printer, queue):
    response = browser(client, offices).get(pdf_url(plan) + "?progress=1", HTTP_ACCEPT="application/json")
    assert response.status_code == 202
    body = response.json()
    assert body["state"] == "queued"
    assert body["status_url"] == "http://testserver" + pdf_url(plan, "pdf-status") + "?progress=1"
    assert response["Location"] == body["status_url"]
    assert queue == [("render_pdf", (plan.pk, True))]


def test_many_requests_for_the_same_plan_queue_one_render(client, offices, plan, printer, queue):
    browser(client, offices)
    answers = [client.get(pdf_url(plan)).status_code for _ in range(8)]
    answers += [client.get(pdf_url(plan, "pdf-status")).json()["state"] for _ in range(3)]
    assert answers == [202] * 8 + ["queued"] * 3
    assert len(queue) == 1
    plan_pdf.render_scheduled(plan.pk)
    assert [client.get(pdf_url(plan)).status_code for _ in range(8)] == [200] * 8
    assert len(printer) == 1


def test_while_a_worker_renders_the_status_says_so_and_nothing_more_is_queued(client, offices, plan, printer, queue):
    key = plan_pdf.pdf_cache_key(plan)
    cache.set(plan_pdf.duration_key(plan.pk), 10.0)
    cache.add(plan_pdf.lock_key(key), f"another-worker@{time.time() - 4:.1f}", 60)
    status = browser(client, offices).get(pdf_url(plan, "pdf-status")).json()
    assert status["state"] == "rendering"
    assert 3.5 <= status["elapsed_seconds"] <= 10
    assert status["expected_seconds"] == 10.0
    assert 35 <= status["percent"] <= 95
    assert "The last print of this plan took about 10 s." in status["detail"]
    assert client.get(pdf_url(plan)).status_code == 202
    assert queue == []


def test_an_edit_makes_the_next_request_wait_for_a_new_render(client, offices, plan, printer, queue):
    browser(client, offices).get(pdf_url(plan))
    plan_pdf.render_scheduled(plan.pk)
    assert client.get(pdf_url(plan)).status_code == 200
    plan.message = "A new message from the DPO."
    plan.save()
    assert client.get(pdf_url(plan)).status_code == 202
    assert len(queue) == 2
    plan_pdf.render_scheduled(plan.pk)
    response = client.get(pdf_url(plan))
    assert response.status_code == 200 and response.content == b"%PDF-1.7 fake 2"


def test_the_api_answers_202_with_a_status_url_then_the_pdf(offices, plan, printer, queue):
    api = offices.client("dpo_a")
    response = api.get(api_url(plan), HTTP_ACCEPT="application/pdf")
    assert response.status_code == 202
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "2"
    body = response.json()
    assert body["state"] == "queued"
    assert body["status_url"] == f"http://testserver{api_url(plan, 'pdf-status')}"
    assert body["pdf_url"] == f"http://testserver{api_url(plan)}"
    assert api.get(body["status_url"]).json()["state"] == "queued"
    assert queue == [("render_pdf", (plan.pk, False))]
    plan_pdf.render_scheduled(plan.pk)
    assert api.get(body["status_url"]).json()["state"] == "ready"
    response = api.get(body["pdf_url"], HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200 and response.content == b"%PDF-1.7 fake 1"


def test_another_district_gets_404_and_queues_nothing(client, offices, plan, printer, queue):
    other = offices.client("dpo_b")
    assert other.get(api_url(plan)).status_code == 404
    assert other.get(api_url(plan, "pdf-status")).status_code == 404
    assert browser(client, offices, "dpo_b").get(pdf_url(plan)).status_code == 404
    assert client.get(pdf_url(plan, "pdf-status")).status_code == 404
    assert queue == []


def test_a_render_for_a_deleted_plan_does_nothing(db, printer):
    assert plan_pdf.render_scheduled(10**9) is None
    assert printer == []


# Single flight ------------------------------------------------------------------------------------------


def test_one_render_however_many_ask_at_once(printer):
    """Eight threads ask for the same missing value: one produces it, the others wait and get the same."""
    produced, results = [], []

    def produce():
        produced.append(1)
        time.sleep(0.5)
        return b"the pdf"

    def ask():
        results.append(plan_pdf.single_flight("plan-pdf:single-flight-test", produce))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [b"the pdf"] * 8
    assert len(produced) == 1
    assert cache.get(plan_pdf.lock_key("plan-pdf:single-flight-test")) is None  # the lock is let go


def test_a_caller_waits_for_the_render_another_process_holds_the_lock_of(printer):
    key = "plan-pdf:held-elsewhere"
    cache.add(plan_pdf.lock_key(key), "another-process@0", 60)
    threading.Timer(0.3, lambda: cache.set(key, b"rendered elsewhere")).start()
    started = time.monotonic()
    assert plan_pdf.single_flight(key, lambda: pytest.fail("rendered although another process was")) == (
        b"rendered elsewhere"
    )
    assert time.monotonic() - started >= 0.25


def test_a_failed_render_lets_the_next_caller_try(printer):
    def fail():
        raise RuntimeError("WeasyPrint failed")

    with pytest.raises(RuntimeError):
        plan_pdf.single_flight("plan-pdf:failing", fail)
    assert plan_pdf.single_flight("plan-pdf:failing", lambda: b"second try") == b"second try"


# Debounce: a render after the edits settle --------------------------------------------------------------


# Real commits: a render is scheduled when the change commits, once per plan and transaction.
debounce = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def draft(db):
    return PlanFactory(year_start=2023)


@pytest.fixture
def render_on_change(settings, queue):
    settings.PDF_RENDER_ON_CHANGE = True
    settings.PDF_RENDER_DELAY_SECONDS = 7
    return queue


def edit(plan, message):
    with transaction.atomic():
        plan = AnnualPlan.objects.get(pk=plan.pk)
        plan.message = message
        plan.save()


@debounce
def test_each_edit_schedules_a_render_and_only_the_last_one_runs(draft, printer, render_on_change):
    for number in range(3):
        edit(draft, f"Edit {number}")
    assert [(name, args[0], countdown) for name, args, countdown in render_on_change] == [
        ("render_after_edits", draft.pk, 7)
    ] * 3
    tokens = [args[1] for _name, args, _countdown in render_on_change]
    assert len(set(tokens)) == 3
    assert [plan_pdf.render_if_latest(draft.pk, token) == "superseded" for token in tokens] == [True, True, False]
    assert len(printer) == 1
    assert plan_pdf.pdf_or_schedule(AnnualPlan.objects.get(pk=draft.pk)) == b"%PDF-1.7 fake 1"  # ready for the next


@debounce
def test_a_transaction_that_changes_many_rows_schedules_one_render(draft, printer, render_on_change):
    other = PlanFactory(district=DistrictFactory(region=draft.district.region), year_start=2023)
    render_on_change.clear()
    with transaction.atomic():
        for _ in range(20):
            AnnualPlan.objects.get(pk=draft.pk).save()
            AnnualPlan.objects.get(pk=other.pk).save()
    assert sorted(args[0] for _name, args, _countdown in render_on_change) == sorted([draft.pk, other.pk])


@debounce
def test_a_change_to_a_district_schedules_its_plans(draft, printer, render_on_change):
    later = PlanFactory(district=draft.district, year_start=2024)
    render_on_change.clear()
    District.objects.get(pk=draft.district_id).save()
    assert sorted(args[0] for _name, args, _countdown in render_on_change) == sorted([draft.pk, later.pk])


@debounce
def test_a_rolled_back_change_schedules_nothing(draft, printer, render_on_change):
    with transaction.atomic():
        AnnualPlan.objects.get(pk=draft.pk).save()
        transaction.set_rollback(True)
    assert render_on_change == []


@debounce
def test_without_a_worker_edits_schedule_nothing(draft, printer, queue, settings):
    settings.PDF_RENDER_ON_CHANGE = False
    edit(draft, "An edit")
    assert queue == []


def test_approved_plans_keep_their_status_in_the_key(draft, printer):
    """A draft's status is part of its PDF's key: approving it never serves the draft-marked PDF."""
    draft_key = plan_pdf.pdf_cache_key(draft)
    AnnualPlan.objects.filter(pk=draft.pk).update(status=PlanStatus.APPROVED)
    assert plan_pdf.pdf_cache_key(AnnualPlan.objects.get(pk=draft.pk)) != draft_key
