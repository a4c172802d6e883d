"""Confirmation before the steps that cannot be taken back lightly: submitting and approving a plan.

The page says what will happen (who is told, what is locked, what is archived) and posts to the same
workflow step as the plan page; the services decide who may act, so this page only explains.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from plans import workflow
from plans.consistency import run_checks
from plans.forms import WorkflowStepForm
from plans.models import WorkflowAction
from plans.notifications import district_staff, reviewers_in_scope
from plans.views.common import forbidden, visible_plan

CONFIRMED_ACTIONS = (WorkflowAction.SUBMIT, WorkflowAction.APPROVE)


@login_required
def confirm_step(request, district, year, action):
    """What submitting or approving will do, with the comment field and the button that does it."""
    plan = visible_plan(request, district, year)
    if action not in workflow.allowed_actions(request.user, plan):
        return forbidden(
            request,
            PermissionDenied(
                _("You may not %(action)s this plan now (it is %(status)s).")
                % {"action": workflow.VERBS[action], "status": plan.status_label.lower()}
            ),
            plan,
        )
    errors = []
    if action == WorkflowAction.SUBMIT:
        errors = [finding for finding in run_checks(plan) if finding.is_error]
        told = reviewers_in_scope(plan)
    else:
        told = district_staff(plan)
    context = {
        "plan": plan,
        "action": action,
        "form": WorkflowStepForm(action=action),
        "errors": errors,
        "told": [user.get_full_name() or user.get_username() for user in told.order_by("username")],
        "authority": plan.district.get_approving_authority_display(),
    }
    return render(request, "portal/confirm_step.html", context)
