"""How long a Save of the crime grid takes (the performance chapter's edit page), and in how many queries.

Run from the project root:  .venv/bin/python bench/save_grid.py [--runs 9] [--scale 5]

Sets up Django on a temporary SQLite database (as bench/render_plan.py does), loads the Kasur 2023-2024
plan and builds a synthetic plan `--scale` times its size, then, per plan, POSTs the performance chapter
through the test client (session, middleware, the plan's lock, validation of every cell, the bulk writes
with their history, the redirect) and prints one row per kind of Save: the median wall time of `--runs`
Saves, the slowest, and the queries of one. Each Save is posted from a fresh GET of the page (its
version), which is not timed. Target: at most 300 ms for a Save of the whole grid.
"""

import re
import statistics
import time

from sqlite_setup import measure_each_plan, parse_options

INPUT = re.compile(r'<input type="text"[^>]*? name="([^"]+)" value="([^"]*)"')
VERSION = re.compile(r'name="version" value="([^"]+)"')


def crime_cells(data):
    return sorted(name for name in data if re.fullmatch(r"crime-\d+-\d{4}", name))


def scenarios(data, run):
    """(label, changes) for one run; the figures differ from run to run, so every Save writes."""
    cells = crime_cells(data)
    return [
        ("unchanged (validates, writes nothing)", {}),
        ("one cell changed", {cells[0]: str(1000 + run)}),
        (f"every crime cell changed ({len(cells)})", {name: str(run * 7 + index) for index, name in enumerate(cells)}),
        ("a new crime head with its years", {"crime-new0-name": f"New head {run}", **new_row(cells, run)}),
    ]


def new_row(cells, run):
    years = sorted({name.rsplit("-", 1)[1] for name in cells})
    return {f"crime-new0-{year}": str(run + index) for index, year in enumerate(years)}


def measure(client, plan, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    url = reverse("plans:plan-edit", args=[plan.district.slug, plan.fiscal_year, "performance"])

    def page():
        html = client.get(url).content.decode()
        return {**dict(INPUT.findall(html)), "version": VERSION.search(html).group(1)}

    labels = [label for label, _changes in scenarios(page(), 0)]
    times = {label: [] for label in labels}
    queries = {}
    for run in range(runs + 1):  # the first run warms up (imports, templates) and is not counted
        for index, label in enumerate(labels):
            data = page()
            changes = scenarios(data, run)[index][1]
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.post(url, {**data, **changes})
                elapsed = time.perf_counter() - start
            if response.status_code != 302:
                raise SystemExit(f"{label}: the Save answered {response.status_code}")
            if run:
                times[label].append(elapsed)
                queries[label] = len(captured)
    return [
        {
            "plan": str(plan),
            "save": label,
            "median_ms": statistics.median(times[label]) * 1000,
            "max_ms": max(times[label]) * 1000,
            "queries": queries[label],
        }
        for label in labels
    ]


def main():
    options = parse_options(__doc__, runs=9, runs_help="Saves per kind for the medians")

    per_plan = measure_each_plan(
        options.scale, "Saving the crime grid of", lambda plan, client: measure(client, plan, options.runs)
    )
    rows = [row for plan_rows in per_plan for row in plan_rows]

    print(
        f"\n{options.runs} Saves of each kind per plan, synthetic plan at scale {options.scale}; target ≤ 300 ms.\n\n"
        "| plan | Save | median ms | slowest ms | queries |\n|---|---|---:|---:|---:|"
    )
    for row in rows:
        print(f"| {row['plan']} | {row['save']} | {row['median_ms']:.0f} | {row['max_ms']:.0f} | {row['queries']} |")


if __name__ == "__main__":
    main()
