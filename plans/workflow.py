"""The plan's way from draft to approval (Police Order 2002, Articles 32 and 44).

draft --submit--> submitted --approve--> approved, and submitted --return (with comments)--> draft.
The DPO of the district submits; a reviewer whose region or province covers the district (or the
district's own commission, a reviewer of that district) returns or approves. Each step locks the plan
row, checks who acts and from which status, records a WorkflowEvent and saves the new status, all in one
transaction; once it is committed, whoever the step concerns hears of it by e-mail (`notifications`).
The admin, the API and the portal call these functions and nothing else changes a status.
"""

import hashlib
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plans.base import PlanLocked, lock_plan, locked_message
from plans.models import PlanStatus, Role, WorkflowAction, WorkflowEvent
from plans.notifications import notify_step
from plans.scope import visible_district_ids

# Which status each action starts from and leads to.
TRANSITIONS = {
    WorkflowAction.SUBMIT: (PlanStatus.DRAFT, PlanStatus.SUBMITTED),
    WorkflowAction.RETURN: (PlanStatus.SUBMITTED, PlanStatus.DRAFT),
    WorkflowAction.APPROVE: (PlanStatus.SUBMITTED, PlanStatus.APPROVED),
}
VERBS = {
    WorkflowAction.SUBMIT: gettext_lazy("submit"),
    WorkflowAction.RETURN: gettext_lazy("return"),
    WorkflowAction.APPROVE: gettext_lazy("approve"),
}
MAX_FINDINGS_IN_MESSAGE = 5


class WorkflowError(ValidationError):
    """A step the plan's status or content does not allow now (the API answers 409 Conflict)."""

    def __init__(self, message, findings=()):
        super().__init__(message, code="conflict")
        self.findings = list(findings)


def ensure_plan_editable(plan):
    """Raise PlanLocked when the plan's own fields (message, signatory ...) may not change.

    Plan rows and the plan refuse writes by themselves when saved (`plans.base.Versioned.save`, under the
    plan's lock); forms and serializers call this first to refuse before validating.
    """
    if plan.pk and plan.is_locked:
        raise PlanLocked(locked_message(plan), code="locked")


def can_submit(user, plan):
    """The DPO of the plan's district (or a superuser)."""
    if user.is_superuser:
        return True
    membership = getattr(user, "membership", None)  # None for anonymous users and users without one
    return membership is not None and membership.role == Role.DPO and membership.district_id == plan.district_id


def can_review(user, plan):
    """A reviewer whose district, region or province covers the plan's district (or a superuser)."""
    if user.is_superuser:
        return True
    membership = getattr(user, "membership", None)
    return (
        membership is not None and membership.role == Role.REVIEWER and plan.district_id in visible_district_ids(user)
    )


def may_record_progress(user, plan):
    """Quarterly progress: the district's staff while the plan is a draft; once it is submitted, only who
    evaluates it (Article 44: the commission or the approving reviewers evaluate targets every quarter),
    so a review recorded on an approved plan cannot be changed or deleted by the district it reviews."""
    return not plan.is_locked or can_review(user, plan)


def allowed_actions(user, plan):
    """The actions `user` may take on `plan` now, for showing buttons (the services check again)."""
    checks = {WorkflowAction.SUBMIT: can_submit, WorkflowAction.RETURN: can_review, WorkflowAction.APPROVE: can_review}
    return [
        action
        for action, (from_status, _to) in TRANSITIONS.items()
        if plan.status == from_status and checks[action](user, plan)
    ]


def submit(plan, actor, comment=""):
    """Send a draft to the approving authority, once the consistency check finds no errors."""
    return _step(plan, actor, WorkflowAction.SUBMIT, comment, can_submit, before=_refuse_inconsistent)


def return_to_draft(plan, actor, comment):
    """Send a submitted plan back to the district with the reviewer's comments (required)."""
    if not can_review(actor, plan):
        raise PermissionDenied(
            _("You may not %(action)s the plan of %(district)s.")
            % {"action": VERBS[WorkflowAction.RETURN], "district": plan.district}
        )
    if not (comment or "").strip():
        raise ValidationError(
            {"comment": _("Say what the district must change: a comment is required to return a plan.")},
            code="required",
        )
    return _step(plan, actor, WorkflowAction.RETURN, comment, can_review)


def approve(plan, actor, comment=""):
    """Approve a submitted plan and keep the PDF as approved (archival, signed when configured), with its SHA-256."""
    store = lambda locked: _store_approved_pdf(locked, actor)  # noqa: E731 (the approver signs the PDF)
    return _step(plan, actor, WorkflowAction.APPROVE, comment, can_review, after=store)


@transaction.atomic
def _step(plan, actor, action, comment, may_act, before=None, after=None):
    """Lock the plan row, check actor and status, record the event and save the new status.

    Returns the plan as saved; the caller's instance gets the new status too.
    """
    locked = lock_plan(plan.pk)  # the lock every write to the plan takes: no write lands between check and step
    if not may_act(actor, locked):
        raise PermissionDenied(
            _("You may not %(action)s the plan of %(district)s.")
            % {"action": VERBS[action], "district": locked.district}
        )
    from_status, to_status = TRANSITIONS[action]
    if locked.status != from_status:
        raise WorkflowError(
            _("%(plan)s is %(status)s: only a %(required)s plan can be %(done)s.")
            % {
                "plan": locked,
                "status": locked.get_status_display().lower(),
                "required": PlanStatus(from_status).label.lower(),
                "done": WorkflowAction(action).label.lower(),
            }
        )
    if before is not None:
        before(locked)
    comment = comment.strip()
    if action == WorkflowAction.APPROVE:
        authority = locked.district.get_approving_authority_display()
        on_behalf = _("Approved on behalf of the %(authority)s.") % {"authority": authority}
        comment = f"{on_behalf}\n{comment}".strip()
    WorkflowEvent.objects.create(
        plan=locked, action=action, from_status=from_status, to_status=to_status, actor=actor, comment=comment
    )
    locked.status = to_status
    locked._history_user = actor  # simple_history records who changed the status
    fields = ["status", "modified"]
    if after is not None:
        fields += after(locked)
    locked.save(update_fields=fields)
    for field in fields:
        setattr(plan, field, getattr(locked, field))
    transaction.on_commit(partial(notify_step, locked.pk, action, actor, comment))
    return locked


def _refuse_inconsistent(plan):
    from plans.consistency import run_checks

    errors = [finding for finding in run_checks(plan) if finding.severity == "error"]
    if not errors:
        return
    listed = "; ".join(finding.message for finding in errors[:MAX_FINDINGS_IN_MESSAGE])
    more = len(errors) - MAX_FINDINGS_IN_MESSAGE
    if more > 0:
        listed += " " + _("(and %(count)s more)") % {"count": more}
    raise WorkflowError(
        _("The consistency check finds %(count)s error(s); correct them before submitting: %(errors)s")
        % {"count": len(errors), "errors": listed},
        findings=errors,
    )


def approved_pdf_name(plan):
    return f"{plan.district.slug}-annual-policing-plan-{plan.fiscal_year}-approved.pdf"


def _store_approved_pdf(plan, approver):
    """Render the plan as approved and keep the file with its SHA-256; a rendering failure undoes the step.

    What is archived is settings.APPROVED_DOCUMENT's to make (the publication app's archival record: PDF/A-3b
    with the plan's data embedded, signed by the approving office when it has a certificate), in the plan's
    print language whatever the approver reads in; the hub only stores it. The SHA-256 is that of the final
    bytes.
    """
    content = import_string(settings.APPROVED_DOCUMENT)(plan, approver)
    plan.approved_pdf.save(approved_pdf_name(plan), ContentFile(content), save=False)
    plan.approved_pdf_sha256 = hashlib.sha256(content).hexdigest()
    return ["approved_pdf", "approved_pdf_sha256"]
