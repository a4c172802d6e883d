"""The performance chapter in the portal: crime heads × the plan's crime years, as the printed table."""

from django.utils.translation import gettext_lazy as _

from crime_stats.models import CrimeFigure, CrimeHead
from plans.editors.grid import CellGrid, Column, GridRow


class CrimeGrid(CellGrid):
    """Cases reported by head and year; the change of the last year over the one before and the year's
    total ("All reported Crime") computed as the plan prints them."""

    prefix = "crime"
    title = _("Crime by head")
    row_heading = _("Crime head")
    item_model = CrimeHead
    new_item_label = _("New crime head")
    model = CrimeFigure
    row_field = "head"
    column_field = "year"
    value_field = "cases"
    description = _("Cases reported under each head in each calendar year; a blank cell is no figure.")

    def get_columns(self):
        years = list(self.plan.crime_years)
        columns = [Column(str(year), str(year), value=year) for year in years]
        if len(years) > 1:
            formula = ["-", str(years[-1]), str(years[-2])]
            columns.append(Column("change", _("Increase / decrease"), formula=formula, signed=True))
        return columns

    def get_rows(self):
        heads = CrimeHead.objects.filter(district_id=self.plan.district_id).order_by("position", "name")
        return [GridRow(str(head.pk), head.name, item=head) for head in heads]

    def stored_rows(self):
        heads = {row.item.pk: row.item for row in self.rows}
        figures = list(CrimeFigure.objects.filter(plan=self.plan))
        for figure in figures:  # the grid's heads, for the figure's clean(), without a join
            if figure.head_id in heads:
                figure.head = heads[figure.head_id]
            figure.plan = self.plan
        return figures


def editors(plan, data=None):
    return [CrimeGrid(plan, data)]
