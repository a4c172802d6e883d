"""What the public may see: approved plans of provinces that publish, with their key figures and approval.

Every public page and endpoint starts from `published_plans()`; a draft, a submitted plan or a plan
returned to draft never appears, nor does any plan of a province that has switched publication off.
Approved plans are locked, so a plan's public figures change only with a new approval: the pages cache
what they render by the approved file's SHA-256 (`plan_cache_key`).
"""

from django.db.models import Case, F, IntegerField, OuterRef, Prefetch, When
from django.http import Http404
from django.utils.translation import get_language

from crime_stats.models import CrimeFigure
from plans.figures import plan_rows_sum
from plans.models import AnnualPlan, BudgetAllocation, PlanStatus, WorkflowAction, WorkflowEvent, parse_fiscal_year
from strength.models import Cadre, StrengthEntry

# "b. Strength" of the document: the executive and legal ranks (the ministerial staff has its own table).
POLICE_CADRES = [Cadre.EXECUTIVE, Cadre.LEGAL]


def published_plans():
    """Approved plans with their approved PDF, of provinces that publish them."""
    return (
        AnnualPlan.objects.filter(status=PlanStatus.APPROVED, district__region__province__publishes_plans=True)
        .exclude(approved_pdf="")
        .exclude(approved_pdf_sha256="")
    )


def with_approval(plans):
    """Plans with their district, region, province and `approvals` (the approval steps, with who took them)."""
    approvals = WorkflowEvent.objects.filter(action=WorkflowAction.APPROVE).select_related("actor").order_by("-created")
    return plans.select_related("district__region__province").prefetch_related(
        Prefetch("workflow_events", queryset=approvals, to_attr="approvals")
    )


def with_key_figures(plans):
    """Plans annotated with strength (table b), crime of the last two crime years and the budget total: one query."""
    police = {"rank__cadre__in": POLICE_CADRES}
    return with_approval(plans).annotate(
        sanctioned=plan_rows_sum(StrengthEntry, "sanctioned", **police),
        present=plan_rows_sum(StrengthEntry, "present", **police),
        crime_last=plan_rows_sum(CrimeFigure, "cases", year=OuterRef("crime_last_year")),
        crime_previous=plan_rows_sum(CrimeFigure, "cases", year=OuterRef("crime_last_year") - 1),
        crime_change=Case(
            When(crime_first_year__lt=F("crime_last_year"), then=F("crime_last") - F("crime_previous")),
            default=None,
            output_field=IntegerField(),
        ),
        budget=plan_rows_sum(BudgetAllocation, "amount"),
    )


def approval_of(plan):
    """The plan's approval step (from `with_approval`), or None."""
    return plan.approvals[0] if getattr(plan, "approvals", None) else None


def published_plan(district, year):
    """The published plan of `district` (slug) for fiscal year `year` ('2023-2024'), or 404."""
    try:
        year_start = parse_fiscal_year(year)
    except ValueError as error:
        raise Http404(str(error)) from error
    plan = with_approval(published_plans()).filter(district__slug=district, year_start=year_start).first()
    if plan is None:
        raise Http404("No published plan of that district and year.")
    return plan


def plan_cache_key(plan, part):
    """A cache key for something rendered from a published plan: its approved file, the part and the language."""
    return f"publication:{part}:{plan.pk}:{plan.approved_pdf_sha256}:{get_language()}"
