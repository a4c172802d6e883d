"""Two fiscal years' plans of one district side by side (the sections' tables: `plans.comparison`)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from plans.comparison import compared_sections, pair_query
from plans.forms import PlanPairForm
from plans.models import AnnualPlan, fiscal_year_label
from plans.views.common import visible_district


@login_required
def compare_plans(request, district):
    """Two fiscal years' plans of one district side by side, every section, with a "changes only" switch."""
    district = visible_district(request, district)
    plans = {plan.year_start: plan for plan in AnnualPlan.objects.visible_to(request.user).filter(district=district)}
    years = sorted(plans)
    context = {"district": district, "years": years}
    if len(years) < 2:
        return render(request, "portal/compare_plans.html", context)
    form = PlanPairForm(pair_query(request.GET, years) or None, years=years, initial={"a": years[-2], "b": years[-1]})
    a, b, changes_only = years[-2], years[-1], False
    if form.is_bound and form.is_valid():
        a, b = sorted([form.cleaned_data["a"], form.cleaned_data["b"]])
        changes_only = form.cleaned_data["changes"]
    earlier, later = plans[a], plans[b]
    context.update(
        form=form,
        earlier=earlier,
        later=later,
        compared=compared_sections(earlier, later, changes_only=changes_only),
        changes_only=changes_only,
        labels={"a": fiscal_year_label(a), "b": fiscal_year_label(b)},
    )
    return render(request, "portal/compare_plans.html", context)
