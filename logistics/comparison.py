"""The stock statements of two plans side by side, one table per category."""

from django.utils.translation import gettext as _

from logistics.models import StockItem
from plans.comparison import ComparedSection, ComparedTable, compare_rows, rows_of

COLUMNS = ["total_stock", "distributed", "at_headquarters", "new_demand"]


def compare(earlier, later):
    items = StockItem.objects.select_related("equipment_type__category", "statement")
    items_a, items_b = rows_of(items, "statement__plan", earlier, later)
    categories = {}
    for item in items_a + items_b:
        categories.setdefault(item.equipment_type.category_id, item.equipment_type.category)
    labels = [_("Total stock"), _("Distributed to police stations"), _("Present at HQ"), _("New demand")]
    tables = [
        ComparedTable(
            category.name,
            _("Item"),
            labels,
            compare_rows(
                [item for item in items_a if item.equipment_type.category_id == category.pk],
                [item for item in items_b if item.equipment_type.category_id == category.pk],
                key=lambda item: item.equipment_type,
                columns=COLUMNS,
            ),
        )
        for category in sorted(categories.values(), key=lambda category: (category.position, category.name))
    ]
    return [ComparedSection("stock", _("Stock statements"), 80, tables, empty=_("Neither plan has a stock statement."))]
