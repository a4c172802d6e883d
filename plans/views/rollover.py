"""After "Start next year": review the old year in the text, replace it where accepted, see what to enter anew."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plans import rollover
from plans.steps import refusal_message
from plans.views.common import forbidden, visible_plan


@login_required
def carried_forward(request, district, year):
    """GET: each place naming the old year with the text proposed, and what must be entered anew.

    POST: apply the replacements ticked (`replace`, their keys) or `all`, atomically, and come back here.
    """
    plan = visible_plan(request, district, year)
    if not rollover.may_prepare(request.user, plan):
        return forbidden(
            request,
            PermissionDenied(_("You may not change the plan of %(district)s.") % {"district": plan.district}),
            plan,
        )
    if request.method == "POST":
        keys = None if request.POST.get("all") else request.POST.getlist("replace")
        if keys == []:
            messages.error(request, _("Tick the replacements to make, or leave the text as it is."))
            return redirect("plans:plan-carried-forward", plan.district.slug, plan.fiscal_year)
        try:
            applied = rollover.apply_replacements(plan, keys, request.user)
        except ValidationError as error:
            messages.error(request, refusal_message(error))
        else:
            messages.success(
                request,
                ngettext(
                    "The old year is replaced in %(count)s place.",
                    "The old year is replaced in %(count)s places.",
                    len(applied),
                )
                % {"count": len(applied)},
            )
        return redirect("plans:plan-carried-forward", plan.district.slug, plan.fiscal_year)
    context = {
        "plan": plan,
        "replacements": rollover.year_replacements(plan) if not plan.is_locked else [],
        "to_enter": rollover.still_to_enter(plan),
        "old_year": f"{plan.year_start - 1}-{plan.year_start}",
    }
    return render(request, "portal/carried_forward.html", context)
