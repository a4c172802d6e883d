"""The logistics chapters' tables as CSV: vehicles, and each stock statement."""

from django.utils.translation import gettext as _

from logistics.figures import stock_sheets, vehicle_table
from plans.exports import Table


def vehicles(plan):
    figures = vehicle_table(plan)
    table = Table(
        "vehicles",
        _("Vehicles"),
        [_("Sr. No."), _("Vehicles"), *(deployment.name for deployment in figures.deployments), _("Total")],
    )
    for number, row in enumerate(figures.rows, start=1):
        table.rows.append([number, row.vehicle_type.name, *row.counts, row.total])
    table.rows.append(["", _("Total"), *figures.column_totals, figures.total])
    return table


def stock(plan, statement_id):
    sheet = next((sheet for sheet in stock_sheets(plan) if sheet.statement.pk == statement_id), None)
    if sheet is None:
        return None
    table = Table(
        f"stock-{statement_id}",
        str(sheet.statement),
        [
            _("Sr. No."),
            _("Description"),
            _("Group"),
            _("Total stock of district/unit"),
            _("Distributed to police stations"),
            _("Present at HQ"),
            _("New demand (shortage)"),
        ],
    )
    number = 0
    for group in sheet.groups:
        for item in group.items:
            number += 1
            table.rows.append(
                [
                    number,
                    item.equipment_type.name,
                    item.group,
                    item.total_stock,
                    item.distributed,
                    item.at_headquarters,
                    item.new_demand,
                ]
            )
        if group.is_grouped:
            totals = group.totals
            table.rows.append(
                [
                    "",
                    _("Grand total: %(group)s") % {"group": group.name},
                    group.name,
                    totals["total_stock"],
                    totals["distributed"],
                    totals["at_headquarters"],
                    group.new_demand,
                ]
            )
    return table
