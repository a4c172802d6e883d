"""The test-only section's sheet of the plan's workbook: its patrol routes, found by the hub like any other."""

from plans.workbook.book import plan_rows, sync
from plans.workbook.sheets import Column, TableSheet
from tests.extra_section.models import Patrol

COLUMNS = [Column("Route", "route", required=True, width=30), Column("Officers", "officers", "int", required=True)]


def rows(book):
    return [
        {"route": patrol.route, "officers": patrol.officers}
        for patrol in plan_rows(book, Patrol.objects.filter(plan_id=book.plan_id))
    ]


def apply(book, read):
    existing = {patrol.route.lower(): patrol for patrol in plan_rows(book, Patrol.objects.filter(plan_id=book.plan_id))}

    def fill(obj, row):
        obj.plan, obj.route, obj.officers = book.plan, row["route"], row["officers"]

    sync(book, Patrol, existing, [(row["route"].lower(), row) for row in read], fill)


PATROLS = TableSheet(
    "Patrols",
    "Patrol routes",
    COLUMNS,
    rows,
    apply,
    key=("route",),
    explanation="Patrol routes and the officers on each.",
)
SHEETS = (PATROLS.declare(125),)
