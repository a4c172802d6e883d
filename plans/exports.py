"""Every table of the plan as rows for CSV, built from the same figures modules as the page and the PDF.

A table is named by a slug (`strength`, `vehicles`, `stock-<statement id>` ...) and contributed by its
section (`plans.registry.CsvTable`); `plan_table(plan, slug)` builds one, `part_tables(part)` names the
tables a part of the document shows, so the plan page can offer a CSV beside each table. Counts are
written as plain integers (no digit grouping) so a spreadsheet reads them as numbers. The CSV comes from the
portal's and the API's one CSV writer (`kasur_police.spreadsheet`).
"""

from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils.translation import gettext as _

from kasur_police.spreadsheet import write_csv
from plans import registry
from plans.figures import budget_total
from plans.models import BudgetAllocation, DistrictProfile


@dataclass
class Table:
    slug: str
    title: object
    header: list
    rows: list = field(default_factory=list)


def vital_statistics(plan):
    profile = DistrictProfile.objects.filter(plan=plan).first()
    table = Table("vital-statistics", _("Vital statistics"), [_("Description"), _("Value")])
    if profile is None:
        return table
    for name in DistrictProfile.FIGURES:
        table.rows.append([str(DistrictProfile._meta.get_field(name).verbose_name), getattr(profile, name)])
    table.rows.append([_("police posts total"), profile.police_posts_total])
    return table


def budget(plan):
    table = Table(
        "budget", _("Financial resources"), [_("Sr. No."), _("Account code"), _("Head of account"), _("Amount")]
    )
    allocations = BudgetAllocation.objects.filter(plan=plan).select_related("head")
    for number, allocation in enumerate(allocations, start=1):
        table.rows.append([number, allocation.head.account_code, allocation.head.name, allocation.amount])
    table.rows.append(["", "", _("Total"), budget_total(plan)])
    return table


def part_tables(part):
    """(slug, title) of the tables a part of the document shows (a stock part shows its own statement)."""
    chapter, tables = registry.chapter(part.chapter), registry.tables()
    if chapter is None:
        return []
    listed = []
    for slug in chapter.tables:
        table = tables[slug]
        if not table.per_object:
            listed.append((slug, table.title))
        elif part.slug.removeprefix(f"{slug}-").isdigit():
            listed.append((part.slug, part.title))
    return listed


def plan_table(plan, slug):
    """The table `slug` of the plan, or None when the plan has no such table."""
    tables = registry.tables()
    if slug in tables and not tables[slug].per_object:
        return tables[slug].build(plan)
    prefix, _sep, number = slug.rpartition("-")
    if prefix in tables and tables[prefix].per_object and number.isdigit():
        return tables[prefix].build(plan, int(number))
    return None


def csv_response(table, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_csv(response, table.header, table.rows)
    return response
