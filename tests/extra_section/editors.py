"""The test-only section's editor: its patrol routes as a grid of officers, a new route added from the grid.

Its rows are the plan's own rows (a route), not a district's reference list: the grid's `prepare` and
`save` are its own, on the framework's cells, errors and page."""

from django.core.exceptions import ValidationError

from plans.editors import writes
from plans.editors.grid import Column, GridEditor, GridRow, full_clean
from tests.extra_section.models import Patrol


class PatrolGrid(GridEditor):
    prefix = "patrols"
    title = "Patrol routes"
    row_heading = "Route"
    item_model = Patrol
    item_name_field = "route"
    new_item_label = "New route"

    def get_columns(self):
        return [Column("officers", "Officers")]

    def get_rows(self):
        self.patrols = list(Patrol.objects.filter(plan=self.plan))
        return [GridRow(str(patrol.pk), patrol.route, item=patrol) for patrol in self.patrols]

    def initial(self):
        return {(str(patrol.pk), "officers"): patrol.officers for patrol in self.patrols}

    def rows_version(self):
        return [(patrol.pk, patrol.version) for patrol in self.patrols]

    def prepare(self):
        self.to_create, self.to_update = [], []
        for row in self.all_rows:
            if row.new and row.is_blank:
                continue
            cell = row.cells[0]
            patrol = row.item or Patrol(plan=self.plan, route=row.label.strip())
            patrol.plan = self.plan
            if row.item is not None and patrol.officers == (cell.value or 0):
                continue
            patrol.officers = cell.value or 0
            try:
                full_clean(patrol)
            except ValidationError as error:
                self.add_validation_error(error, lambda name, cell=cell: cell, cell)
            (self.to_update if patrol.pk else self.to_create).append(patrol)

    def save(self):
        writes.update_rows(Patrol, self.to_update, ["officers"])
        writes.create_rows(Patrol, self.to_create)


def editors(plan, data=None):
    return [PatrolGrid(plan, data)]
