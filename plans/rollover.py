"""Start next year's plan from this year's ("start 2024-2025 from 2023-2024").

The new draft gets a copy of every row of the plan (text sections, profile, organogram, strength, vehicles,
stock, objectives, targets, budget allocations) with the links between copied rows remapped, and its crime
window moved on by a year; the crime figures of the years the new window still covers come along. Reference
lists belong to the district and are shared, not copied. What is measured for a year is left out, to be
entered afresh: the new crime year, operational results and their recoveries, the figures as printed,
quarterly target progress and the workflow steps; the stock statements' dates are cleared (the check warns
until they are entered). Text that names the old fiscal year or old dates is offered for replacement
(`year_replacements`, `apply_replacements`): the clerk accepts each change, none is made silently.

The copy is generic over the plan-row models (`PlanPart`), so a new section app is carried forward without
a change here; a section names the models whose rows are a year's measurements instead in its `sections.py`
(`not_carried_forward`), the models copied only in part (`carried_in_part`) and the fields a copy leaves
blank, a measurement of the day (`cleared_on_carry`).
This is a service of its own rather than a workflow step: it changes no status and spans every app.
"""

import re
from dataclasses import dataclass
from graphlib import TopologicalSorter

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from plans import registry
from plans.base import PlanPart
from plans.consistency import DATE_IN_TEXT, FISCAL_YEAR_IN_TEXT, TextPlace, excerpt, text_places
from plans.models import AnnualPlan, PlanStatus, Role, fiscal_year_label
from plans.workflow import WorkflowError, ensure_plan_editable


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


def may_prepare(user, plan):
    """The district's clerk or DPO (or a superuser): they prepare the plan."""
    if user.is_superuser:
        return True
    membership = getattr(user, "membership", None)
    return (
        membership is not None
        and membership.role in (Role.CLERK, Role.DPO)
        and membership.district_id == plan.district_id
    )


def may_start_next_year(user, plan):
    """Whether to offer "Start next year": an approved plan, and a user who prepares the district's plans.

    A draft or submitted plan is still this year's work; next year starts from what was approved.
    """
    return plan.status == PlanStatus.APPROVED and may_prepare(user, plan)


def start_next_year(plan, actor):
    """Next year's draft plan of the district, copied from `plan`; refused when that plan exists."""
    if not may_prepare(actor, plan):
        raise PermissionDenied(_("You may not start a plan for %(district)s.") % {"district": plan.district})
    if plan.status != PlanStatus.APPROVED:
        raise WorkflowError(_("%(plan)s is not approved yet: next year starts from an approved plan.") % {"plan": plan})
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
        **{name: getattr(plan, name) for name in AnnualPlan.DOCUMENT_TEXT},
    )
    new_plan._history_user, new_plan._change_reason = user, reason
    new_plan.save()

    new_pk = {AnnualPlan: {plan.pk: new_plan.pk}}  # model -> {old pk: new pk}
    copied, cleared = {}, cleared_on_carry()
    for model in carried_models():
        rows = model.objects.filter(**{model.plan_path: plan})
        carried_if = carried_in_part().get(model._meta.label)
        if carried_if is not None:
            rows = rows.filter(carried_if(new_plan))
        rows = list(rows.order_by("pk"))
        new_pk[model] = {}
        links = remapped_fields(model)
        # Rows of a tree (units, nested points) are copied level by level, parents first.
        while rows:
            ready = [row for row in rows if all(_is_mapped(row, attname, links, new_pk) for attname in links)]
            if not ready:
                raise ValueError(f"{model._meta.label} rows of {plan} point to rows outside the plan.")
            copies = [_copy(row, links, new_pk, cleared) for row in ready]
            bulk_create_with_history(copies, model, default_user=user, default_change_reason=reason)
            new_pk[model].update((row.pk, copy.pk) for row, copy in zip(ready, copies, strict=True))
            ready_pks = {row.pk for row in ready}
            rows = [row for row in rows if row.pk not in ready_pks]
        copied[model] = len(new_pk[model])
    return new_plan, copied


def _is_mapped(row, attname, links, new_pk):
    old = getattr(row, attname)
    return old is None or old in new_pk.get(links[attname], {})


def carried_in_part():
    """{model label: the rows to copy, given next year's plan}: the sections' `carried_in_part`."""
    return {label: rows for section in registry.sections() for label, rows in section.carried_in_part}


def cleared_on_carry():
    """{model label: the fields a copy leaves blank}: the sections' `cleared_on_carry`."""
    return {label: names for section in registry.sections() for label, names in section.cleared_on_carry}


def _copy(row, links, new_pk, cleared):
    values = {
        field.attname: getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if not field.primary_key and not getattr(field, "generated", False)
    }
    for attname, target in links.items():
        if values[attname] is not None:
            values[attname] = new_pk[target][values[attname]]
    for name in cleared.get(row._meta.label, ()):
        values[name] = None
    return type(row)(**values)


# --- after the copy: the old year in the text, and what must be entered anew ------------------------------


@dataclass(frozen=True)
class Replacement:
    """One text field of the new plan that names the old fiscal year or old dates, and the text proposed."""

    place: TextPlace
    new_text: str
    changes: tuple  # (old, new) of each mention, in the order of the text

    @property
    def key(self):
        return self.place.key

    @property
    def context(self):
        """The words around the first mention, so the clerk can tell this year's plan from a past year."""
        start = self.place.text.find(self.changes[0][0])
        return excerpt(self.place.text, start, start + len(self.changes[0][0]))


def shifted_fiscal_year(match):
    """'2023-2024' -> '2024-2025', keeping how the year is written ('2023-24', '2023/24')."""
    first, second = int(match[1]), match[2]
    new_second = str(int(second) + 1) if len(second) == 4 else f"{(int(second) + 1) % 100:02d}"
    return match[0].replace(match[1], str(first + 1), 1)[: -len(second)] + new_second


def shifted_date(match):
    """A date moved on by a year, written as it was; 29 February becomes 28 February."""
    day, month, year = int(match[1]), int(match[3]), int(match[4])
    if (day, month) == (29, 2):
        day = 28
    separator = match[2]
    return f"{day:0{len(match[1])}d}{separator}{month:0{len(match[3])}d}{separator}{year + 1}"


def proposed_text(text, old_year_start):
    """(new text, changes): the old fiscal year, the old plan year after "year", dates before the new year moved on."""
    changes = []

    def fiscal(match):
        first, second = int(match[1]), match[2]
        if first != old_year_start or int(second[-2:]) != (first + 1) % 100:
            return match[0]
        new = shifted_fiscal_year(match)
        changes.append((match[0], new))
        return new

    def plan_year(match):
        new = f"{match[1]}{old_year_start + 1}"
        changes.append((match[0], new))
        return new

    def dated(match):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
        if not (1 <= day <= 31 and 1 <= month <= 12) or (year, month, day) >= (old_year_start + 1, 7, 1):
            return match[0]
        if year < old_year_start:  # a date of history ("established 01.01.1995"), not of last year's plan
            return match[0]
        new = shifted_date(match)
        changes.append((match[0], new))
        return new

    text = FISCAL_YEAR_IN_TEXT.sub(fiscal, text)
    text = re.compile(rf"(\b(?:year|session)\s+){old_year_start}(?![\d/–-])", re.IGNORECASE).sub(plan_year, text)
    text = DATE_IN_TEXT.sub(dated, text)
    return text, tuple(changes)


def text_sources():
    """Every app's `TEXT_SOURCES`: the plan's text as the consistency check reads it."""
    return [source for section in registry.sections() for source in section.text_sources]


def year_replacements(plan):
    """Each text field of `plan` that names the previous fiscal year or its dates, with the text proposed."""
    old_year_start = plan.year_start - 1
    replacements = []
    for place in text_places(plan, text_sources()):
        new_text, changes = proposed_text(place.text, old_year_start)
        if changes:
            replacements.append(Replacement(place, new_text, changes))
    return replacements


@transaction.atomic
def apply_replacements(plan, keys, user=None):
    """Apply the replacements named by `keys` (all of them when None), recomputed from the text as it is now.

    All or nothing: a key that no longer matches a proposal (the text changed meanwhile) refuses the lot.
    Returns the replacements applied.
    """
    plan = AnnualPlan.objects.select_for_update().get(pk=plan.pk)
    ensure_plan_editable(plan)
    proposals = {replacement.key: replacement for replacement in year_replacements(plan)}
    keys = list(proposals) if keys is None else list(dict.fromkeys(keys))
    unknown = [key for key in keys if key not in proposals]
    if unknown:
        raise WorkflowError(
            _("The text has changed since the replacements were proposed; nothing was replaced. Review them again.")
        )
    reason = _("Years replaced after carrying forward")
    applied = [proposals[key] for key in keys]
    for replacement in applied:
        row = type(replacement.place.row).objects.get(pk=replacement.place.row.pk)
        setattr(row, replacement.place.field, replacement.new_text)
        row._history_user, row._change_reason = user, reason
        row.full_clean()
        row.save()
    return applied


@dataclass(frozen=True)
class ToEnter:
    """Something next year's plan must have entered anew, where and how much."""

    what: str
    section: str


def still_to_enter(plan):
    """What a plan carried forward still lacks of the year's measurements, in document order: each section's
    `to_enter_anew(plan)` (the new crime year, operational results, stock dates ...). Empty once all are
    entered; each section answers from a fixed number of queries."""
    sections = [section for section in registry.sections() if section.to_enter_anew and section.chapters]
    sections.sort(key=lambda section: min(chapter.position for chapter in section.chapters))
    return [item for section in sections for item in section.to_enter_anew(plan)]
