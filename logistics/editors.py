"""The logistics chapters in the portal: vehicle types × deployments, and each stock statement's date and its
items × its columns, grouped as printed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from logistics.models import Deployment, EquipmentType, StockItem, StockStatement, VehicleCount, VehicleType
from plans.editors.forms import FormEditor
from plans.editors.grid import CellGrid, Column, GridRow, RowGrid


class VehicleGrid(CellGrid):
    """How many vehicles of each type are at each deployment, with the row and column totals printed."""

    prefix = "vehicles"
    title = _("Vehicles")
    row_heading = _("Vehicles")
    item_model = VehicleType
    new_item_label = _("New vehicle type")
    model = VehicleCount
    row_field = "vehicle_type"
    column_field = "deployment"
    value_field = "count"
    description = _("Vehicles of each type at each deployment; a blank cell is none.")

    def get_columns(self):
        self.deployments = list(
            Deployment.objects.filter(district_id=self.plan.district_id).order_by("position", "name")
        )
        keys = [f"d{deployment.pk}" for deployment in self.deployments]
        columns = [
            Column(key, deployment.name, value=deployment)
            for key, deployment in zip(keys, self.deployments, strict=True)
        ]
        return [*columns, Column("total", _("Total"), formula=["sum", *keys])]

    def get_rows(self):
        types = VehicleType.objects.filter(district_id=self.plan.district_id).order_by("position", "name")
        return [GridRow(str(kind.pk), kind.name, item=kind) for kind in types]

    def stored_rows(self):
        types = {row.item.pk: row.item for row in self.rows}
        deployments = {deployment.pk: deployment for deployment in self.deployments}
        counts = list(VehicleCount.objects.filter(plan=self.plan))
        for count in counts:
            count.plan = self.plan
            if count.vehicle_type_id in types and count.deployment_id in deployments:
                count.vehicle_type, count.deployment = types[count.vehicle_type_id], deployments[count.deployment_id]
        return counts

    def is_complete(self):
        """Complete with at least one vehicle counted: a blank cell is none, not a figure missing."""
        return any(cell.value for row in self.rows for cell in row.cells)


class StockGrid(RowGrid):
    """One stock statement: the category's weapon or equipment types by total stock, distributed, at HQ and
    new demand, in the groups the statement prints together."""

    model = StockItem
    row_field = "equipment_type"
    item_model = EquipmentType
    row_heading = _("Description")
    new_item_label = _("New weapon or equipment type")

    def __init__(self, plan, statement, data=None):
        self.statement = statement
        self.prefix = f"stock{statement.pk}"
        self.title = _("Statement of %(category)s") % {"category": statement.category.name}
        super().__init__(plan, data)

    def get_columns(self):
        return [
            Column("total_stock", _("Total stock of district/unit"), field="total_stock"),
            Column("distributed", _("Distributed to police stations"), field="distributed"),
            Column("at_headquarters", _("Present at HQ"), field="at_headquarters"),
            Column("accounted", _("Distributed and at HQ"), formula=["+", "distributed", "at_headquarters"]),
            Column("new_demand", _("New demand (shortage)"), field="new_demand", default=0),
        ]

    def get_rows(self):
        types = EquipmentType.objects.filter(category_id=self.statement.category_id).order_by("position", "name")
        rows = [GridRow(str(kind.pk), kind.name, item=kind) for kind in types]
        by_type = {row.item.pk: row.item for row in rows}
        self._stored = {}  # RowGrid's stored rows, read here for their groups
        for item in StockItem.objects.filter(statement=self.statement):
            item.statement = self.statement
            if item.equipment_type_id in by_type:
                item.equipment_type = by_type[item.equipment_type_id]
            self._stored[str(item.equipment_type_id)] = item
        for row in rows:
            row.group = getattr(self._stored.get(row.key), "group", "")
        return rows

    def stored_rows(self):
        return list(self._stored.values())

    def new_instance(self, row):
        return StockItem(statement=self.statement)

    def new_item(self, name, position):
        return EquipmentType(
            district_id=self.plan.district_id, category=self.statement.category, name=name, position=position
        )


class StatementDate(FormEditor):
    """The day a statement's stock was counted: entered anew each year (a plan carried forward leaves it blank)."""

    fields = ("as_of",)
    required = ("as_of",)
    widgets = {"as_of": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, plan, statement, data=None):
        title = _("Date of the statement of %(category)s") % {"category": statement.category.name}
        super().__init__(plan, data, prefix=f"statement{statement.pk}", title=title, instance=statement)


def vehicle_editors(plan, data=None):
    return [VehicleGrid(plan, data)]


def stock_editors(plan, data=None):
    statements = StockStatement.objects.filter(plan=plan).select_related("category").order_by("category__position")
    grids = []
    for statement in statements:
        statement.plan = plan
        grids += [StatementDate(plan, statement, data), StockGrid(plan, statement, data)]
    return grids
