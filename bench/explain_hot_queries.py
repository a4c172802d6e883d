"""Which of the hot requests' queries scan a whole table: EXPLAIN (ANALYZE) of each, on the country-scale database.

Run from the project root, after `bench/country_scale.py` has filled the database:

    .venv/bin/python bench/explain_hot_queries.py [--database-url URL] [--min-rows 5000]

Makes each request of `country_scale.hot_requests` once (cache cleared first, so the plan page's document is
built), EXPLAIN ANALYZEs every SELECT it sent and prints each sequential scan of a table with at least
`--min-rows` rows: the request, the table, the rows the scan read, the time of the statement, and the
statement's beginning. No line means every hot query uses an index (or reads a small table).
"""

import argparse
import os
import re

from country_scale import DEFAULT_DATABASE, client_maker, ensure_database, hot_requests, setup_django


def scans(plan, min_rows):
    """(table, rows read) of every Seq Scan in an EXPLAIN (FORMAT JSON) plan, recursively."""
    found = []
    if plan.get("Node Type") == "Seq Scan":
        rows = plan.get("Actual Rows", 0) + plan.get("Rows Removed by Filter", 0)
        if rows >= min_rows:
            found.append((plan["Relation Name"], rows))
    for child in plan.get("Plans", []):
        found += scans(child, min_rows)
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--min-rows", type=int, default=5000)
    options = parser.parse_args()
    ensure_database(options.database_url, fresh=False)
    setup_django(options.database_url)
    from django.core.cache import cache
    from django.db import connection

    rows, _plan = hot_requests(client_maker())
    print("| request | table | rows read | statement ms | statement |\n|---|---|---:|---:|---|")
    for label, client, urls, _before_each in rows:
        statements = []

        def capture(execute, sql, params, many, context, statements=statements):
            if sql.lstrip().upper().startswith("SELECT"):
                statements.append((sql, params))
            return execute(sql, params, many, context)

        cache.clear()
        with connection.execute_wrapper(capture):
            client.get(urls[0])
        seen = set()
        for sql, params in statements:
            if sql in seen:
                continue
            seen.add(sql)
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
                explained = cursor.fetchone()[0][0]
            for table, read in scans(explained["Plan"], options.min_rows):
                text = re.sub(r"\s+", " ", sql)[:90].replace("|", "/")
                print(f"| {label} | {table} | {read:,} | {explained['Execution Time']:.1f} | `{text}…` |", flush=True)


if __name__ == "__main__":
    main()
