"""The portal's load: reviewers reading plans, the overview, the API and PDFs; clerks editing their draft.

Run through `bench/load_test.py`, which prepares the accounts (a browser session and an API token each, in
bench/out/load_users.json), the PDFs in the shared cache and the server, then runs locust headless:

    bench/out/venv/bin/locust -f bench/locustfile.py --headless --host http://127.0.0.1:8010 \
        --users 50 --spawn-rate 5 --run-time 2m --think-min 2 --think-max 5

Every account is a different person (the API's per-user throttle counts each on its own). A PDF answered
with anything but the PDF itself (202: a render queued) counts as a failure: it was not served from the cache.
"""

import itertools
import json
import os
import random
from pathlib import Path

from locust import HttpUser, events, task

USERS_FILE = Path(os.environ.get("LOAD_USERS_FILE", Path(__file__).resolve().parent / "out" / "load_users.json"))
WORLD = json.loads(USERS_FILE.read_text()) if USERS_FILE.exists() else {"readers": [], "clerks": []}
NEXT_READER, NEXT_CLERK = itertools.count(), itertools.count()


@events.init_command_line_parser.add_listener
def think_time_options(parser):
    parser.add_argument("--think-min", type=float, default=2.0, help="seconds between a user's requests, at least")
    parser.add_argument("--think-max", type=float, default=5.0, help="... and at most")


def think(user):
    options = user.environment.parsed_options
    low, high = (options.think_min, options.think_max) if options else (2.0, 5.0)
    return random.uniform(low, high)


class Person(HttpUser):
    abstract = True
    wait_time = think
    accounts = ()
    counter = None

    def on_start(self):
        account = self.accounts[next(self.counter) % len(self.accounts)]
        self.account = account
        self.client.cookies.set("sessionid", account["session"])  # the server's cookie is https-only
        self.api_headers = {"Authorization": f"Token {account['token']}", "Accept": "application/json"}

    def page(self, url, name):
        with self.client.get(url, name=name, catch_response=True, allow_redirects=False) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {url}")

    def api(self, url, name):
        self.client.get(url, name=name, headers=self.api_headers)


class Reviewer(Person):
    """Reads across the province: plans, their pages and PDFs, the overview, the API."""

    weight = 8
    accounts = WORLD["readers"]
    counter = NEXT_READER

    @task(3)
    def plan_page(self):
        self.page(random.choice(WORLD["plan_pages"]), "page: plan")

    @task(2)
    def home(self):
        self.page("/", "page: home (plans list)")

    @task(1)
    def overview(self):
        self.page("/overview/", "page: province overview")

    @task(1)
    def compare(self):
        self.page(random.choice(WORLD["comparisons"]), "page: comparison")

    @task(2)
    def api_plans(self):
        self.api("/api/v1/plans/", "api: plans list")

    @task(2)
    def api_full_plan(self):
        self.api(f"/api/v1/plans/{random.choice(WORLD['plan_ids'])}/full/", "api: full plan")

    @task(1)
    def api_strength(self):
        self.api(f"/api/v1/strength-entries/?plan_id={random.choice(WORLD['plan_ids'])}", "api: strength of a plan")

    @task(1)
    def pdf(self):
        url = random.choice(WORLD["pdfs"])
        with self.client.get(url, name="pdf: download", catch_response=True) as response:
            if response.status_code != 200 or not response.content.startswith(b"%PDF"):
                response.failure(f"not served from the cache: {response.status_code}")


class Clerk(Person):
    """Edits a strength entry of the district's draft plan (read, then PATCH with If-Match), then reads the page."""

    weight = 2
    accounts = WORLD["clerks"]
    counter = NEXT_CLERK

    @task(2)
    def edit_strength(self):
        entry = random.choice(self.account["entries"])
        url = f"/api/v1/strength-entries/{entry}/"
        response = self.client.get(url, name="api: strength entry", headers=self.api_headers)
        if response.status_code != 200:
            return
        row = response.json()
        headers = {**self.api_headers, "If-Match": f'"{row["version"]}"'}
        body = {"present": random.randint(0, row["sanctioned"])}
        self.client.patch(url, json=body, name="edit: PATCH strength entry", headers=headers)

    @task(2)
    def own_plan_page(self):
        self.page(self.account["plan_page"], "page: own draft plan")

    @task(1)
    def home(self):
        self.page("/", "page: home (plans list)")
