"""The portal's part of the initiatives app: the quarterly progress against the targets on the plan page
(Police Order 2002, Article 44), and recording it."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives.figures import target_progress_table
from initiatives.forms import TargetProgressForm
from initiatives.models import Target, TargetProgress
from plans.overview import QUARTERS, quarter_labels
from plans.views.common import forbidden, visible_plan


@dataclass
class ProgressCell:
    """A target's quarter in the plan page's progress table, with the form to record it for users who may."""

    quarter: int
    label: str
    progress: object  # TargetProgress or None
    form: object = None


def may_record_progress(user):
    """Reviewers record the quarterly review (their one write); clerks and DPOs hold the same permissions."""
    return user.has_perms(["initiatives.add_targetprogress", "initiatives.change_targetprogress"])


def progress_rows(plan, user):
    """(target, its four ProgressCells) for each target of the plan."""
    labels, forms = quarter_labels(plan), may_record_progress(user)
    return [
        (
            row.target,
            [
                ProgressCell(
                    quarter,
                    label,
                    progress,
                    TargetProgressForm(instance=progress, target=row.target, quarter=quarter) if forms else None,
                )
                for quarter, label, progress in zip(QUARTERS, labels, row.quarters, strict=True)
            ],
        )
        for row in target_progress_table(plan)
    ]


def plan_page_context(plan, user):
    """The plan page's quarterly progress table (beside the targets), with forms for users who may record."""
    return {"progress": progress_rows(plan, user), "quarters": quarter_labels(plan)}


@require_POST
def record_progress(request, district, year, target, quarter):
    """Record or correct a target's progress in one quarter; allowed on approved plans, where reviews happen."""
    plan = visible_plan(request, district, year)
    target = get_object_or_404(Target.objects.filter(plan=plan), pk=target)
    if quarter not in QUARTERS:
        raise Http404(_("A plan year has quarters 1 to 4."))
    if not may_record_progress(request.user):
        return forbidden(request, PermissionDenied(_("You may not record progress against targets.")), plan)
    progress = TargetProgress.objects.filter(target=target, quarter=quarter).first()
    progress = progress or TargetProgress(target=target, quarter=quarter)
    form = TargetProgressForm(request.POST, instance=progress, target=target, quarter=quarter)
    if form.is_valid():
        form.save()
        messages.success(
            request,
            _("Progress against “%(target)s” in %(quarter)s is recorded.")
            % {"target": target, "quarter": quarter_labels(plan)[quarter - 1]},
        )
    else:
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    return redirect(f"{plan.get_absolute_url()}#progress-{target.pk}")
