"""Start next year's plan from this year's ("start 2024-2025 from 2023-2024").

The new draft gets a copy of every row of the plan (text sections, profile, organogram, strength, vehicles,
stock, objectives, targets, budget allocations) with the links between copied rows remapped, and its crime
window moved on by a year. Reference lists belong to the district and are shared, not copied. What is
measured for a year is left out, to be entered afresh: crime figures, operational results and their
recoveries, the figures as printed, quarterly target progress and the workflow steps.

The copy is generic over the plan-row models (`PlanPart`), so a new section app is carried forward without
a change here; a section names the models whose rows are a year's measurements instead in its `sections.py`
(`not_carried_forward`).
This is a service of its own rather than a workflow step: it changes no status and spans every app.
"""

from graphlib import TopologicalSorter

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from plans import registry
from plans.base import PlanPart
from plans.models import AnnualPlan, Role, fiscal_year_label
from plans.workflow import WorkflowError

PLAN_FIELDS = (
    "message",
    "responsibilities_intro",
    "responsibilities_lead",
    "closing_text",
    "closing_salutation",
    "signatory_name",
    "signatory_suffix",
    "signatory_designation",
)


def carried_models():
    """The plan-row models copied into next year's plan, each after the models its rows point to."""
    not_carried = {label for section in registry.sections() for label in section.not_carried_forward}
    copied = {
        model for model in registry.models() if issubclass(model, PlanPart) and model._meta.label not in not_carried
    }
    graph = {
        model: {target for target in remapped_fields(model).values() if target not in (model, AnnualPlan)}
        for model in copied
    }
    for model, targets in graph.items():
        missing = targets - copied
        if missing:
            raise LookupError(f"{model._meta.label} points to rows that are not carried forward: {missing}")
    ordered = TopologicalSorter({model: sorted(graph[model], key=str) for model in sorted(copied, key=str)})
    return list(ordered.static_order())


def remapped_fields(model):
    """{attname: target model} of the foreign keys that point into the plan (to the plan or its rows)."""
    return {
        field.attname: field.related_model
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey)
        and (field.related_model is AnnualPlan or issubclass(field.related_model, PlanPart))
    }


def may_start_next_year(user, plan):
    """The district's clerk or DPO (or a superuser): they prepare the plan."""
    if user.is_superuser:
        return True
    membership = getattr(user, "membership", None)
    return (
        membership is not None
        and membership.role in (Role.CLERK, Role.DPO)
        and membership.district_id == plan.district_id
    )


def start_next_year(plan, actor):
    """Next year's draft plan of the district, copied from `plan`; refused when that plan exists."""
    if not may_start_next_year(actor, plan):
        raise PermissionDenied(_("You may not start a plan for %(district)s.") % {"district": plan.district})
    return carry_forward(plan, actor)[0]


@transaction.atomic
def carry_forward(plan, user=None):
    """(next year's plan, {model: rows copied}); `user` is recorded in the history of every new row.

    No permission check: for trusted callers such as the `roll_forward` command.
    """
    plan = AnnualPlan.objects.select_for_update().select_related("district").get(pk=plan.pk)
    year_start = plan.year_start + 1
    if AnnualPlan.objects.filter(district_id=plan.district_id, year_start=year_start).exists():
        raise WorkflowError(
            _("%(district)s already has a plan for %(year)s.")
            % {"district": plan.district, "year": fiscal_year_label(year_start)}
        )
    reason = _("Carried forward from %(year)s") % {"year": plan.fiscal_year}
    new_plan = AnnualPlan(
        district=plan.district,
        year_start=year_start,
        crime_first_year=plan.crime_first_year + 1,
        crime_last_year=plan.crime_last_year + 1,
        **{name: getattr(plan, name) for name in PLAN_FIELDS},
    )
    new_plan._history_user, new_plan._change_reason = user, reason
    new_plan.save()

    new_pk = {AnnualPlan: {plan.pk: new_plan.pk}}  # model -> {old pk: new pk}
    copied = {}
    for model in carried_models():
        rows = list(model.objects.filter(**{model.plan_path: plan}).order_by("pk"))
        new_pk[model] = {}
        links = remapped_fields(model)
        # Rows of a tree (units, nested points) are copied level by level, parents first.
        while rows:
            ready = [row for row in rows if all(_is_mapped(row, attname, links, new_pk) for attname in links)]
            if not ready:
                raise ValueError(f"{model._meta.label} rows of {plan} point to rows outside the plan.")
            copies = [_copy(row, links, new_pk) for row in ready]
            bulk_create_with_history(copies, model, default_user=user, default_change_reason=reason)
            new_pk[model].update((row.pk, copy.pk) for row, copy in zip(ready, copies, strict=True))
            ready_pks = {row.pk for row in ready}
            rows = [row for row in rows if row.pk not in ready_pks]
        copied[model] = len(new_pk[model])
    return new_plan, copied


def _is_mapped(row, attname, links, new_pk):
    old = getattr(row, attname)
    return old is None or old in new_pk.get(links[attname], {})


def _copy(row, links, new_pk):
    values = {
        field.attname: getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if not field.primary_key and not getattr(field, "generated", False)
    }
    for attname, target in links.items():
        if values[attname] is not None:
            values[attname] = new_pk[target][values[attname]]
    return type(row)(**values)
