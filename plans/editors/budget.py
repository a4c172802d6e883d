"""The financial resources chapter in the portal: the district's budget heads and the amount of each."""

from django.utils.translation import gettext_lazy as _

from plans.editors.grid import Column, GridRow, RowGrid
from plans.models import BudgetAllocation, BudgetHead


class BudgetGrid(RowGrid):
    """'Financial resources likely to be available': an amount (Rs.) per head of account, and their total."""

    prefix = "budget"
    title = _("Financial resources")
    row_heading = _("Head of account")
    model = BudgetAllocation
    row_field = "head"
    item_model = BudgetHead
    new_item_label = _("New budget head")
    description = _("Amounts in rupees; a head left blank is not in the plan.")

    def get_columns(self):
        return [Column("amount", _("Amount (Rs.)"), field="amount")]

    def get_rows(self):
        heads = BudgetHead.objects.filter(district_id=self.plan.district_id).order_by("position", "name")
        return [GridRow(str(head.pk), str(head), item=head) for head in heads]

    def stored_rows(self):
        heads = {row.item.pk: row.item for row in self.rows}
        allocations = list(BudgetAllocation.objects.filter(plan=self.plan, head_id__in=heads))
        for allocation in allocations:
            allocation.head, allocation.plan = heads[allocation.head_id], self.plan
        return allocations

    def is_complete(self):
        """Complete with at least one amount: a head the district does not fund this year stays blank."""
        return any(cell.value is not None for row in self.rows for cell in row.cells)


def editors(plan, data=None):
    return [BudgetGrid(plan, data)]
