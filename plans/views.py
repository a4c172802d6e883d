"""The portal: the plans a user may see, each plan read as its document, CSV exports and comparisons.

Every view starts from `visible_to(request.user)`, so another district's plan answers 404 like a plan
that does not exist. Figures come from the section apps' figures modules, the same ones the PDF uses.
Workflow steps and next year's plan are POSTs that call the services of `workflow` and `rollover`, which
decide who may act; the views only report the outcome.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, OuterRef, When
from django.db.models.functions import Greatest
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from crime_stats.figures import crime_table, latest_figures
from crime_stats.models import CrimeFigure, OperationalResult
from initiatives.models import NarrativeSection, Objective, Target, TargetProgress
from logistics.models import StockItem, StockStatement, VehicleCount
from plans import exports, rollover, workflow
from plans.charts import crime_trend_svg
from plans.consistency import run_checks
from plans.document import CHAPTERS, load_chapter
from plans.figures import plan_rows_sum
from plans.forms import (
    CrimeSpanForm,
    OverviewForm,
    PlanFilterForm,
    PlanPairForm,
    TargetProgressForm,
    WorkflowStepForm,
    fiscal_year_label,
)
from plans.models import (
    AnnualPlan,
    BudgetAllocation,
    District,
    DistrictProfile,
    PlaceOfWorship,
    PlanValue,
    Responsibility,
    SectShare,
    Unit,
    WorkflowAction,
    parse_fiscal_year,
)
from plans.overview import QUARTERS, district_overview, quarter_labels, target_progress_table
from plans.statuses import with_workflow_state
from strength.models import Cadre, FieldOrganisation, StrengthEntry

PLANS_PER_PAGE = 25


def with_key_figures(plans):
    """Plans annotated with the strength of table b (executive and legal ranks) and the last two crime years."""
    police = {"rank__cadre__in": [Cadre.EXECUTIVE, Cadre.LEGAL]}
    return plans.select_related("district__region").annotate(
        sanctioned=plan_rows_sum(StrengthEntry, "sanctioned", **police),
        present=plan_rows_sum(StrengthEntry, "present", **police),
        short=plan_rows_sum(StrengthEntry, Greatest(F("sanctioned") - F("present"), 0), **police),
        crime_last=plan_rows_sum(CrimeFigure, "cases", year=OuterRef("crime_last_year")),
        crime_previous=plan_rows_sum(CrimeFigure, "cases", year=OuterRef("crime_last_year") - 1),
        crime_change=Case(
            When(crime_first_year__lt=F("crime_last_year"), then=F("crime_last") - F("crime_previous")),
            default=None,
            output_field=IntegerField(),
        ),
    )


@login_required
def home(request):
    form = PlanFilterForm(request.GET or None, user=request.user)
    plans = form.filter(with_workflow_state(with_key_figures(AnnualPlan.objects.visible_to(request.user))))
    page = Paginator(plans, PLANS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number),
        "filtered": form.has_changed(),
    }
    return render(request, "portal/home.html", context)


@login_required
def overview(request):
    """Reviewers' overview: each district in scope with its plan's status, strength and crime, and totals."""
    form = OverviewForm(request.GET or None, user=request.user)
    year_start = form.cleaned_data.get("year") if form.is_valid() else None
    return render(
        request, "portal/overview.html", {"form": form, "overview": district_overview(request.user, year_start)}
    )


def visible_plan(request, district, year):
    """The user's plan of `district` for fiscal year `year` ("2023-2024"), or 404."""
    try:
        year_start = parse_fiscal_year(year)
    except ValueError as error:
        raise Http404(str(error)) from error
    return get_object_or_404(
        AnnualPlan.objects.visible_to(request.user).select_related("district__region"),
        district__slug=district,
        year_start=year_start,
    )


# The models each part of the document is edited through in the admin, in the order they appear in it.
PART_MODELS = {
    "cover": [AnnualPlan],
    "message": [AnnualPlan],
    "responsibilities": [PlanValue, Responsibility],
    "district-detail": [Unit],
    "vital-statistics": [DistrictProfile, SectShare, PlaceOfWorship],
    "strength": [FieldOrganisation, StrengthEntry],
    "vehicles": [VehicleCount],
    "objectives": [Objective],
    "performance": [CrimeFigure, OperationalResult],
    "targets": [Target],
    "financial-resources": [BudgetAllocation],
    "closing": [AnnualPlan],
}
# Parts named after one object ("stock-12", "section-4") are edited on that object's own admin page.
PART_OBJECTS = {"stock": StockStatement, "section": NarrativeSection}


@dataclass
class AdminLink:
    label: str
    url: str


def may_change(user, model):
    opts = model._meta
    return admin.site.is_registered(model) and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def admin_url(name, *args):
    try:
        return reverse(f"admin:{name}", args=args)
    except NoReverseMatch:
        return None


def plan_inline_prefix(model):
    """The formset prefix of `model` as an inline of the plan's admin page, or None when it is not one."""
    if not admin.site.is_registered(AnnualPlan):
        return None
    for inline in admin.site.get_model_admin(AnnualPlan).inlines:
        if inline.model is model:
            return model._meta.get_field(inline.fk_name or "plan").remote_field.get_accessor_name()
    return None


def model_admin_link(user, plan, model):
    """Where to edit the plan's rows of `model`: an inline of the plan's page, or the filtered list."""
    if not may_change(user, model):
        return None
    plan_change = admin_url("plans_annualplan_change", plan.pk)
    if model is AnnualPlan:
        return AdminLink(_("Edit the plan"), plan_change) if plan_change else None
    label = _("Edit %(items)s") % {"items": model._meta.verbose_name_plural}
    prefix = plan_inline_prefix(model)
    if prefix and plan_change and may_change(user, AnnualPlan):
        return AdminLink(label, f"{plan_change}#{prefix}-group")
    changelist = admin_url(f"{model._meta.app_label}_{model._meta.model_name}_changelist")
    return AdminLink(label, f"{changelist}?plan__exact={plan.pk}") if changelist else None


def part_admin_links(user, plan, part):
    """The admin pages that edit this part of the plan, for a staff user who may change them in a draft."""
    if not user.is_staff or plan.is_locked:
        return []
    kind, _sep, number = part.slug.partition("-")
    model = PART_OBJECTS.get(kind)
    if model is not None and number.isdigit():
        url = admin_url(f"{model._meta.app_label}_{model._meta.model_name}_change", number)
        if url and may_change(user, model):
            return [AdminLink(_("Edit %(item)s") % {"item": part.title}, url)]
        return []
    links = (model_admin_link(user, plan, model) for model in PART_MODELS.get(part.slug, []))
    return [link for link in links if link]


@dataclass
class PlanSection:
    """A part of the document as the plan page shows it, with the portal's tools beside it."""

    part: object
    tables: list
    admin_links: list
    findings: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"part-{self.part.slug}"


def document_sections(plan, user):
    """The parts of `build_document(plan)`, each knowing its chapter so the check's findings find their place.

    A finding names its chapter (an entry of CHAPTERS) and its section by title; within a chapter of
    several parts (the stock statements) it goes to the part its title names, else to the first part.
    """
    chapters = []
    for path in CHAPTERS:
        sections = [
            PlanSection(part, exports.part_tables(part), part_admin_links(user, plan, part))
            for part in load_chapter(path)(plan)
        ]
        chapters.append((path, sections))
    sections_of = dict(chapters)
    unplaced = []
    findings = run_checks(plan)
    for finding in findings:
        candidates = sections_of.get(finding.chapter) or []
        named = [section for section in candidates if str(section.part.title) in finding.section]
        target = (named or candidates or [None])[0]
        (target.findings if target else unplaced).append(finding)
    return [section for _path, sections in chapters for section in sections], findings, unplaced


def plan_history_url(user, plan):
    """The admin's record of every change to the plan (who, when, before and after), for users who may read it."""
    if user.is_staff and user.has_perm("plans.view_annualplan"):
        return admin_url("plans_annualplan_history", plan.pk)
    return None


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


@login_required
def plan_detail(request, district, year):
    plan = visible_plan(request, district, year)
    sections, findings, unplaced = document_sections(plan, request.user)
    next_year = plan.year_start + 1
    next_plan = (
        AnnualPlan.objects.visible_to(request.user)
        .select_related("district")
        .filter(district=plan.district, year_start=next_year)
        .first()
    )
    context = {
        "plan": plan,
        "sections": sections,
        "progress": progress_rows(plan, request.user),
        "quarters": quarter_labels(plan),
        "findings": findings,
        "errors": [finding for finding in findings if finding.is_error],
        "unplaced": unplaced,
        "events": plan.workflow_events.select_related("actor"),
        "history_url": plan_history_url(request.user, plan),
        "workflow_forms": [WorkflowStepForm(action=action) for action in workflow.allowed_actions(request.user, plan)],
        "next_plan": next_plan,
        "next_year": fiscal_year_label(next_year),
        "may_start_next_year": next_plan is None and rollover.may_start_next_year(request.user, plan),
        "may_prepare": rollover.may_prepare(request.user, plan),
    }
    return render(request, "portal/plan_detail.html", context)


# The workflow's steps from the plan page: each a POST that calls the service and comes back with a message.
WORKFLOW_SERVICES = {
    WorkflowAction.SUBMIT: workflow.submit,
    WorkflowAction.RETURN: workflow.return_to_draft,
    WorkflowAction.APPROVE: workflow.approve,
}


def forbidden(request, error, plan):
    """The portal's 403 page, saying why (the services' PermissionDenied messages are written for users)."""
    return render(request, "portal/403.html", {"reason": str(error), "plan": plan}, status=403)


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


@login_required
@require_POST
def workflow_step(request, district, year, action):
    """Submit, return or approve the plan, as `workflow` allows this user now."""
    plan = visible_plan(request, district, year)
    form = WorkflowStepForm(request.POST, action=action)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["comment"]))
        return redirect(plan)
    try:
        WORKFLOW_SERVICES[action](plan, request.user, form.cleaned_data["comment"])
    except PermissionDenied as error:
        return forbidden(request, error, plan)
    except ValidationError as error:  # WorkflowError included: a step the status or the check refuses
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, step_done_message(plan, action))
    return redirect(plan)


@login_required
@require_POST
def start_next_year(request, district, year):
    """Start next year's draft from this plan and go to it."""
    plan = visible_plan(request, district, year)
    try:
        new_plan = rollover.start_next_year(plan, request.user)
    except PermissionDenied as error:
        return forbidden(request, error, plan)
    except ValidationError as error:
        messages.error(request, refusal_message(error))
        return redirect(plan)
    messages.success(
        request,
        _("%(plan)s is started from %(year)s as a draft: check what was carried forward and enter the new figures.")
        % {"plan": new_plan, "year": plan.fiscal_year},
    )
    return redirect("plans:plan-carried-forward", new_plan.district.slug, new_plan.fiscal_year)


@login_required
def approved_pdf(request, district, year):
    """The PDF as it was approved, through the user's scope (media files are not served to the public)."""
    plan = visible_plan(request, district, year)
    if not plan.approved_pdf:
        raise Http404(_("This plan has no approved PDF."))
    filename = f"{plan.district.slug}-{plan.fiscal_year}-approved.pdf"
    return FileResponse(plan.approved_pdf.open("rb"), as_attachment=True, filename=filename)


@login_required
def plan_csv(request, district, year, table):
    plan = visible_plan(request, district, year)
    rows = exports.plan_table(plan, table)
    if rows is None:
        raise Http404(_("The plan has no table %(table)s.") % {"table": table})
    return exports.csv_response(rows, f"{plan.district.slug}-{plan.fiscal_year}-{table}.csv")


def visible_district(request, slug):
    return get_object_or_404(District.objects.visible_to(request.user).select_related("region"), slug=slug)


@dataclass
class SpanRow:
    """A crime head over the chosen years, with its change from the first year of the span to the last."""

    row: object

    @property
    def span_change(self):
        if self.row.cases[0] is None or self.row.cases[-1] is None or len(self.row.cases) < 2:
            return None
        return self.row.cases[-1] - self.row.cases[0]

    @property
    def span_percent(self):
        change = self.span_change
        if change is None or not self.row.cases[0]:
            return None
        return (Decimal(100 * change) / self.row.cases[0]).quantize(Decimal("0.1"))


@login_required
def compare_crime(request, district):
    """One district's crime heads over any span of years, put together from all its plans.

    Two plans often report the same calendar year (a plan shows three years); the later plan wins, as
    it carries the figures as they stood later.
    """
    district = visible_district(request, district)
    plans = AnnualPlan.objects.visible_to(request.user).filter(district=district)
    figures = list(
        CrimeFigure.objects.filter(plan__in=plans)
        .select_related("head", "plan__district")
        .order_by("plan__year_start", "pk")
    )
    sources = {figure.year: figure.plan for figure in figures}
    years = sorted(sources)
    context = {"district": district, "years": years}
    if years:
        form = CrimeSpanForm(request.GET or None, years=years, initial={"first": years[0], "last": years[-1]})
        first, last = years[0], years[-1]
        if form.is_bound and form.is_valid():
            first, last = form.cleaned_data["first"], form.cleaned_data["last"]
        span = list(range(first, last + 1))
        table = crime_table(latest_figures(figures), span)
        context.update(
            form=form,
            table=table,
            rows=[SpanRow(row) for row in table.rows],
            total=SpanRow(table.total),
            chart=crime_trend_svg(table),
            sources=[(year, sources.get(year)) for year in span],
        )
    return render(request, "portal/compare_crime.html", context)


@dataclass
class Cell:
    earlier: object
    later: object

    @property
    def difference(self):
        if self.earlier is None or self.later is None:
            return None
        return self.later - self.earlier

    @property
    def changed(self):
        return self.earlier != self.later


@dataclass
class ComparedRow:
    """A row of a reference list (rank, equipment type, budget head) with its values in both plans."""

    item: object
    cells: list

    @property
    def changed(self):
        return any(cell.changed for cell in self.cells)

    @property
    def status(self):
        if all(cell.earlier is None for cell in self.cells):
            return "added"
        if all(cell.later is None for cell in self.cells):
            return "dropped"
        return "changed" if self.changed else ""


def compare_rows(earlier, later, key, columns):
    """Match the rows of two plans by `key` (a reference-list object) and pair up their `columns`.

    `earlier` and `later` are lists of rows already in the order of the reference list; a row found in
    only one plan keeps its place, with blanks for the other year.
    """
    items, before, after = {}, {}, {}
    for rows, values in ((earlier, before), (later, after)):
        for row in rows:
            item = key(row)
            items.setdefault(item.pk, item)
            values[item.pk] = row
    ordered = sorted(items.values(), key=lambda item: (item.position, item.name))
    compared = []
    for item in ordered:
        a, b = before.get(item.pk), after.get(item.pk)
        cells = [Cell(getattr(a, column) if a else None, getattr(b, column) if b else None) for column in columns]
        compared.append(ComparedRow(item, cells))
    return compared


def totals_row(rows):
    """The sum of each column over compared rows, as a row of cells."""
    if not rows:
        return []
    width = len(rows[0].cells)
    return [
        Cell(
            sum(row.cells[index].earlier or 0 for row in rows),
            sum(row.cells[index].later or 0 for row in rows),
        )
        for index in range(width)
    ]


STRENGTH_COLUMNS = ["sanctioned", "present", "short"]
STOCK_COLUMNS = ["total_stock", "distributed", "at_headquarters", "new_demand"]


def pair_query(query, years):
    """The comparison asked for; a link that names one year ('compare with 2022-2023') gets the year before it."""
    query = query.copy()
    for missing, given in (("a", "b"), ("b", "a")):
        year = query.get(given, "")
        if not query.get(missing) and year.isdigit() and int(year) in years:
            others = [other for other in years if other != int(year)]
            before = [other for other in others if other < int(year)]
            query[missing] = str(before[-1] if before else others[0])
    return query


@login_required
def compare_plans(request, district):
    """Two fiscal years' plans of one district side by side: strength, stock and budget, and what changed."""
    district = visible_district(request, district)
    plans = {plan.year_start: plan for plan in AnnualPlan.objects.visible_to(request.user).filter(district=district)}
    years = sorted(plans)
    context = {"district": district, "years": years}
    if len(years) < 2:
        return render(request, "portal/compare_plans.html", context)
    form = PlanPairForm(pair_query(request.GET, years) or None, years=years, initial={"a": years[-2], "b": years[-1]})
    a, b = years[-2], years[-1]
    if form.is_bound and form.is_valid():
        a, b = sorted([form.cleaned_data["a"], form.cleaned_data["b"]])
    earlier, later = plans[a], plans[b]

    def rows_of(queryset, plan_lookup):
        by_plan = {earlier.pk: [], later.pk: []}
        for row in queryset.filter(**{f"{plan_lookup}__in": [earlier.pk, later.pk]}):
            by_plan[getattr(row, f"{plan_lookup}_id")].append(row)
        return by_plan[earlier.pk], by_plan[later.pk]

    strength = compare_rows(
        *rows_of(StrengthEntry.objects.select_related("rank"), "plan"),
        key=lambda entry: entry.rank,
        columns=STRENGTH_COLUMNS,
    )
    budget = compare_rows(
        *rows_of(BudgetAllocation.objects.select_related("head"), "plan"),
        key=lambda allocation: allocation.head,
        columns=["amount"],
    )
    stock_items = StockItem.objects.select_related("equipment_type__category", "statement")
    items_a, items_b = [], []
    for item in stock_items.filter(statement__plan__in=[earlier.pk, later.pk]):
        (items_a if item.statement.plan_id == earlier.pk else items_b).append(item)
    categories = {}
    for item in items_a + items_b:
        categories.setdefault(item.equipment_type.category_id, item.equipment_type.category)
    stock = [
        (
            category,
            compare_rows(
                [item for item in items_a if item.equipment_type.category_id == category.pk],
                [item for item in items_b if item.equipment_type.category_id == category.pk],
                key=lambda item: item.equipment_type,
                columns=STOCK_COLUMNS,
            ),
        )
        for category in sorted(categories.values(), key=lambda category: (category.position, category.name))
    ]
    police = [row for row in strength if row.item.cadre != Cadre.MINISTERIAL]
    context.update(
        form=form,
        earlier=earlier,
        later=later,
        police=police,
        police_total=totals_row(police),
        ministerial=[row for row in strength if row.item.cadre == Cadre.MINISTERIAL],
        stock=stock,
        budget=budget,
        budget_total=totals_row(budget),
        labels={"a": fiscal_year_label(a), "b": fiscal_year_label(b)},
        strength_labels=[_("Sanctioned"), _("Present"), _("Short")],
        stock_labels=[_("Total stock"), _("Distributed to police stations"), _("Present at HQ"), _("New demand")],
        budget_labels=[_("Amount (Rs.)")],
    )
    return render(request, "portal/compare_plans.html", context)


@login_required
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
