"""The financial resources chapter's editor: an amount per budget head and their total."""

from plans.models import BudgetAllocation, BudgetHead
from tests.editor_helpers import edit_url, output, post_chapter


def test_the_budget_grid_totals_and_saves_amounts_and_a_new_head(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    html = client.get(edit_url(kasur_plan, "financial-resources")).content.decode()
    allocations = list(BudgetAllocation.objects.filter(plan=kasur_plan))
    total = sum(allocation.amount for allocation in allocations)
    assert output(html, "budget-row-total budget-col-amount") == str(total)
    first = allocations[0]
    changes = {
        f"budget-{first.head_id}-amount": "1,500,000",
        "budget-new0-name": "Body cameras",
        "budget-new0-amount": "250000",
    }
    assert post_chapter(client, kasur_plan, "financial-resources", changes).status_code == 302
    assert BudgetAllocation.objects.get(pk=first.pk).amount == 1_500_000
    head = BudgetHead.objects.get(district=kasur_plan.district, name="Body cameras")
    assert BudgetAllocation.objects.get(plan=kasur_plan, head=head).amount == 250_000


def test_a_negative_amount_is_refused(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    first = BudgetAllocation.objects.filter(plan=kasur_plan).first()
    response = post_chapter(client, kasur_plan, "financial-resources", {f"budget-{first.head_id}-amount": "-5"})
    assert "Enter a number of 0 or more." in response.content.decode()
    assert BudgetAllocation.objects.get(pk=first.pk).amount == first.amount
