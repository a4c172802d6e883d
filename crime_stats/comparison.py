"""The crime and the operational results of two plans side by side, year by year (four queries).

Two plans often report the same calendar year (a plan shows three years): each year either plan reports
is a column, so a revised figure shows as a change and a year only one plan reports as a blank.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from crime_stats.models import CrimeFigure, IllicitArmsRecovery, NarcoticsRecovery, OperationalResult
from plans.comparison import Cell, ComparedRow, ComparedSection, ComparedTable, pair_by, rows_of, totals_row


@dataclass(frozen=True)
class Figure:
    """One count of an operational result (a row of its table), with its place in the printed order."""

    name: str
    position: int

    def __str__(self):
        return self.name


@dataclass(frozen=True)
class FigureValue:
    figure: Figure
    year: int
    value: int


def by_year(plan_rows, item, value):
    """{item name: (item, {(plan index, year): value})} for the rows of each plan."""
    found = {}
    for plan_index, rows_of_plan in enumerate(plan_rows):
        for row in rows_of_plan:
            found.setdefault(str(item(row)), (item(row), {}))[1][(plan_index, row_year(row))] = value(row)
    return found


def row_year(row):
    return row.year if hasattr(row, "year") else row.result.year


def year_table(caption, item_label, plan_rows, item, value, total=False):
    """A table with a row per item (matched by name) and a column per year either plan reports."""
    found = by_year(plan_rows, item, value)
    years = sorted({year for _item, values in found.values() for _plan, year in values})
    names = pair_by(
        [name for name in found if any(index == 0 for index, _year in found[name][1])],
        [name for name in found if any(index == 1 for index, _year in found[name][1])],
        key=lambda name: name,
    )
    rows = [
        ComparedRow(
            found[name][0], [Cell(found[name][1].get((0, year)), found[name][1].get((1, year))) for year in years]
        )
        for name, _a, _b in names
    ]
    rows.sort(key=lambda row: (row.item.position, str(row.item)))
    return ComparedTable(caption, item_label, [str(year) for year in years], rows, totals_row(rows) if total else None)


def compare(earlier, later):
    figures = rows_of(CrimeFigure.objects.select_related("head"), "plan", earlier, later)
    results = rows_of(OperationalResult.objects.all(), "plan", earlier, later)
    narcotics = rows_of(NarcoticsRecovery.objects.select_related("substance", "result"), "result__plan", earlier, later)
    arms = rows_of(IllicitArmsRecovery.objects.select_related("arm_type", "result"), "result__plan", earlier, later)
    names = OperationalResult.figure_fields()
    figures_of = {
        name: Figure(str(OperationalResult._meta.get_field(name).verbose_name).capitalize(), position)
        for position, name in enumerate(names)
    }
    result_values = [
        [FigureValue(figures_of[name], result.year, getattr(result, name)) for result in rows for name in names]
        for rows in results
    ]
    tables = [
        year_table(
            _("Cases reported by crime head"),
            _("Crime head"),
            figures,
            lambda row: row.head,
            lambda row: row.cases,
            total=True,
        ),
        year_table(_("Operational results"), _("Result"), result_values, lambda row: row.figure, lambda row: row.value),
        year_table(
            _("Recovery of narcotics"), _("Substance"), narcotics, lambda row: row.substance, lambda row: row.quantity
        ),
        year_table(_("Recovery of illicit arms"), _("Arm type"), arms, lambda row: row.arm_type, lambda row: row.count),
    ]
    return [
        ComparedSection(
            "performance",
            _("Performance of the district"),
            100,
            [table for table in tables if table.rows],
            empty=_("Neither plan has crime figures or operational results."),
        )
    ]
