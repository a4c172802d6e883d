"""Two fiscal years' plans of one district side by side (the sections' tables: `plans.comparison`).

The compared sections are the costly half of the page and change only with the two plans' data, so their
HTML is cached per pair of plan data versions (`plans.pdf.pdf_cache_key`: renewed by every write to a plan
or its district's lists, and carrying the status, language and digit grouping), the column labels and the
"changes only" switch. Nothing in it depends on the viewer; the cache is read after the scope checks.
"""

import hashlib

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from plans.comparison import compared_sections, pair_query
from plans.forms import PlanPairForm
from plans.models import AnnualPlan
from plans.pdf import CACHE_SECONDS, pdf_cache_key
from plans.views.common import visible_district


def rendered_comparison(request, earlier, later, labels, changes_only):
    """The compared sections' HTML, from the cache while neither plan's data has changed."""
    language = get_language()
    parts = [pdf_cache_key(earlier, language=language), pdf_cache_key(later, language=language)]
    parts += [labels["a"], labels["b"], str(changes_only)]
    key = "plan-compare:" + hashlib.sha256("|".join(parts).encode()).hexdigest()

    def render():
        compared = compared_sections(earlier, later, changes_only=changes_only)
        context = {"compared": compared, "changes_only": changes_only, "labels": labels}
        return render_to_string("portal/includes/compared_sections.html", context, request=request)

    return mark_safe(cache.get_or_set(key, render, CACHE_SECONDS))  # noqa: S308 - rendered by the template above, which escapes


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
        comparison=rendered_comparison(request, earlier, later, labels, changes_only),
        changes_only=changes_only,
        labels=labels,
    )
    return render(request, "portal/compare_plans.html", context)
