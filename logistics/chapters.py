"""The logistics chapters: vehicles, and the stock statements of arms and equipment."""

from django.utils.translation import gettext_lazy as _

from logistics.figures import stock_sheets, vehicle_table
from plans.document import Part


def vehicles(plan):
    return [
        Part(
            "vehicles", _("Logistics: vehicles"), "chapters/vehicles.html", {"plan": plan, "table": vehicle_table(plan)}
        )
    ]


def stock(plan):
    return [
        Part(
            f"stock-{sheet.statement.pk}",
            str(sheet.statement.category),
            "chapters/stock.html",
            {"plan": plan, "sheet": sheet},
        )
        for sheet in stock_sheets(plan)
    ] or [Part("stock", _("Stock statements"), "chapters/stock.html", {"plan": plan, "sheet": None})]
