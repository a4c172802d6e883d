#!/usr/bin/env python3
"""Production smoke test: the portal as production runs it, on real engines, end to end.

Creates its own PostgreSQL database (plan_portal_smoke), migrates it and loads the Kasur plan; starts gunicorn
(deploy/gunicorn.conf.py, DEBUG off, static files collected for whitenoise) and a Celery worker, both on Redis
(cache and broker, database 1, under a key prefix and a queue of their own); logs in through the login form,
edits the Kasur draft through the API, and waits for its PDF through 202 Accepted -> 200, checking that the PDF
carries the edit. Everything it started is stopped at the end, also when a step fails.

    make prod-smoke          (or: .venv/bin/python deploy/prod_smoke.py)

Environment: SMOKE_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/plan_portal_smoke), SMOKE_REDIS_URL
(default redis://127.0.0.1:6379/1), SMOKE_BROKER_URL (default: the same Redis; amqp://guest:guest@127.0.0.1:5672//
for RabbitMQ), SMOKE_PORT (default: a free port), SMOKE_TIMEOUT (seconds for the PDF, 120).
"""

import http.cookies
import io
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
DATABASE_URL = os.environ.get("SMOKE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/plan_portal_smoke")
REDIS_URL = os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379/1")
BROKER_URL = os.environ.get("SMOKE_BROKER_URL", REDIS_URL)  # e.g. amqp://guest:guest@127.0.0.1:5672//
TIMEOUT = float(os.environ.get("SMOKE_TIMEOUT", "120"))
USERNAME, PASSWORD = "smoke-clerk", secrets.token_urlsafe(16)
EDIT = f"Smoke test edit {secrets.token_hex(4)}: the message the PDF must carry."


class SmokeFailed(Exception):
    pass


def step(text):
    print(f"== {text}", flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(port):
    prefix = f"smoke-{secrets.token_hex(4)}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kasur_police.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on the loopback: no proxy in front here
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "CELERY_BROKER_URL": BROKER_URL,
        "CELERY_QUEUE": prefix,
        "CACHE_KEY_PREFIX": prefix,
        "PDF_RENDER_DELAY_SECONDS": "1",
        "MEDIA_ROOT": str(BASE_DIR / "media" / "smoke"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_ACCESS_LOG": "-",
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *arguments, **options):
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=BASE_DIR, env=env, check=True, **options)


def create_database(env):
    """A fresh plan_portal_smoke: dropped if there, created, migrated, the Kasur plan loaded, a clerk added."""
    import psycopg2

    parts = urllib.parse.urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "loaddata", "kasur_2023_24", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    password_file = BASE_DIR / "media" / "smoke-password"
    password_file.parent.mkdir(parents=True, exist_ok=True)
    password_file.write_text(PASSWORD + "\n")
    try:
        manage(
            env, "add_user", USERNAME, "--role", "clerk", "--district", "kasur", "--password-file", str(password_file)
        )
    finally:
        password_file.unlink()


class Browser:
    """Just enough of a browser: cookies kept by hand (the session cookie is Secure, and this is plain HTTP)."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, method, path, data=None, headers=None, json_body=None):
        headers = dict(headers or {})
        body = None
        if json_body is not None:
            body = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        elif data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        request = urllib.request.Request(self.base + path, data=body, headers=headers, method=method)
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in http.cookies.SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        response.body = response.read()
        return response


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wait_for(description, check, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SmokeFailed(f"timed out waiting for {description}")


def expect(condition, message):
    if not condition:
        raise SmokeFailed(message)


def run_smoke(browser, worker_log):
    step("log in through the login form")
    login = browser.request("GET", "/accounts/login/")
    expect(login.status == 200, f"login page answered {login.status}")
    answer = browser.request(
        "POST",
        "/accounts/login/",
        data={"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": browser.cookies["csrftoken"]},
        headers={"Referer": browser.base + "/accounts/login/"},
    )
    expect(answer.status == 302 and "sessionid" in browser.cookies, f"login failed: {answer.status}")

    step("edit the Kasur draft (API, the session's CSRF token)")
    plans = json.loads(
        browser.request("GET", "/api/v1/plans/?district=kasur", headers={"Accept": "application/json"}).body
    )
    plan = plans["results"][0]
    edited = browser.request(
        "PATCH",
        f"/api/v1/plans/{plan['id']}/",
        json_body={"message": EDIT},
        headers={"X-CSRFToken": browser.cookies["csrftoken"], "Accept": "application/json"},
    )
    expect(edited.status == 200, f"the edit answered {edited.status}: {edited.body[:300]!r}")
    edited_at = time.monotonic()

    step("ask for the PDF: 202 with a status while the worker renders")
    pdf_path = f"/plans/kasur/{plan['fiscal_year']}/pdf/"
    first = browser.request("GET", pdf_path, headers={"Accept": "application/json"})
    expect(first.status == 202, f"the PDF right after the edit answered {first.status}, expected 202")
    expect(first.headers.get("Retry-After"), "202 without Retry-After")
    status = json.loads(first.body)
    print(f"   202: {status['state']}, Retry-After {first.headers['Retry-After']}, status {status['status_url']}")
    page = browser.request("GET", pdf_path, headers={"Accept": "text/html"})
    expect(page.status in (200, 202), f"the progress page answered {page.status}")
    if page.status == 202:
        expect(b"render-progress" in page.body, "the 202 page for browsers shows no progress")

    step("wait for the status to say ready")
    states = []

    def ready():
        body = json.loads(browser.request("GET", urllib.parse.urlsplit(status["status_url"]).path).body)
        if not states or states[-1] != body["state"]:
            states.append(body["state"])
        return body["state"] == "ready"

    wait_for("the PDF to be rendered (worker log: " + str(worker_log) + ")", ready, TIMEOUT)
    print(f"   states seen: {' -> '.join(states)}; ready {time.monotonic() - edited_at:.1f} s after the edit")

    step("download the PDF: 200, and it carries the edit")
    done = browser.request("GET", pdf_path)
    expect(done.status == 200, f"the PDF answered {done.status} once ready")
    expect(done.headers.get("Content-Type") == "application/pdf", "not a PDF")
    from pypdf import PdfReader

    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(done.body)).pages[:4])
    expect(EDIT.split(":")[0] in text, "the PDF does not carry the edit")
    print(f"   {len(done.body):,} bytes, {len(PdfReader(io.BytesIO(done.body)).pages)} pages, the edit printed")


def start(command, env, log):
    """A process in a session of its own, so that it and its children stop together."""
    handle = open(log, "wb")  # noqa: SIM115 (closed when the process is stopped)
    process = subprocess.Popen(
        command, cwd=BASE_DIR, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )
    process.log_handle = handle
    return process


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    process.log_handle.close()


def main():
    port = int(os.environ.get("SMOKE_PORT") or free_port())
    env = environment(port)
    logs = BASE_DIR / "media" / "smoke-logs"
    logs.mkdir(parents=True, exist_ok=True)
    started = []
    try:
        step(f"database {DATABASE_URL}: create, migrate, load Kasur, collect static files")
        create_database(env)
        step(f"start gunicorn on 127.0.0.1:{port} and a Celery worker (broker {BROKER_URL}, cache {REDIS_URL})")
        started.append(
            start([str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "kasur_police.wsgi"], env, logs / "web.log")
        )
        worker_log = logs / "worker.log"
        started.append(
            start(
                [
                    str(BIN / "celery"),
                    "-A",
                    "kasur_police",
                    "worker",
                    "--loglevel=INFO",
                    "--concurrency=1",
                    "-n",
                    f"smoke-{port}@%h",
                ],
                env,
                worker_log,
            )
        )
        browser = Browser(f"http://127.0.0.1:{port}")
        wait_for("gunicorn", lambda: browser.request("GET", "/accounts/login/").status == 200, 60)
        wait_for("the Celery worker", lambda: b"ready." in worker_log.read_bytes(), 60)
        run_smoke(browser, worker_log)
    except (SmokeFailed, subprocess.CalledProcessError) as error:
        print(f"SMOKE FAILED: {error}", file=sys.stderr)
        for log in sorted(logs.glob("*.log")):
            print(f"--- {log.name} (last lines)", file=sys.stderr)
            print("\n".join(log.read_text(errors="replace").splitlines()[-25:]), file=sys.stderr)
        return 1
    finally:
        step("stop what was started")
        for process in reversed(started):
            stop(process)
    step("prod smoke passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
