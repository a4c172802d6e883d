"""Derived figures of the plan's own sections: the police-population ratio, posts and the budget total."""

from django.db.models import Sum

from plans.models import BudgetAllocation, DistrictProfile


def police_population_ratio(population, present_police):
    """N of '1:N': people per police officer present (executive and legal ranks), rounded."""
    if not population or not present_police:
        return None
    return round(population / present_police)


def budget_total(plan):
    return BudgetAllocation.objects.filter(plan=plan).aggregate(total=Sum("amount"))["total"] or 0


def computed_figures(plan, profile=None):
    """Every derived figure of the plans app, keyed as `plans.PrintedFigure` keys them."""
    profile = profile or DistrictProfile.objects.filter(plan=plan).first()
    if profile is None:
        return {}
    return {"profile:police_posts_total": profile.police_posts_total}
