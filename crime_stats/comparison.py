"""The crime and the operational results of two plans side by side, year by year (four queries).

Two plans often report the same calendar year (a plan shows three years): each year either plan reports
is a column. Where both plans cover a year, a revised figure is a change; a year only one plan covers
(the new year, the baseline dropped) is shown, but not counted as a change.
"""

from dataclasses import dataclass

from django.utils.text import capfirst
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


@dataclass
class Years:
    """What the tables of two plans share: the plans and the crime years each covers."""

    earlier: object
    later: object

    def __post_init__(self):
        self.covered = (set(self.earlier.crime_years), set(self.later.crime_years))
        self.shared = self.covered[0] & self.covered[1]
        self.only = [covered - self.shared for covered in self.covered]

    def note(self, years):
        """Which of `years` only one plan covers, in words; blank when both cover all."""
        only = [
            _("%(years)s only in %(plan)s")
            % {"years": ", ".join(str(year) for year in years if year in only_here), "plan": plan.fiscal_year}
            for plan, only_here in zip((self.earlier, self.later), self.only, strict=True)
            if any(year in only_here for year in years)
        ]
        if not only:
            return ""
        return _("A year one plan does not cover is shown, not counted as a change: %(years)s.") % {
            "years": "; ".join(only)
        }

    def table(self, caption, item_label, plan_rows, item, value, total=False):
        """A row per item (matched by name), a column per year either plan reports."""
        found = {}
        for plan_index, rows in enumerate(plan_rows):
            for row in rows:
                year = row.year if hasattr(row, "year") else row.result.year
                found.setdefault(str(item(row)), (item(row), {}))[1][(plan_index, year)] = value(row)
        years = sorted({year for _item, values in found.values() for _plan, year in values})
        in_plan = [
            [name for name, (_item, values) in found.items() if any(i == index for i, _y in values)] for index in (0, 1)
        ]
        rows = [
            ComparedRow(
                found[name][0],
                [
                    Cell(found[name][1].get((0, year)), found[name][1].get((1, year)), year in self.shared)
                    for year in years
                ],
            )
            for name, _a, _b in pair_by(*in_plan, key=lambda name: name)
        ]
        rows.sort(key=lambda row: (row.item.position, str(row.item)))
        columns = [str(year) for year in years]
        return ComparedTable(caption, item_label, columns, rows, totals_row(rows) if total else None, self.note(years))


def compare(earlier, later):
    figures = rows_of(CrimeFigure.objects.select_related("head"), "plan", earlier, later)
    results = rows_of(OperationalResult.objects.all(), "plan", earlier, later)
    narcotics = rows_of(NarcoticsRecovery.objects.select_related("substance", "result"), "result__plan", earlier, later)
    arms = rows_of(IllicitArmsRecovery.objects.select_related("arm_type", "result"), "result__plan", earlier, later)
    names = [name for name in OperationalResult.figure_fields() if name != "version"]
    labels = {
        name: Figure(str(capfirst(OperationalResult._meta.get_field(name).verbose_name)), position)
        for position, name in enumerate(names)
    }
    result_values = [
        [FigureValue(labels[name], result.year, getattr(result, name)) for result in rows for name in names]
        for rows in results
    ]
    years = Years(earlier, later)
    tables = [
        years.table(
            _("Cases reported by crime head"),
            _("Crime head"),
            figures,
            lambda row: row.head,
            lambda row: row.cases,
            total=True,
        ),
        years.table(
            _("Operational results"), _("Result"), result_values, lambda row: row.figure, lambda row: row.value
        ),
        years.table(
            _("Recovery of narcotics"), _("Substance"), narcotics, lambda row: row.substance, lambda row: row.quantity
        ),
        years.table(
            _("Recovery of illicit arms"), _("Arm type"), arms, lambda row: row.arm_type, lambda row: row.count
        ),
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
