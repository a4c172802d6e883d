"""How long the plan's workbook takes to write and to read back, and how many queries an import costs.

Run from the project root:  .venv/bin/python bench/workbook.py [--runs 3]

Sets up Django on a temporary SQLite database, loads the Kasur 2023-2024 plan and prints one row per
operation (median of `--runs`, wall and CPU seconds, database queries, against its target):

- export: the Kasur plan as an .xlsx file (target 2 s);
- import, unchanged: the Kasur workbook read back into its own plan, `0 changes` (target 5 s);
- import, new district: the same workbook into a district with no plan and no reference lists, creating
  the draft, every reference entry and every row (target 5 s); each run into a fresh district (the time
  includes writing the district's slug into the workbook's first sheet).
"""

import io
import statistics
import time

from sqlite_setup import kasur_plan, parse_options, temporary_database


def measure(function, runs):
    """(median wall s, median CPU s, queries of the last run, last result)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    walls, cpus = [], []
    result, queries = None, 0
    for run in range(runs):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            wall, cpu = time.perf_counter(), time.process_time()
            result = function(run)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        queries = len(captured.captured_queries)
    return statistics.median(walls), statistics.median(cpus), queries, result


def main():
    options = parse_options(__doc__, runs=3, runs_help="runs per operation for the medians", scale=False)
    with temporary_database():
        from openpyxl import load_workbook

        from plans.models import District
        from plans.workbook.export import export_plan
        from plans.workbook.importer import import_workbook

        plan = kasur_plan()
        rows = []
        wall, cpu, queries, content = measure(lambda run: export_plan(plan), options.runs)
        rows.append(("export (Kasur)", wall, cpu, queries, f"{len(content) // 1024} KB", 2.0))

        def unchanged(run):
            return import_workbook(plan.district, 2023, io.BytesIO(content))

        wall, cpu, queries, result = measure(unchanged, options.runs)
        assert result.ok and not result.differences, result.errors
        rows.append(("import, unchanged", wall, cpu, queries, "0 changes", 5.0))

        def into_new_district(run):
            district = District.objects.create(region=plan.district.region, name=f"Bench {run}", slug=f"bench-{run}")
            workbook = load_workbook(io.BytesIO(content))
            workbook["About"]["B3"] = district.slug
            buffer = io.BytesIO()
            workbook.save(buffer)
            buffer.seek(0)
            return import_workbook(district, 2023, buffer)

        wall, cpu, queries, result = measure(into_new_district, options.runs)
        assert result.ok and result.applied, result.errors
        rows.append(("import, new district", wall, cpu, queries, f"{len(result.differences)} changes", 5.0))

    print(f"| operation | wall s (median of {options.runs}) | CPU s | DB queries | result | target s | met |")
    print("|---|---:|---:|---:|---|---:|---|")
    for name, wall, cpu, queries, what, target in rows:
        met = "yes" if wall <= target else "NO"
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {queries} | {what} | {target:.0f} | {met} |")


if __name__ == "__main__":
    main()
