"""One way to take a workflow step or start next year's plan, with the messages users read about it.

The portal, the admin and the API all call `take_step(plan, user, action, comment)`; the portal and the
admin then say what happened with `step_done_message` or `refusal_message`, the API answers with the plan.
`plans.workflow` and `plans.rollover` decide who may act and raise when they may not.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plans import rollover, workflow
from plans.models import WorkflowAction

SERVICES = {
    WorkflowAction.SUBMIT: workflow.submit,
    WorkflowAction.RETURN: workflow.return_to_draft,
    WorkflowAction.APPROVE: workflow.approve,
}


def take_step(plan, user, action, comment=""):
    """Submit, return or approve `plan` as `user`; gives `plan` its new status or raises."""
    return SERVICES[action](plan, user, comment)


def refusal_message(error):
    """A refused step as one message: the service's reason, or the consistency check's errors listed."""
    if not getattr(error, "findings", None):
        return " ".join(error.messages)
    lead = ngettext(
        "Not submitted: the consistency check finds %(count)s error. Correct it first:",
        "Not submitted: the consistency check finds %(count)s errors. Correct them first:",
        len(error.findings),
    ) % {"count": len(error.findings)}
    listed = format_html_join("", "<li>{}: {}</li>", ((finding.section, finding.message) for finding in error.findings))
    return format_html('{}<ul class="message__list">{}</ul>', lead, listed)


def step_done_message(plan, action):
    authority = plan.district.get_approving_authority_display()
    if action == WorkflowAction.SUBMIT:
        return _("%(plan)s is submitted to the %(authority)s and locked until it is returned or approved.") % {
            "plan": plan,
            "authority": authority,
        }
    if action == WorkflowAction.RETURN:
        return _("%(plan)s is returned to the district as a draft, with your comments.") % {"plan": plan}
    return _("%(plan)s is approved on behalf of the %(authority)s; its PDF is kept as approved.") % {
        "plan": plan,
        "authority": authority,
    }


def take_step_with_message(request, plan, action, form):
    """Take the step a valid WorkflowStepForm asks for and leave the outcome as a message on the request.

    A PermissionDenied is not caught: the portal shows it as its 403 page, the admin as its own.
    """
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["comment"]))
        return
    try:
        take_step(plan, request.user, action, form.cleaned_data["comment"])
    except ValidationError as error:  # WorkflowError included: a step the status or the check refuses
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, step_done_message(plan, action))


def start_next_year_with_message(request, plan):
    """Start next year's draft from `plan`; the new plan, or None with the refusal as a message."""
    try:
        new_plan = rollover.start_next_year(plan, request.user)
    except ValidationError as error:
        messages.error(request, refusal_message(error))
        return None
    messages.success(
        request,
        _("%(plan)s is started from %(year)s as a draft: check what was carried forward and enter the new figures.")
        % {"plan": new_plan, "year": plan.fiscal_year},
    )
    return new_plan
