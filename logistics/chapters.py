"""The logistics chapters: vehicles, and the stock statements of arms and equipment."""

from itertools import count

from django.utils.translation import gettext_lazy as _

from logistics.figures import stock_sheets, vehicle_table
from plans.document import Part


def vehicles(plan):
    return [
        Part(
            "vehicles", _("Logistics: vehicles"), "chapters/vehicles.html", {"plan": plan, "table": vehicle_table(plan)}
        )
    ]


def numbered_groups(sheet):
    """The sheet's groups with each line's serial number, which runs on across groups as the document numbers it."""
    serials = count(1)
    return [(group, [(next(serials), item) for item in group.items]) for group in sheet.groups]


def stock(plan):
    return [
        Part(
            f"stock-{sheet.statement.pk}",
            str(sheet.statement.category),
            "chapters/stock.html",
            {
                "plan": plan,
                "sheet": sheet,
                "numbered_groups": numbered_groups(sheet),
                "grouped": any(group.is_grouped for group in sheet.groups),
            },
        )
        for sheet in stock_sheets(plan)
    ] or [Part("stock", _("Stock statements"), "chapters/stock.html", {"plan": plan, "sheet": None})]
