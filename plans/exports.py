"""Every table of the plan as rows for CSV, built from the same figures modules as the page and the PDF.

A table is named by a slug (`strength`, `vehicles`, `stock-<statement id>` ...); `plan_table(plan, slug)`
builds one, `part_tables(part)` names the tables a part of the document shows, so the plan page can
offer a CSV beside each table. Counts are written as plain integers (no digit grouping) so a
spreadsheet reads them as numbers.
"""

import csv
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crime_stats.figures import operational_results, plan_crime_table
from crime_stats.models import OperationalResult
from initiatives.models import Target
from logistics.figures import stock_sheets, vehicle_table
from plans.figures import budget_total
from plans.models import BudgetAllocation, DistrictProfile
from strength.figures import COLUMNS as STRENGTH_COLUMNS
from strength.figures import strength_figures

TITLES = {
    "vital-statistics": gettext_lazy("Vital statistics"),
    "field-organisation": gettext_lazy("Field organisations"),
    "strength": gettext_lazy("Strength"),
    "ministerial": gettext_lazy("Ministerial staff"),
    "vehicles": gettext_lazy("Vehicles"),
    "crime": gettext_lazy("Crime by head"),
    "operational-results": gettext_lazy("Operational results"),
    "targets": gettext_lazy("Targets"),
    "budget": gettext_lazy("Financial resources"),
}


@dataclass
class Table:
    slug: str
    title: object
    header: list
    rows: list = field(default_factory=list)


def strength_column_labels(shortage_label):
    return {
        "sanctioned": _("Sanctioned"),
        "present": _("Present"),
        "short": shortage_label,
        "excess": _("Excess"),
    }


def strength_table(slug, title, table, shortage_label):
    labels = strength_column_labels(shortage_label)
    result = Table(slug, title, [_("Rank"), *(labels[column] for column in STRENGTH_COLUMNS)])
    for entry in table.entries:
        result.rows.append([entry.rank.name, *(getattr(entry, column) for column in STRENGTH_COLUMNS)])
    result.rows.append([_("Total"), *(table.totals[column] for column in STRENGTH_COLUMNS)])
    return result


def police_strength(plan):
    figures = strength_figures(plan)
    return strength_table("strength", TITLES["strength"], figures.police, _("Short"))


def ministerial_strength(plan):
    figures = strength_figures(plan)
    return strength_table("ministerial", TITLES["ministerial"], figures.ministerial, _("Shortage"))


def field_organisation(plan):
    organisation = strength_figures(plan).field_organisation
    table = Table(
        "field-organisation",
        TITLES["field-organisation"],
        [_("Sub-divisions"), _("Police stations"), _("Total PPs"), _("Sanctioned PPs"), _("Unsanctioned PPs")],
    )
    if organisation is not None:
        table.rows.append(
            [
                organisation.sub_divisions,
                organisation.police_stations,
                organisation.posts_total,
                organisation.posts_sanctioned,
                organisation.posts_unsanctioned,
            ]
        )
    return table


def vital_statistics(plan):
    profile = DistrictProfile.objects.filter(plan=plan).first()
    table = Table("vital-statistics", TITLES["vital-statistics"], [_("Description"), _("Value")])
    if profile is None:
        return table
    fields = [
        "area_sq_km",
        "population",
        "urban_percent",
        "rural_percent",
        "border_km",
        "tehsils",
        "mnas",
        "mpas",
        "union_councils",
        "police_subdivisions",
        "police_stations",
        "police_posts_sanctioned",
        "police_posts_unsanctioned",
        "banks",
        "petrol_pumps",
    ]
    for name in fields:
        table.rows.append([str(DistrictProfile._meta.get_field(name).verbose_name), getattr(profile, name)])
    table.rows.append([_("police posts total"), profile.police_posts_total])
    return table


def vehicles(plan):
    figures = vehicle_table(plan)
    table = Table(
        "vehicles",
        TITLES["vehicles"],
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


def crime(plan):
    figures = plan_crime_table(plan)
    table = Table(
        "crime",
        TITLES["crime"],
        [_("Crime head"), _("Law sections"), *(str(year) for year in figures.years), _("Increase / decrease")],
    )
    for row in figures.rows:
        table.rows.append([row.head.name, row.head.law_sections, *blank_none(row.cases), blank_none([row.change])[0]])
    total = figures.total
    table.rows.append([_("All reported crime"), "", *blank_none(total.cases), blank_none([total.change])[0]])
    return table


def blank_none(values):
    return ["" if value is None else value for value in values]


OPERATIONAL_FIELDS = OperationalResult.figure_fields()


def operational(plan):
    header = [_("Year"), _("Description"), _("Unit"), _("Value")]
    table = Table("operational-results", TITLES["operational-results"], header)
    for result in operational_results(plan):
        for name in OPERATIONAL_FIELDS:
            label = str(OperationalResult._meta.get_field(name).verbose_name)
            table.rows.append([result.year, label, "", getattr(result, name)])
        for recovery in result.narcotics.all():
            table.rows.append([result.year, recovery.substance.name, recovery.substance.unit, recovery.quantity])
        for recovery in result.illicit_arms.all():
            table.rows.append([result.year, recovery.arm_type.name, "", recovery.count])
    return table


def budget(plan):
    table = Table("budget", TITLES["budget"], [_("Sr. No."), _("Account code"), _("Head of account"), _("Amount")])
    allocations = BudgetAllocation.objects.filter(plan=plan).select_related("head")
    for number, allocation in enumerate(allocations, start=1):
        table.rows.append([number, allocation.head.account_code, allocation.head.name, allocation.amount])
    table.rows.append(["", "", _("Total"), budget_total(plan)])
    return table


def targets(plan):
    table = Table(
        "targets",
        TITLES["targets"],
        [_("Sr. No."), _("Category of target"), _("Present status"), _("Expected achievement"), _("Mechanism")],
    )
    for target in Target.objects.filter(plan=plan):
        table.rows.append(
            [target.position, target.category, target.present_status, target.expected_achievement, target.mechanism]
        )
    return table


BUILDERS = {
    "vital-statistics": vital_statistics,
    "field-organisation": field_organisation,
    "strength": police_strength,
    "ministerial": ministerial_strength,
    "vehicles": vehicles,
    "crime": crime,
    "operational-results": operational,
    "targets": targets,
    "budget": budget,
}

PART_TABLES = {
    "vital-statistics": ["vital-statistics"],
    "strength": ["field-organisation", "strength", "ministerial"],
    "vehicles": ["vehicles"],
    "performance": ["crime", "operational-results"],
    "targets": ["targets"],
    "financial-resources": ["budget"],
}


def part_tables(part):
    """(slug, title) of the tables a part of the document shows (a stock part shows its own statement)."""
    if part.slug.startswith("stock-"):
        return [(part.slug, part.title)]
    return [(slug, TITLES[slug]) for slug in PART_TABLES.get(part.slug, [])]


def plan_table(plan, slug):
    """The table `slug` of the plan, or None when the plan has no such table."""
    if slug in BUILDERS:
        return BUILDERS[slug](plan)
    prefix, _sep, number = slug.partition("-")
    if prefix == "stock" and number.isdigit():
        return stock(plan, int(number))
    return None


def csv_response(table, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8 (Urdu names included)
    writer = csv.writer(response)
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return response
