"""Checks of the logistics chapters: vehicles and the stock statements."""

from datetime import date, timedelta

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from logistics.figures import computed_figures, stock_sheets, vehicle_table
from logistics.models import StockStatement, VehicleCount
from plans.consistency import Derived, Section, added_up, missing_parts, number, previous_plan

VEHICLES = Section("vehicles", gettext_lazy("Vehicles"))

# A statement older than this at the start of the plan's year was probably carried over from an earlier plan.
STALE_AFTER = timedelta(days=365)
COLUMN_WORDS = {
    "total_stock": gettext_lazy("total stock"),
    "distributed": gettext_lazy("distributed to PS"),
    "at_headquarters": gettext_lazy("present at HQ"),
}


def statement_section(statement):
    return statement_section_of(statement.category)


def statement_section_of(category):
    return Section("stock", _("Statement of %(category)s") % {"category": category.name})


def check(plan):
    previous = previous_plan(plan)
    yield from missing_parts(plan, previous, [(VehicleCount, VEHICLES)])
    yield from check_statements_present(plan, previous)
    for sheet in stock_sheets(plan):
        section = statement_section(sheet.statement)
        yield from check_date(plan, sheet.statement, section)
        for item in sheet.items:
            if item.total_stock != item.accounted:
                yield section.error(
                    _("%(type)s: total stock is %(total)s, but distributed %(distributed)s + at HQ %(hq)s = %(sum)s")
                    % {
                        "type": item.equipment_type.name,
                        "total": item.total_stock,
                        "distributed": item.distributed,
                        "hq": item.at_headquarters,
                        "sum": item.accounted,
                    },
                    f"stock{sheet.statement.pk}-{item.equipment_type_id}-total_stock",  # its cell in the stock grid
                )


def check_statements_present(plan, previous):
    """Each stock statement of the previous plan (arms, anti-riot ...) is in this plan, with its lines."""
    if previous is None:
        return
    statements = StockStatement.objects.filter(plan__in=[plan, previous]).select_related("category")
    lines = {}
    for statement in statements.annotate(lines=Count("items")).order_by("category__position", "pk"):
        lines.setdefault(statement.category, {})[statement.plan_id] = statement.lines
    for category, counts in lines.items():
        if counts.get(previous.pk) and not counts.get(plan.pk):
            yield statement_section_of(category).error(
                _("No lines: the %(year)s plan has %(count)s; enter this year's stock")
                % {"year": previous.fiscal_year, "count": counts[previous.pk]}
            )


def check_date(plan, statement, section):
    """A statement dated after the plan's year, or long before it, is probably mistyped or out of date.

    A statement dated within the plan's year is normal: plans are often finished after July. A statement
    without a date (cleared when the plan was carried forward) is to be dated as counted this year.
    """
    if statement.as_of is None:
        yield section.warning(_("Not dated: enter the date this year's stock was counted"))
        return
    starts, ends = date(plan.year_start, 7, 1), date(plan.year_start + 1, 6, 30)
    values = {"dated": f"{statement.as_of:%d.%m.%Y}", "starts": f"{starts:%d.%m.%Y}", "ends": f"{ends:%d.%m.%Y}"}
    if statement.as_of > ends:
        yield section.warning(_("Dated %(dated)s, after the plan's year ends on %(ends)s") % values)
    elif statement.as_of < starts - STALE_AFTER:
        yield section.warning(
            _("Dated %(dated)s, more than a year before the plan's year starts on %(starts)s: out of date?") % values
        )


def explained_figures(plan):
    table, sheets = vehicle_table(plan), stock_sheets(plan)
    computed = computed_figures(plan, table, sheets)
    explained = {}
    for row in table.rows:
        key = f"vehicles:{row.vehicle_type.name}:total"
        explained[key] = Derived(
            VEHICLES,
            _("%(type)s total") % {"type": row.vehicle_type.name},
            computed[key],
            added_up(_("deployments"), row.counts),
        )
    for index, deployment in enumerate(table.deployments):
        key = f"vehicles:total:{deployment.name}"
        explained[key] = Derived(
            VEHICLES,
            _("Total at %(deployment)s") % {"deployment": deployment.name},
            computed[key],
            added_up(_("vehicle types"), [row.counts[index] for row in table.rows]),
        )
    explained["vehicles:total:total"] = Derived(
        VEHICLES,
        _("Total vehicles"),
        computed["vehicles:total:total"],
        added_up(_("vehicle types"), [row.total for row in table.rows]),
    )
    for sheet in sheets:
        section = statement_section(sheet.statement)
        for group in sheet.groups:
            if not group.is_grouped:
                continue
            for column, words in COLUMN_WORDS.items():
                key = f"stock:{sheet.statement.category.name}:{group.name}:{column}"
                values = [getattr(item, column) for item in group.items]
                explained[key] = Derived(
                    section,
                    _("%(group)s group: %(column)s") % {"group": group.name, "column": words},
                    computed[key],
                    " + ".join(number(value) for value in values) + f" = {number(computed[key])}",
                )
    return explained
