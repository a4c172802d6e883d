"""Derived figures of the plan's own sections: the police-population ratio, posts and the budget total."""

from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from plans.models import BudgetAllocation, DistrictProfile


def police_population_ratio(population, present_police):
    """N of '1:N': people per police officer present (executive and legal ranks), rounded."""
    if not population or not present_police:
        return None
    return round(population / present_police)


def tree(items):
    """Nest rows under their parents (`parent_id`): a list of (item, children) pairs from the roots down.

    The organogram's units and a narrative section's points both print as such a tree.
    """
    children = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)

    def branch(parent_id):
        return [(item, branch(item.pk)) for item in children.get(parent_id, [])]

    return branch(None)


def plan_rows_sum(model, expression, **filters):
    """Sum of `expression` over the plan's rows of `model`, as a subquery: one SQL statement for a whole list."""
    rows = model.objects.filter(plan=OuterRef("pk"), **filters).order_by().values("plan")
    return Coalesce(Subquery(rows.annotate(total=Sum(expression)).values("total")), 0)


def budget_total(plan):
    return BudgetAllocation.objects.filter(plan=plan).aggregate(total=Sum("amount"))["total"] or 0


def computed_figures(plan, profile=None):
    """Every derived figure of the plans app, keyed as `plans.PrintedFigure` keys them."""
    profile = profile or DistrictProfile.objects.filter(plan=plan).first()
    if profile is None:
        return {}
    return {"profile:police_posts_total": profile.police_posts_total}
