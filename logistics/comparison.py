"""The vehicles and the stock statements of two plans side by side (two queries)."""

from django.utils.translation import gettext as _

from logistics.models import StockItem, VehicleCount
from plans.comparison import (
    Cell,
    ComparedRow,
    ComparedSection,
    ComparedTable,
    compare_rows,
    pair_by,
    rows_of,
    totals_row,
)

COLUMNS = ["total_stock", "distributed", "at_headquarters", "new_demand"]


def compare(earlier, later):
    return [compare_vehicles(earlier, later), compare_stock(earlier, later)]


def compare_vehicles(earlier, later):
    """Vehicle types as rows, deployments (matched by name) as columns: the count of each plan."""
    counts_a, counts_b = rows_of(
        VehicleCount.objects.select_related("vehicle_type", "deployment"), "plan", earlier, later
    )
    deployments = sorted(
        {count.deployment.name: count.deployment for count in counts_a + counts_b}.values(),
        key=lambda deployment: (deployment.position, deployment.name),
    )
    cells = {}
    for plan_index, counts in enumerate((counts_a, counts_b)):
        for count in counts:
            cells.setdefault(count.vehicle_type.name, {})[(plan_index, count.deployment.name)] = count.count
    types = pair_by(
        [count.vehicle_type for count in counts_a], [count.vehicle_type for count in counts_b], lambda kind: kind.name
    )
    rows = [
        ComparedRow(
            kind_a or kind_b,
            [
                Cell(
                    cells[name].get((0, deployment.name), 0 if kind_a else None),
                    cells[name].get((1, deployment.name), 0 if kind_b else None),
                )
                for deployment in deployments
            ],
        )
        for name, kind_a, kind_b in types
    ]
    rows.sort(key=lambda row: (row.item.position, row.item.name))
    table = ComparedTable(
        _("Vehicles by deployment"),
        _("Vehicle type"),
        [deployment.name for deployment in deployments],
        rows,
        totals_row(rows),
    )
    return ComparedSection(
        "vehicles", _("Vehicles"), 70, [table] if rows else [], empty=_("Neither plan has vehicles entered.")
    )


def compare_stock(earlier, later):
    items = StockItem.objects.select_related("equipment_type__category", "statement")
    items_a, items_b = rows_of(items, "statement__plan", earlier, later)
    categories = {}
    for item in items_a + items_b:
        categories.setdefault(item.equipment_type.category.name, item.equipment_type.category)
    labels = [_("Total stock"), _("Distributed to police stations"), _("Present at HQ"), _("New demand")]
    tables = [
        ComparedTable(
            category.name,
            _("Item"),
            labels,
            compare_rows(
                [item for item in items_a if item.equipment_type.category.name == category.name],
                [item for item in items_b if item.equipment_type.category.name == category.name],
                key=lambda item: item.equipment_type,
                columns=COLUMNS,
            ),
        )
        for category in sorted(categories.values(), key=lambda category: (category.position, category.name))
    ]
    return ComparedSection("stock", _("Stock statements"), 80, tables, empty=_("Neither plan has a stock statement."))
