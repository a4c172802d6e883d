"""Several clients writing at once through a running server on SQLite, as `make run` serves the portal.

Run from the project root:  .venv/bin/python bench/concurrent_writes.py [--clients 4] [--requests 30] [--port 8000]

Migrates a temporary SQLite file, loads the Kasur 2023-2024 plan, starts `manage.py runserver` on it and
lets `--clients` threads each send `--requests` rounds of PATCHes (a strength figure, a target's text) and
a read through the API. It prints the answers by status for two configurations of the same database: the
portal's (WAL, immediate transactions, 20 s busy timeout) and SQLite's defaults (rollback journal,
deferred transactions, 5 s), so the difference the settings make is measured, not assumed. Exit status 1
when the portal's configuration gives any server error.
"""

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# SQLite's defaults, for comparison: the portal's settings without the SQLite options of DATABASES.
DEFAULTS_SETTINGS = """
from kasur_police.settings import *  # noqa: F403

DATABASES["default"]["OPTIONS"] = {}  # noqa: F405
"""

SETUP = """
from django.contrib.auth.models import User
from knox.models import AuthToken
from initiatives.models import Target
from strength.models import StrengthEntry
user = User.objects.create_superuser("writer")
print(AuthToken.objects.create(user=user)[1])
print(list(StrengthEntry.objects.values_list("pk", "present")))
print(list(Target.objects.values_list("pk", flat=True)))
"""


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=capture, text=True
    )
    return result.stdout


def send(method, url, token, payload=None):
    body = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=body, method=method)
    request.add_header("Authorization", f"Token {token}")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError):
        return "no answer"


def wait_for(url, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    raise SystemExit(f"The server at {url} did not start.")


def hammer(env, port, token, entries, targets, clients, rounds):
    """Start the server, run the clients, stop the server; the answers' status codes counted."""
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/api/v1/")

        def client(worker):
            codes = []
            for step in range(rounds):
                pk, present = entries[(worker * 7 + step) % len(entries)]
                payload = {"present": present + worker + step}
                codes.append(send("PATCH", f"{base}/api/v1/strength-entries/{pk}/", token, payload))
                target = targets[(worker * 3 + step) % len(targets)]
                payload = {"mechanism": f"client {worker}, round {step}"}
                codes.append(send("PATCH", f"{base}/api/v1/targets/{target}/", token, payload))
                codes.append(send("GET", f"{base}/api/v1/targets/{target}/", token))
            return codes

        started = time.monotonic()
        with ThreadPoolExecutor(clients) as pool:
            codes = Counter(code for result in pool.map(client, range(clients)) for code in result)
        return codes, time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=30, help="rounds per client (3 requests each)")
    parser.add_argument("--port", type=int, default=8000)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "sqlite_defaults_settings.py").write_text(DEFAULTS_SETTINGS)
        template = folder / "template.sqlite3"
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{template}", "DEBUG": "true"}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(folder), str(ROOT), env.get("PYTHONPATH")]))
        print("Migrating and loading the Kasur plan ...", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "loaddata", "kasur_2023_24", "-v0")
        token, entries, targets = manage(env, "shell", "-c", SETUP, capture=True).strip().splitlines()[-3:]
        entries, targets = ast.literal_eval(entries), ast.literal_eval(targets)

        configurations = [
            ("portal settings (WAL, IMMEDIATE, 20 s)", "kasur_police.settings"),
            ("SQLite defaults (rollback journal, DEFERRED, 5 s)", "sqlite_defaults_settings"),
        ]
        failures = {}
        print(f"{options.clients} clients x {options.requests} rounds x 3 requests\n")
        print(f"{'configuration':52} {'seconds':>8}  answers by status")
        for label, settings_module in configurations:
            database = folder / f"{settings_module}.sqlite3"
            shutil.copy(template, database)
            run_env = {**env, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": settings_module}
            codes, seconds = hammer(run_env, options.port, token, entries, targets, options.clients, options.requests)
            failures[settings_module] = sum(n for code, n in codes.items() if not isinstance(code, int) or code >= 500)
            answers = ", ".join(f"{code}: {n}" for code, n in sorted(codes.items(), key=str))
            print(f"{label:52} {seconds:8.1f}  {answers}", flush=True)
    sys.exit(1 if failures["kasur_police.settings"] else 0)


if __name__ == "__main__":
    main()
