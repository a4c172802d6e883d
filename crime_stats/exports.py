"""The performance chapter's tables as CSV: crime by head, and the operational results."""

from django.utils.translation import gettext as _

from crime_stats.figures import operational_results, plan_crime_table
from crime_stats.models import OperationalResult
from plans.exports import Table


def blank_none(values):
    return ["" if value is None else value for value in values]


def crime(plan):
    figures = plan_crime_table(plan)
    table = Table(
        "crime",
        _("Crime by head"),
        [_("Crime head"), _("Law sections"), *(str(year) for year in figures.years), _("Increase / decrease")],
    )
    for row in figures.rows:
        table.rows.append([row.head.name, row.head.law_sections, *blank_none(row.cases), blank_none([row.change])[0]])
    total = figures.total
    table.rows.append([_("All reported crime"), "", *blank_none(total.cases), blank_none([total.change])[0]])
    return table


def operational(plan):
    header = [_("Year"), _("Description"), _("Unit"), _("Value")]
    table = Table("operational-results", _("Operational results"), header)
    for result in operational_results(plan):
        for name in OperationalResult.figure_fields():
            label = str(OperationalResult._meta.get_field(name).verbose_name)
            table.rows.append([result.year, label, "", getattr(result, name)])
        for recovery in result.narcotics.all():
            table.rows.append([result.year, recovery.substance.name, recovery.substance.unit, recovery.quantity])
        for recovery in result.illicit_arms.all():
            table.rows.append([result.year, recovery.arm_type.name, "", recovery.count])
    return table
