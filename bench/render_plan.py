"""How long the plan takes to print, and how much of that is ours rather than WeasyPrint's.

Run from the project root:  .venv/bin/python bench/render_plan.py [--runs 5] [--scale 5]

Sets up Django on a temporary SQLite database, loads the Kasur 2023-2024 plan and builds a synthetic
plan `--scale` times its size, then prints one row per plan: pages, render time (median of `--runs`
full renders: queries, templates and WeasyPrint), peak Python memory of one render (tracemalloc) and
the growth of the process's peak RSS, database queries, bare WeasyPrint time for the same HTML
(`HTML(string=...).write_pdf()`), the app's overhead over bare WeasyPrint (on wall and on CPU time),
the app's own time (queries and templates: what the overhead is made of, measured on its own), and a
repeat request for the unchanged plan through the PDF URL (served from the cache). Full and bare
renders alternate, so load from other processes on the machine falls on both alike.
"""

import resource
import statistics
import time
import tracemalloc
from io import BytesIO

from sqlite_setup import measure_each_plan, parse_options


def timed(function):
    """(wall seconds, CPU seconds, result) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def measure(plan, runs, client):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from pypdf import PdfReader
    from weasyprint import HTML

    from plans.pdf import render_plan_html, render_plan_pdf

    pdf = render_plan_pdf(plan, use_cache=False)  # warm up: imports, templates, fonts
    reset_queries()  # the log is bounded; setting up filled it
    with CaptureQueriesContext(connection) as queries:
        html = render_plan_html(plan)
    query_count = len(queries)  # now: each request of the test client below empties the log
    own = [timed(lambda: render_plan_html(plan)) for _ in range(runs)]
    full, bare = [], []
    for run in range(runs):  # alternating which goes first, so neither always finds warm caches
        pair = [
            (full, lambda: render_plan_pdf(plan, use_cache=False)),
            (bare, lambda: HTML(string=html).write_pdf()),
        ]
        for samples, render in pair if run % 2 == 0 else reversed(pair):
            samples.append(timed(render))

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    render_plan_pdf(plan, use_cache=False)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before

    url = reverse("documents:pdf", kwargs={"district": plan.district.slug, "year": plan.fiscal_year})
    client.get(url)  # fills the cache
    repeats = [timed(lambda: client.get(url))[0] for _ in range(runs)]

    def median(samples, index):
        return statistics.median(sample[index] for sample in samples)

    return {
        "plan": str(plan),
        "pages": len(PdfReader(BytesIO(pdf)).pages),
        "render_s": median(full, 0),
        "peak_mb": peak / 2**20,
        "rss_growth_mb": rss_growth / 2**10,
        "queries": query_count,
        "own_s": median(own, 0),
        "bare_s": median(bare, 0),
        "overhead": median(full, 0) / median(bare, 0) - 1,
        "overhead_cpu": median(full, 1) / median(bare, 1) - 1,
        "cached_ms": statistics.median(repeats) * 1000,
    }


def main():
    options = parse_options(__doc__, runs=5, runs_help="renders per plan for the medians")

    rows = measure_each_plan(options.scale, "Rendering", lambda plan, client: measure(plan, options.runs, client))

    print(
        f"\n{options.runs} runs per plan, synthetic plan at scale {options.scale}; times are medians.\n\n"
        "| plan | pages | render s | peak memory (Python / RSS growth) | DB queries | bare WeasyPrint s "
        "| overhead: measured wall / CPU | own s | own ÷ bare | cached repeat ms |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    for row in rows:
        print(
            f"| {row['plan']} | {row['pages']} | {row['render_s']:.2f} "
            f"| {row['peak_mb']:.0f} MB / {row['rss_growth_mb']:.0f} MB | {row['queries']} | {row['bare_s']:.2f} "
            f"| {row['overhead']:+.1%} / {row['overhead_cpu']:+.1%} | {row['own_s']:.2f} "
            f"| {row['own_s'] / row['bare_s']:.1%} | {row['cached_ms']:.1f} |"
        )


if __name__ == "__main__":
    main()
