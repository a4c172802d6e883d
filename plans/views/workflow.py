"""The workflow's steps and next year's plan from the plan page: POSTs that call the services through
`plans.steps` and come back to the plan with a message."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from plans import steps
from plans.forms import WorkflowStepForm
from plans.views.common import forbidden, visible_plan


@login_required
@require_POST
def workflow_step(request, district, year, action):
    """Submit, return or approve the plan, as `workflow` allows this user now."""
    plan = visible_plan(request, district, year)
    try:
        steps.take_step_with_message(request, plan, action, WorkflowStepForm(request.POST, action=action))
    except PermissionDenied as error:
        return forbidden(request, error, plan)
    return redirect(plan)


@login_required
@require_POST
def start_next_year(request, district, year):
    """Start next year's draft from this plan and go to what was carried forward into it."""
    plan = visible_plan(request, district, year)
    try:
        new_plan = steps.start_next_year_with_message(request, plan)
    except PermissionDenied as error:
        return forbidden(request, error, plan)
    if new_plan is None:
        return redirect(plan)
    return redirect("plans:plan-carried-forward", new_plan.district.slug, new_plan.fiscal_year)
