"""What a plan's status means to the people who work on it: "Returned", and what each plan needs next.

A returned plan is a draft whose latest workflow step is a return; lists annotate that step in one
subquery per column instead of asking each plan.
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plans import rollover, workflow
from plans.models import AnnualPlan, PlanStatus, WorkflowEvent


def with_workflow_state(plans):
    """Plans annotated with their latest workflow step: action, comment, who and when."""
    latest = WorkflowEvent.objects.filter(plan=OuterRef("pk")).order_by("-created", "-pk")
    return plans.annotate(
        last_action=Subquery(latest.values("action")[:1]),
        last_comment=Subquery(latest.values("comment")[:1]),
        last_actor=Subquery(latest.values("actor__username")[:1]),
        last_step_at=Subquery(latest.values("created")[:1]),
    )


@dataclass
class NextStep:
    """A plan in someone's work list and what it needs next, in words, with the page to do it on."""

    plan: AnnualPlan
    needs: str
    url: str
    urgent: bool = False


def next_step(plan, user, errors=0, has_next_plan=False):
    """What `plan` needs next from the district's point of view (`errors`: the check's count for a draft)."""
    authority = plan.district.get_approving_authority_display()
    url = plan.get_absolute_url()
    if plan.status == PlanStatus.DRAFT:
        lead = _("Returned with comments: act on them, then submit again. ") if plan.is_returned else ""
        if errors:
            return NextStep(
                plan,
                lead
                + ngettext(
                    "Correct %(count)s error found by the consistency check.",
                    "Correct %(count)s errors found by the consistency check.",
                    errors,
                )
                % {"count": errors},
                url + "#check",
                True,
            )
        if workflow.can_submit(user, plan):
            return NextStep(
                plan, lead + _("Ready: submit it to the %(authority)s.") % {"authority": authority}, url, True
            )
        return NextStep(
            plan, lead + _("Ready: the DPO submits it to the %(authority)s.") % {"authority": authority}, url
        )
    if plan.status == PlanStatus.SUBMITTED:
        return NextStep(plan, _("Waiting for the %(authority)s.") % {"authority": authority}, url)
    if not has_next_plan and rollover.may_start_next_year(user, plan):
        return NextStep(
            plan, _("Approved: start %(year)s from it.") % {"year": f"{plan.year_start + 1}-{plan.year_start + 2}"}, url
        )
    return NextStep(plan, _("Approved: nothing to do."), url)


def waiting_for_review(user):
    """Submitted plans the user may return or approve, oldest submission first."""
    plans = with_workflow_state(
        AnnualPlan.objects.visible_to(user).filter(status=PlanStatus.SUBMITTED).select_related("district__region")
    ).order_by("last_step_at", "district__name")
    return [plan for plan in plans if workflow.can_review(user, plan)]
