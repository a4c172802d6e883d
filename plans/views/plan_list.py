"""The plans a user may see, with each plan's key figures, and the reviewers' overview across districts."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from plans import registry
from plans.forms import OverviewForm, PlanFilterForm
from plans.models import AnnualPlan
from plans.overview import district_overview
from plans.statuses import with_workflow_state

PLANS_PER_PAGE = 25


def with_key_figures(plans):
    """Plans annotated with the figures each section shows on the plans list (one subquery each)."""
    figures = {}
    for section in registry.sections():
        if section.plan_list_figures:
            figures |= section.plan_list_figures()
    return plans.select_related("district__region").annotate(**figures)


def page_of_plans(plans, number):
    """The page of `plans` numbered `number`, its plans with their key figures and latest workflow step.

    The page's plans are chosen first and annotated after: PostgreSQL would otherwise work out every
    visible plan's subqueries before sorting (it takes them for cheap), a cost that grows with the country.
    """
    page = Paginator(plans.values_list("pk", flat=True), PLANS_PER_PAGE).get_page(number)
    chosen = AnnualPlan.objects.filter(pk__in=list(page.object_list))
    page.object_list = list(with_workflow_state(with_key_figures(chosen)))
    return page


@login_required
def home(request):
    form = PlanFilterForm(request.GET or None, user=request.user)
    page = page_of_plans(form.filter(AnnualPlan.objects.visible_to(request.user)), request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number),
        "filtered": form.has_changed(),
    }
    return render(request, "portal/home.html", context)


@login_required
def overview(request):
    """Reviewers' overview: each district in scope with its plan's status, strength and crime, and totals."""
    form = OverviewForm(request.GET or None, user=request.user)
    year_start = form.cleaned_data.get("year") if form.is_valid() else None
    return render(
        request, "portal/overview.html", {"form": form, "overview": district_overview(request.user, year_start)}
    )
