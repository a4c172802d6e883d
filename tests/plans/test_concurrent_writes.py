"""Writes under concurrent use: the plan's lock, versions, and a database shared by several writers.

The writers are threads with their own database connections, so these tests commit (`transaction=True`).
They run on PostgreSQL (row locks) and on SQLite (a file in WAL mode with immediate transactions, as
`make run` uses it), and mean the same on both: the second writer waits for the first, then sees its work.
"""

import json
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.core.wsgi import get_wsgi_application
from django.db import connection, connections, transaction
from django.urls import reverse

from initiatives.models import Target
from plans import workflow
from plans.audit import record_initial_history
from plans.consistency import run_checks
from plans.models import AnnualPlan, PlanStatus, PrintedFigure
from strength.models import StrengthEntry

# serialized_rollback: the flush after each test then leaves out what the migrations' signal handlers make (its
# content types with new ids), and the migrated data is loaded back, as the browser tests' is; a test with
# serialized_rollback run after one of these on the same worker would otherwise fail on duplicate content types.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAIRS = 40


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """The database the threads share: on SQLite a file, as `make run` uses, rather than the in-memory test
    database (whose connections share one cache and fail at once on a lock instead of waiting).

    The file starts as a copy of the in-memory database; the in-memory one is kept open and back afterwards.
    """
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    connection.ensure_connection()
    memory, name = connection.connection, connection.settings_dict["NAME"]
    path = tmp_path / "shared.sqlite3"
    with closing(sqlite3.connect(path)) as copy:
        memory.backup(copy)
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)  # the same settings every thread's connection is made from
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = memory


def own_connection(function):
    """`function` run in a thread with that thread's own connection, closed when it returns."""

    def run(*args):
        try:
            return function(*args)
        finally:
            connections.close_all()

    return run


def errors_of(plan):
    return [finding for finding in run_checks(plan) if finding.severity == "error"]


@pytest.fixture
def tokens(shared_database, role_groups, offices):
    """{username: client} for district A's DPO and clerk and the region's reviewer."""
    return {name: offices.client(name) for name in ("dpo_a", "clerk_a", "reviewer_north")}


def test_an_edit_racing_a_submission_waits_and_is_refused(tokens, offices, monkeypatch):
    """A clerk's PATCH arriving while the DPO's submission runs its check lands neither before nor after it."""
    plan = offices.plan
    figure = PrintedFigure.objects.filter(plan=plan, key__startswith="strength:").order_by("key").first()
    with transaction.atomic():  # the edit alone would make the plan fail its check
        PrintedFigure.objects.filter(pk=figure.pk).update(value=figure.value + 1)
        assert errors_of(plan)
        transaction.set_rollback(True)
    assert not errors_of(plan)

    checked = threading.Event()
    real_check = workflow._refuse_inconsistent

    def check_then_hold(locked_plan):
        real_check(locked_plan)
        checked.set()
        time.sleep(0.5)  # the clerk's PATCH arrives while the submission holds the plan

    monkeypatch.setattr(workflow, "_refuse_inconsistent", check_then_hold)
    url = reverse("api:printedfigure-detail", args=[figure.pk])

    @own_connection
    def submit():
        return tokens["dpo_a"].post(reverse("api:annualplan-submit", args=[plan.pk]), {}, format="json").status_code

    @own_connection
    def edit():
        assert checked.wait(timeout=30)
        return tokens["clerk_a"].patch(url, {"value": str(figure.value + 1)}, format="json").status_code

    with ThreadPoolExecutor(2) as pool:
        submitted, edited = pool.submit(submit), pool.submit(edit)
        assert (submitted.result(), edited.result()) == (200, 409)

    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert PrintedFigure.objects.get(pk=figure.pk).value == figure.value
    assert not errors_of(plan)


def test_a_model_save_racing_a_submission_is_refused(shared_database, role_groups, offices, monkeypatch):
    """The same through the models (imports, scripts): the write path is one."""
    plan, dpo = offices.plan, offices.users["dpo_a"]
    entry = StrengthEntry.objects.filter(plan=plan).order_by("pk").first()
    checked = threading.Event()
    real_check = workflow._refuse_inconsistent

    def check_then_hold(locked_plan):
        real_check(locked_plan)
        checked.set()
        time.sleep(0.5)

    monkeypatch.setattr(workflow, "_refuse_inconsistent", check_then_hold)

    @own_connection
    def edit():
        assert checked.wait(timeout=30)
        row = StrengthEntry.objects.get(pk=entry.pk)
        row.sanctioned += 4
        try:
            row.save()
        except workflow.PlanLocked:
            return "refused"
        return "saved"

    with ThreadPoolExecutor(2) as pool:
        submitted = pool.submit(own_connection(workflow.submit), AnnualPlan.objects.get(pk=plan.pk), dpo)
        edited = pool.submit(edit)
        assert submitted.result().status == PlanStatus.SUBMITTED
        assert edited.result() == "refused"
    assert StrengthEntry.objects.get(pk=entry.pk).sanctioned == entry.sanctioned
    assert not errors_of(AnnualPlan.objects.get(pk=plan.pk))


def patch_pair(clients, url, payloads, headers):
    """Two PATCHes of one row sent at the same moment; their status codes."""
    barrier = threading.Barrier(2)

    @own_connection
    def send(client, payload):
        barrier.wait(timeout=30)
        return client.patch(url, payload, format="json", headers=headers).status_code

    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(send, client, payload) for client, payload in zip(clients, payloads, strict=True)]
        return [future.result() for future in futures]


def test_concurrent_patches_of_different_fields_lose_nothing(tokens, offices):
    """40 pairs: without If-Match both changes land; with the same If-Match one lands and the other gets 412.
    Either way no change is lost silently, and the history credits each change to who made it."""
    clerk, dpo = offices.users["clerk_a"], offices.users["dpo_a"]
    clients = [tokens["clerk_a"], tokens["dpo_a"]]
    record_initial_history([Target])  # as generate_demo_data does for the rows it makes in bulk
    targets = list(Target.objects.filter(plan=offices.plan).order_by("pk"))
    lost, refused = [], 0
    for pair in range(PAIRS):
        target = Target.objects.get(pk=targets[pair % len(targets)].pk)
        url = reverse("api:target-detail", args=[target.pk])
        payloads = [{"category": f"Category {pair}"}, {"mechanism": f"Mechanism {pair}"}]
        with_if_match = pair % 2 == 1
        headers = {"If-Match": f'"{target.version}"'} if with_if_match else {}
        codes = patch_pair(clients, url, payloads, headers)
        target.refresh_from_db()
        kept = [target.category == f"Category {pair}", target.mechanism == f"Mechanism {pair}"]
        if with_if_match:
            assert sorted(codes) == [200, 412], codes
            refused += 1
        else:
            assert codes == [200, 200], codes
        lost += [(pair, index) for index, code in enumerate(codes) if code == 200 and not kept[index]]
        lost += [(pair, index) for index, code in enumerate(codes) if code == 412 and kept[index]]
        if not with_if_match:
            newest, before, earlier = target.history.order_by("-history_id")[:3]
            changed = {
                record.history_user_id: set(record.diff_against(previous, excluded_fields=["version"]).changed_fields)
                for record, previous in ((newest, before), (before, earlier))
            }
            assert changed == {clerk.pk: {"category"}, dpo.pk: {"mechanism"}}
    assert lost == []
    assert refused == PAIRS // 2


def test_a_stale_if_match_is_refused_and_a_fresh_one_applies(tokens, offices):
    target = Target.objects.filter(plan=offices.plan).first()
    url = reverse("api:target-detail", args=[target.pk])
    client = tokens["clerk_a"]

    read = client.get(url)
    assert read["ETag"] == f'"{target.version}"' and read.json()["version"] == target.version
    first = client.patch(url, {"category": "First"}, format="json", headers={"If-Match": read["ETag"]})
    assert first.status_code == 200 and first["ETag"] == f'"{target.version + 1}"'
    stale = client.patch(url, {"category": "Second"}, format="json", headers={"If-Match": read["ETag"]})
    assert stale.status_code == 412 and stale["ETag"] == first["ETag"]
    assert Target.objects.get(pk=target.pk).category == "First"
    assert client.delete(url, headers={"If-Match": read["ETag"]}).status_code == 412
    assert (
        client.patch(url, {"category": "Third"}, format="json", headers={"If-Match": first["ETag"]}).status_code == 200
    )
    assert Target.objects.get(pk=target.pk).category == "Third"


def send(method, url, token, payload=None):
    """One request to the live server; its status code (an error status is an answer too)."""
    body = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=body, method=method)
    request.add_header("Authorization", f"Token {token}")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def server(shared_database):
    """The portal served on a free port, a thread (and so a connection) per request, as `runserver` does.

    Each request's connection closes when it ends (CONN_MAX_AGE 0), so none outlives its thread.
    """
    max_age = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = 0
    httpd = make_server("127.0.0.1", 0, get_wsgi_application(), ThreadingServer, QuietHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()
    connection.settings_dict["CONN_MAX_AGE"] = max_age


def test_several_writers_through_a_running_server_get_no_server_error(server, role_groups, offices):
    """Four clients writing at once through a running server: every request gets an answer, none a 500."""
    plan = offices.plan
    token = offices.users["clerk_a"].api_token
    entries = list(StrengthEntry.objects.filter(plan=plan).values_list("pk", "present"))
    targets = list(Target.objects.filter(plan=plan).values_list("pk", flat=True))
    base = server

    def writer(worker):
        codes = []
        for step in range(10):
            pk, present = entries[(worker + step) % len(entries)]
            codes.append(
                send("PATCH", f"{base}/api/v1/strength-entries/{pk}/", token, {"present": present + worker + step})
            )
            target = targets[(worker * 3 + step) % len(targets)]
            codes.append(send("PATCH", f"{base}/api/v1/targets/{target}/", token, {"mechanism": f"w{worker} s{step}"}))
            codes.append(send("GET", f"{base}/api/v1/targets/{target}/", token))
        return codes

    with ThreadPoolExecutor(4) as pool:
        codes = [code for result in pool.map(writer, range(4)) for code in result]

    assert len(codes) == 120
    assert [code for code in codes if code >= 500] == []
    assert set(codes) <= {200, 400}, sorted(set(codes))
