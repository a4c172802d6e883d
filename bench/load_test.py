"""Load test: locust (headless, bench/locustfile.py) against gunicorn on the country-scale PostgreSQL database.

Run from the project root, after `bench/country_scale.py` has filled the database (`make bench-load` installs
locust into bench/out/venv, then runs the first line below):

    .venv/bin/python bench/load_test.py                      # 50 users, 2-5 s think time, 2 minutes
    .venv/bin/python bench/load_test.py --saturate 5,10,20   # no think time: throughput against p95
    .venv/bin/python bench/load_test.py --celery             # PDFs on a Celery worker (needs the Celery settings)

It prepares one account per simulated person (reviewers of the whole province, clerks of districts whose latest
plan is a draft: a browser session and an API token each, in bench/out/load_users.json), renders the PDFs the
reviewers download into the shared Redis cache (they are served from it), starts gunicorn (DEBUG off, Redis
cache), requests each plan page of the pool once (a server that has been up has them cached), runs locust and
prints, per kind of request: count, failures, median and p95 ms, requests/s, with the machine's load average.
"""

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from country_scale import DEFAULT_DATABASE, ROOT, ensure_database, load, setup_django

OUT = ROOT / "bench" / "out"
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
LOCUST = OUT / "venv" / "bin" / "locust"


def server_environment(database_url, celery):
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "REDIS_URL": REDIS,
        "CACHE_BACKEND": "django.core.cache.backends.redis.RedisCache",
        "CACHE_LOCATION": REDIS,
        "API_THROTTLE_USER": "6000/min",  # one account per simulated person; a person clicks far slower
    }
    if celery:
        environment["CELERY_BROKER_URL"] = REDIS
    return environment


def lower_session_priority(pid, nice=10):
    """Nice the worker's whole session: where Linux groups the CPU by session (autogroup), a process's own
    nice counts only within its session, and the worker's session would get as much CPU as the server's."""
    autogroup = Path(f"/proc/{pid}/autogroup")
    if autogroup.exists():
        autogroup.write_text(str(nice))


def prepare(readers, clerks, plans, pdfs):
    """Accounts, the pools of plans the simulated people use, and the PDFs in the cache."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.auth.models import Group
    from django.urls import reverse
    from django.utils.module_loading import import_string
    from knox.models import AuthToken

    from plans.models import AnnualPlan, Membership, PlanStatus, Province, Role
    from plans.pdf import render_plan_pdf

    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    backend = next(path for path in settings.AUTHENTICATION_BACKENDS if hasattr(import_string(path), "get_user"))

    def account(username, role, **scope):
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            Membership.objects.create(user=user, role=role, **scope)
            user.groups.add(Group.objects.get(name=role))
        AuthToken.objects.filter(user=user).delete()
        session = session_store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        return {"username": username, "session": session.session_key, "token": AuthToken.objects.create(user)[1]}

    def page(plan):
        return reverse("plans:plan-detail", args=[plan.district.slug, plan.fiscal_year])

    province = Province.objects.get(regions__districts__slug="kasur")
    latest = AnnualPlan.objects.filter(district__is_synthetic=True).order_by("-year_start").first().year_start
    synthetic = AnnualPlan.objects.select_related("district").filter(district__is_synthetic=True)
    pool = list(synthetic.filter(year_start=latest).order_by("district__slug")[:plans])
    drafts = list(synthetic.filter(year_start=latest, status=PlanStatus.DRAFT).order_by("-district__slug")[:clerks])
    approved = list(synthetic.filter(year_start=latest - 1).order_by("district__slug")[:pdfs])  # locked: unchanging
    world = {
        "readers": [account(f"load-reader-{n:03d}", Role.REVIEWER, province=province) for n in range(readers)],
        "clerks": [
            {
                **account(f"load-clerk-{n:03d}", Role.CLERK, district=plan.district),
                "plan_page": page(plan),
                "entries": list(plan.strength_entries.values_list("pk", flat=True)[:10]),
            }
            for n, plan in enumerate(drafts)
        ],
        "plan_pages": [page(plan) for plan in pool],
        "plan_ids": [plan.pk for plan in pool],
        "comparisons": [reverse("plans:compare-plans", args=[plan.district.slug]) for plan in pool],
        "pdfs": [reverse("documents:pdf", args=[plan.district.slug, plan.fiscal_year]) for plan in approved],
    }
    for plan in approved:
        started = time.perf_counter()
        render_plan_pdf(plan)
        print(f"  PDF of {plan} in the cache ({time.perf_counter() - started:.1f} s)", file=sys.stderr, flush=True)
    OUT.mkdir(exist_ok=True)
    (OUT / "load_users.json").write_text(json.dumps(world))
    return world


def wait_for(url, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"The server did not answer {url} within {seconds} s.")


def warm(host, world):
    """Each plan page of the pool once, as its reviewers' and clerks' first views would."""
    sessions = [world["readers"][0]["session"]] + [clerk["session"] for clerk in world["clerks"]]
    urls = [(sessions[0], url) for url in world["plan_pages"]]
    urls += [(clerk["session"], clerk["plan_page"]) for clerk in world["clerks"]]
    for session, url in urls:
        request = urllib.request.Request(host + url, headers={"Cookie": f"sessionid={session}"})
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()


def run_locust(host, users, spawn_rate, run_time, think_min, think_max, name):
    prefix = OUT / name
    command = [
        str(LOCUST), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "--host", host,
        "--users", str(users), "--spawn-rate", str(spawn_rate), "--run-time", run_time,
        "--think-min", str(think_min), "--think-max", str(think_max), "--csv", str(prefix), "--only-summary",
        "--loglevel", "WARNING",
    ]  # fmt: skip
    load_before = load()
    with open(f"{prefix}.log", "w") as log:  # locust's own summary and any error
        subprocess.run(command, check=False, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    with open(f"{prefix}_stats.csv") as stats:
        rows = list(csv.DictReader(stats))
    return rows, load_before, load()


def print_stats(rows, title, load_before, load_after):
    print(f"\n{title} (load average before / after: {load_before} / {load_after})\n")
    print("| request | count | failures | median ms | p95 ms | req/s |\n|---|---:|---:|---:|---:|---:|")
    for row in sorted(rows, key=lambda row: (row["Name"] == "Aggregated", row["Name"])):
        name = "**all requests**" if row["Name"] == "Aggregated" else row["Name"]
        print(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | {float(row['Median Response Time']):.0f} "
            f"| {row['95%']} | {float(row['Requests/s']):.2f} |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--run-time", default="2m")
    parser.add_argument("--think-min", type=float, default=2)
    parser.add_argument("--think-max", type=float, default=5)
    parser.add_argument("--saturate", metavar="N,N,...", help="instead: these user counts without think time")
    parser.add_argument("--step-time", default="1m", help="run time of each --saturate step")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--port", type=int, default=8010)
    parser.add_argument("--plans", type=int, default=30, help="plans the reviewers read (latest year)")
    parser.add_argument("--clerks", type=int, default=10, help="clerks, each editing a district's draft")
    parser.add_argument("--pdfs", type=int, default=3, help="approved plans whose PDF the reviewers download")
    parser.add_argument("--celery", action="store_true", help="also start a Celery worker (broker: Redis)")
    options = parser.parse_args()
    if not LOCUST.exists():
        raise SystemExit("locust is missing: make bench-load")

    steps = [int(users) for users in options.saturate.split(",")] if options.saturate else [options.users]
    environment = server_environment(options.database_url, options.celery)
    os.environ.update(environment)
    ensure_database(options.database_url, fresh=False)
    setup_django(options.database_url)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    print("Preparing accounts and PDFs ...", file=sys.stderr, flush=True)
    world = prepare(max(steps), options.clerks, options.plans, options.pdfs)

    host = f"http://127.0.0.1:{options.port}"
    config = ROOT / "deploy" / "gunicorn.conf.py"  # the deployed settings, where there are some
    gunicorn_config = ["--config", str(config)] if config.exists() else []
    processes = [
        subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "kasur_police.wsgi",
                *gunicorn_config,
                "--access-logfile",
                str(OUT / "access.log"),
                "--workers",
                str(options.workers),
                "--bind",
                f"127.0.0.1:{options.port}",
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=environment,
            start_new_session=True,
        )  # fmt: skip
    ]
    if options.celery:
        processes.append(
            subprocess.Popen(
                [
                    "nice",
                    "-n",
                    "10",  # as deploy/systemd runs it: renders yield the CPU to requests
                    str(ROOT / ".venv" / "bin" / "celery"),
                    "-A",
                    "kasur_police",
                    "worker",
                    "--concurrency",
                    "1",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT,
                env=environment,
                start_new_session=True,
            )  # fmt: skip
        )
        lower_session_priority(processes[-1].pid)
    try:
        wait_for(f"{host}/accounts/login/")
        print("Warming the plan pages ...", file=sys.stderr, flush=True)
        warm(host, world)
        server = f"gunicorn, {options.workers} workers" + (", a Celery worker" if options.celery else "")
        if options.saturate:
            print(f"\nWithout think time ({server}), {options.step_time} per step:\n")
            print("| users | requests | failures | req/s | median ms | p95 ms | load avg before / after |")
            print("|---:|---:|---:|---:|---:|---:|---|")
            for users in steps:
                rows, before, after = run_locust(host, users, users, options.step_time, 0, 0, f"saturate_{users}")
                total = next(row for row in rows if row["Name"] == "Aggregated")
                print(
                    f"| {users} | {total['Request Count']} | {total['Failure Count']} "
                    f"| {float(total['Requests/s']):.2f} | {float(total['Median Response Time']):.0f} | {total['95%']} "
                    f"| {before} / {after} |",
                    flush=True,
                )
        else:
            rows, before, after = run_locust(
                host, options.users, options.spawn_rate, options.run_time, options.think_min, options.think_max,
                f"users_{options.users}",
            )  # fmt: skip
            title = (
                f"{options.users} users, {options.think_min:g}-{options.think_max:g} s think time, "
                f"{options.run_time} ({server})"
            )
            print_stats(rows, title, before, after)
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)


if __name__ == "__main__":
    main()
