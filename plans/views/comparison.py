"""Two fiscal years' plans of one district side by side (the sections' tables: `plans.comparison`)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from plans.comparison import compared_sections, pair_query
from plans.forms import PlanPairForm
from plans.models import AnnualPlan
from plans.views.common import visible_district


@login_required
def compare_plans(request, district):
    """Two fiscal years' plans of one district side by side, every section, with a "changes only" switch; or one
    of its plans beside a plan of another district the user may see."""
    district = visible_district(request, district)
    visible = AnnualPlan.objects.visible_to(request.user)
    plans = {plan.year_start: plan for plan in visible.filter(district=district)}
    years = sorted(plans)
    context = {"district": district, "years": years}
    if len(years) < 2:
        return render(request, "portal/compare_plans.html", context)
    others = visible.exclude(district=district).select_related("district").order_by("district__name", "-year_start")
    form = PlanPairForm(
        pair_query(request.GET, years) or None, years=years, others=others, initial={"a": years[-2], "b": years[-1]}
    )
    a, b, other, changes_only = years[-2], years[-1], None, False
    if form.is_bound and form.is_valid():
        a, b = sorted([form.cleaned_data["a"], form.cleaned_data["b"]])
        other, changes_only = form.cleaned_data["other"], form.cleaned_data["changes"]
    pair = [plans[a], plans[b]] if other is None else [plans[a], other]
    earlier, later = sorted(pair, key=lambda plan: plan.year_start)
    if other is None:
        labels = {"a": earlier.fiscal_year, "b": later.fiscal_year}
    else:
        labels = {
            "a": f"{earlier.district.name} {earlier.fiscal_year}",
            "b": f"{later.district.name} {later.fiscal_year}",
        }
    context.update(
        form=form,
        earlier=earlier,
        later=later,
        compared=compared_sections(earlier, later, changes_only=changes_only),
        changes_only=changes_only,
        labels=labels,
    )
    return render(request, "portal/compare_plans.html", context)
