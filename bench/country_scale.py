"""The portal at the size of the country, on PostgreSQL: data generation, database size, and each hot page's latency.

Run from the project root:
    .venv/bin/python bench/country_scale.py --districts 150 --years 10 [--runs 20] [--database-url URL] [--fresh]

Uses its own PostgreSQL database (default postgres://postgres@127.0.0.1:5432/plan_portal_bench, created when
missing; `--fresh` drops it first), migrates it, loads the Kasur plan and runs `generate_demo_data` (which adds
only what is missing, so a second run measures the pages only). Then prints, as Markdown tables:

- generation: plans created, seconds, plans per second, and the database's size with its largest tables;
- per request: median and p95 latency over `--runs` requests through Django's whole request cycle (in process,
  DEBUG off, local-memory cache) and the number of SQL queries, for a reviewer who sees the whole province.

The machine's load average (`uptime`) is printed beside every row: other processes share the CPU.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/plan_portal_bench"


def load():
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def ensure_database(url, fresh):
    """Create the database named in `url` (dropping it first when `fresh`)."""
    import dj_database_url
    import psycopg2
    from psycopg2 import sql

    config = dj_database_url.parse(url)
    server = psycopg2.connect(
        dbname="postgres", user=config["USER"], password=config["PASSWORD"], host=config["HOST"], port=config["PORT"]
    )
    server.autocommit = True
    with server.cursor() as cursor:
        name = sql.Identifier(config["NAME"])
        if fresh:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(name))
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(name))
    server.close()


def setup_django(url):
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "false"  # as in production: no query log, no template debug information
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kasur_police.settings")
    import django

    django.setup()


def generate(districts, years, skip):
    """(plans created, seconds, load average before, after); the statistics refreshed (ANALYZE) after."""
    from django.core.management import call_command
    from django.db import connection

    from plans.models import AnnualPlan, District

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # DEBUG off: pages use the static manifest
    if not District.objects.filter(slug="kasur").exists():
        call_command("loaddata", "kasur_2023_24", verbosity=0)
    before = AnnualPlan.objects.count()
    started, load_before = time.perf_counter(), load()
    if not skip:
        with open(os.devnull, "w") as quiet:
            call_command("generate_demo_data", districts=districts, years=years, verbosity=0, stdout=quiet)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after a bulk load (if it runs: check `SHOW autovacuum`)
    return AnnualPlan.objects.count() - before, seconds, load_before, load()


def database_size():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        total = cursor.fetchone()[0]
        cursor.execute(
            "SELECT relname, pg_size_pretty(pg_total_relation_size(relid)), n_live_tup FROM pg_stat_user_tables "
            "ORDER BY pg_total_relation_size(relid) DESC LIMIT 5"
        )
        return total, cursor.fetchall()


def bench_users():
    """A province-wide reviewer (sees every plan) and a clerk of one demo district, created when missing."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from plans.models import District, Membership, Province, Role

    users = {}
    for username, role, scope in [
        ("bench-reviewer", Role.REVIEWER, {"province": Province.objects.get(regions__districts__slug="kasur")}),
        ("bench-clerk", Role.CLERK, {"district": District.objects.get(slug="demo-01")}),
    ]:
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            Membership.objects.create(user=user, role=role, **scope)
            user.groups.add(Group.objects.get(name=role))
        users[username] = user
    return users


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(client, urls, runs, before_each=None):
    """(median ms, p95 ms, queries of one request) over `runs` requests cycling through `urls`."""
    from django.db import connection

    if before_each:
        before_each()
    response = client.get(urls[0])  # warm up: imports, templates, connection
    assert response.status_code == 200, (urls[0], response.status_code)
    if before_each:
        before_each()
    queries = []  # counted by a wrapper: the test client's request_started signal empties the query log
    with connection.execute_wrapper(
        lambda execute, sql, params, many, context: (queries.append(sql), execute(sql, params, many, context))[1]
    ):
        client.get(urls[0])
    samples = []
    for run in range(runs):
        if before_each:
            before_each()
        started = time.perf_counter()
        response = client.get(urls[run % len(urls)])
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (urls[run % len(urls)], response.status_code)
    return statistics.median(samples), percentile(samples, 0.95), len(queries)


def hot_requests(client_for):
    """(label, client, urls, before_each) of every request measured, and the draft plan they show."""
    from django.core.cache import cache
    from django.urls import reverse

    from plans.models import AnnualPlan, District, PlanStatus

    plan = (
        AnnualPlan.objects.select_related("district")
        .filter(district__is_synthetic=True, status=PlanStatus.DRAFT)
        .order_by("-year_start", "district__slug")
        .first()
    )
    page = reverse("plans:plan-detail", args=[plan.district.slug, plan.fiscal_year])
    slugs = list(District.objects.order_by("slug").values_list("slug", flat=True))
    reviewer = client_for("bench-reviewer")
    rows = [
        ("home page (plans list, 25 a page)", reviewer, [reverse("plans:home")], None),
        ("plan page, cached document", reviewer, [page], None),
        ("plan page, cache cleared before each", reviewer, [page], cache.clear),
        ("province overview", reviewer, [reverse("plans:overview")], None),
        ("comparison of two years", reviewer, [reverse("plans:compare-plans", args=[plan.district.slug])], None),
        ("plans list, API (50 a page)", reviewer, ["/api/v1/plans/"], None),
        ("full plan, API", reviewer, [f"/api/v1/plans/{plan.pk}/full/"], None),
        (
            f"crime series CSV, each of {len(slugs)} districts",
            reviewer,
            [f"/api/v1/crime-series/?district={slug}&format=csv" for slug in slugs],
            None,
        ),
        ("1,000-row strength list, API", reviewer, ["/api/v1/strength-entries/?limit=1000"], None),
        ("1,000-row crime figures list, API", reviewer, ["/api/v1/crime-figures/?limit=1000"], None),
    ]
    return rows, plan


def requests(client_for, runs):
    rows, plan = hot_requests(client_for)
    print(f"\nPlan page and full plan: {plan} (draft). {runs} requests per row, through Django's request cycle.\n")
    print("| request | median ms | p95 ms | queries | load avg (1/5/15 min) |\n|---|---:|---:|---:|---|")
    for label, client, urls, before_each in rows:
        count = max(runs, len(urls)) if len(urls) > 1 else runs
        median, p95, queries = measure(client, urls, count, before_each)
        print(f"| {label} | {median:.0f} | {p95:.0f} | {queries} | {load()} |", flush=True)


def client_maker():
    from django.test import Client

    users = bench_users()

    def client_for(username):
        client = Client()
        client.force_login(users[username])
        return client

    return client_for


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=150)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=20, help="requests per row (default 20)")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--fresh", action="store_true", help="drop the database first")
    parser.add_argument("--no-generate", action="store_true", help="measure the database as it is")
    options = parser.parse_args()

    ensure_database(options.database_url, options.fresh)
    setup_django(options.database_url)
    print(f"Generating {options.districts} districts x {options.years} years ...", file=sys.stderr, flush=True)
    created, seconds, load_before, load_after = generate(options.districts, options.years, options.no_generate)
    total, tables = database_size()

    from plans.models import AnnualPlan

    print(
        "| plans created | seconds | plans/s | plans in the database | database size | load avg before / after |\n"
        "|---:|---:|---:|---:|---:|---|\n"
        f"| {created} | {seconds:.1f} | {created / seconds if created else 0:.1f} | {AnnualPlan.objects.count()} "
        f"| {total} | {load_before} / {load_after} |"
    )
    print("\nLargest tables: " + ", ".join(f"{name} {size} ({rows:,} rows)" for name, size, rows in tables))
    requests(client_maker(), options.runs)


if __name__ == "__main__":
    main()
