"""'My work': a reviewer's plans waiting for a decision, and a district's plans with what each needs next."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from plans.consistency import run_checks
from plans.models import AnnualPlan, PlanStatus, Role
from plans.statuses import next_step, waiting_for_review, with_workflow_state


def district_plans(user):
    """The plans of the user's own district, newest first, each with what it needs next.

    The check runs only on drafts (a district has one at a time, rarely two).
    """
    membership = getattr(user, "membership", None)
    if membership is None or membership.district_id is None or membership.role == Role.REVIEWER:
        return []
    plans = list(
        with_workflow_state(
            AnnualPlan.objects.visible_to(user).filter(district_id=membership.district_id).select_related("district")
        ).order_by("-year_start")
    )
    years = {plan.year_start for plan in plans}
    steps = []
    for plan in plans:
        errors = sum(finding.is_error for finding in run_checks(plan)) if plan.status == PlanStatus.DRAFT else 0
        steps.append(next_step(plan, user, errors=errors, has_next_plan=plan.year_start + 1 in years))
    return steps


@login_required
def my_work(request):
    membership = getattr(request.user, "membership", None)
    reviews = membership is not None and membership.role == Role.REVIEWER or request.user.is_superuser
    context = {
        "waiting": waiting_for_review(request.user) if reviews else None,
        "district_steps": district_plans(request.user),
        "membership": membership,
    }
    return render(request, "portal/my_work.html", context)
