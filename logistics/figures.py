"""The vehicles table and the stock statements with their computed totals."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from logistics.models import Deployment, StockItem, StockStatement, VehicleCount

STOCK_COLUMNS = ("total_stock", "distributed", "at_headquarters")


@dataclass
class VehicleRow:
    vehicle_type: object
    counts: list  # one per deployment, in column order

    @property
    def total(self):
        return sum(self.counts)


@dataclass
class VehicleTable:
    deployments: list
    rows: list

    @property
    def column_totals(self):
        return [sum(row.counts[index] for row in self.rows) for index in range(len(self.deployments))]

    @property
    def total(self):
        return sum(row.total for row in self.rows)


def vehicle_table(plan):
    """Vehicle types as rows and the district's deployments as columns; a type appears once it has a count."""
    deployments = list(Deployment.objects.filter(district_id=plan.district_id).order_by("position", "name"))
    column = {deployment.pk: index for index, deployment in enumerate(deployments)}
    rows = {}
    counts = VehicleCount.objects.filter(plan=plan).select_related("vehicle_type").order_by("vehicle_type__position")
    for count in counts:
        row = rows.setdefault(count.vehicle_type_id, VehicleRow(count.vehicle_type, [0] * len(deployments)))
        row.counts[column[count.deployment_id]] += count.count
    return VehicleTable(deployments=deployments, rows=list(rows.values()))


@dataclass
class StockGroup:
    """Consecutive lines sharing a group name (or a line alone): the document's merged Grand Total cells."""

    name: str
    items: list = field(default_factory=list)

    @property
    def is_grouped(self):
        return bool(self.name) and len(self.items) > 1

    @property
    def totals(self):
        return {column: sum(getattr(item, column) for item in self.items) for column in STOCK_COLUMNS}

    @property
    def new_demand(self):
        return sum(item.new_demand for item in self.items)


@dataclass
class StockSheet:
    statement: StockStatement
    groups: list

    @property
    def items(self):
        return [item for group in self.groups for item in group.items]


def stock_sheets(plan):
    """The plan's stock statements with their lines in order and grouped, in two queries."""
    statements = list(StockStatement.objects.filter(plan=plan).select_related("category"))
    lines = {statement.pk: [] for statement in statements}
    items = (
        StockItem.objects.filter(statement__plan=plan)
        .select_related("equipment_type")
        .order_by("statement", "equipment_type__position", "pk")
    )
    for item in items:
        lines[item.statement_id].append(item)
    sheets = []
    for statement in statements:
        groups = []
        for item in lines[statement.pk]:
            if item.group and groups and groups[-1].name == item.group:
                groups[-1].items.append(item)
            else:
                groups.append(StockGroup(name=item.group, items=[item]))
        sheets.append(StockSheet(statement=statement, groups=groups))
    return sheets


def computed_figures(plan, table=None, sheets=None):
    """Every derived logistics figure, keyed as `plans.PrintedFigure` keys them."""
    table = table or vehicle_table(plan)
    sheets = stock_sheets(plan) if sheets is None else sheets
    computed = {f"vehicles:{row.vehicle_type.name}:total": row.total for row in table.rows}
    for deployment, total in zip(table.deployments, table.column_totals, strict=True):
        computed[f"vehicles:total:{deployment.name}"] = total
    computed["vehicles:total:total"] = table.total
    for sheet in sheets:
        for group in sheet.groups:
            if group.is_grouped:
                for column, total in group.totals.items():
                    computed[f"stock:{sheet.statement.category.name}:{group.name}:{column}"] = total
    return computed


def to_enter_anew(plan):
    """The stock statements of a plan carried forward that wait for the date of a new count."""
    from plans.rollover import ToEnter

    undated = StockStatement.objects.filter(plan=plan, as_of__isnull=True).select_related("category")
    return [
        ToEnter(
            _("The date of the stock count: statement of %(category)s") % {"category": statement.category.name},
            _("Stock statements"),
        )
        for statement in undated.order_by("category__position", "pk")
    ]
