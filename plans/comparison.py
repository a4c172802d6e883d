"""Two plans of a district side by side: the arithmetic, and the sections' tables put together.

Each section compares its own tables (`plans.registry.Section.compare`) with `compare_rows`, which
matches two plans' rows by their reference-list item (rank, equipment type, budget head) and pairs up
their values; `compared_sections(earlier, later)` collects them in document order.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from plans import registry


@dataclass
class Cell:
    earlier: object
    later: object

    @property
    def difference(self):
        if self.earlier is None or self.later is None:
            return None
        return self.later - self.earlier

    @property
    def changed(self):
        return self.earlier != self.later


@dataclass
class ComparedRow:
    """A row of a reference list (rank, equipment type, budget head) with its values in both plans."""

    item: object
    cells: list

    @property
    def changed(self):
        return any(cell.changed for cell in self.cells)

    @property
    def status(self):
        if all(cell.earlier is None for cell in self.cells):
            return "added"
        if all(cell.later is None for cell in self.cells):
            return "dropped"
        return "changed" if self.changed else ""


@dataclass
class ComparedTable:
    caption: object
    item_label: object
    columns: list
    rows: list
    total: list | None = None


@dataclass
class ComparedSection:
    """A section's tables of two plans side by side; `empty` is said when it has no table."""

    slug: str
    heading: object
    position: int
    tables: list = field(default_factory=list)
    empty: object = ""


def compare_rows(earlier, later, key, columns):
    """Match the rows of two plans by `key` (a reference-list object) and pair up their `columns`.

    `earlier` and `later` are lists of rows already in the order of the reference list; a row found in
    only one plan keeps its place, with blanks for the other year.
    """
    items, before, after = {}, {}, {}
    for rows, values in ((earlier, before), (later, after)):
        for row in rows:
            item = key(row)
            items.setdefault(item.pk, item)
            values[item.pk] = row
    ordered = sorted(items.values(), key=lambda item: (item.position, item.name))
    compared = []
    for item in ordered:
        a, b = before.get(item.pk), after.get(item.pk)
        cells = [Cell(getattr(a, column) if a else None, getattr(b, column) if b else None) for column in columns]
        compared.append(ComparedRow(item, cells))
    return compared


def totals_row(rows):
    """The sum of each column over compared rows, as a row of cells."""
    if not rows:
        return []
    width = len(rows[0].cells)
    return [
        Cell(sum(row.cells[index].earlier or 0 for row in rows), sum(row.cells[index].later or 0 for row in rows))
        for index in range(width)
    ]


def rows_of(queryset, plan_lookup, earlier, later):
    """(rows of `earlier`, rows of `later`) of `queryset`, in one query; `plan_lookup` leads from a row to its plan."""
    *path, last = plan_lookup.split("__")
    by_plan = {earlier.pk: [], later.pk: []}
    for row in queryset.filter(**{f"{plan_lookup}__in": [earlier.pk, later.pk]}):
        owner = row
        for name in path:
            owner = getattr(owner, name)
        by_plan[getattr(owner, f"{last}_id")].append(row)
    return by_plan[earlier.pk], by_plan[later.pk]


def pair_query(query, years):
    """The comparison asked for; a link that names one year ('compare with 2022-2023') gets the year before it."""
    query = query.copy()
    for missing, given in (("a", "b"), ("b", "a")):
        year = query.get(given, "")
        if not query.get(missing) and year.isdigit() and int(year) in years:
            others = [other for other in years if other != int(year)]
            before = [other for other in others if other < int(year)]
            query[missing] = str(before[-1] if before else others[0])
    return query


def compare_budgets(earlier, later):
    """The plans app's own comparison: the budget heads of the two plans."""
    from plans.models import BudgetAllocation

    allocations = rows_of(BudgetAllocation.objects.select_related("head"), "plan", earlier, later)
    budget = compare_rows(*allocations, key=lambda allocation: allocation.head, columns=["amount"])
    table = ComparedTable(
        _("Budget heads (Rs.)"), _("Head of account"), [_("Amount (Rs.)")], budget, totals_row(budget)
    )
    return [ComparedSection("budget", _("Financial resources"), 130, [table])]


def compared_sections(earlier, later):
    """Every section's tables of the two plans, in document order."""
    compared = [item for section in registry.sections() if section.compare for item in section.compare(earlier, later)]
    return sorted(compared, key=lambda item: item.position)
