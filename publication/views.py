"""The public record: approved plans without a login, their PDFs and tables, open data and verification.

Every view starts from `published.published_plans()`. A plan's tables are rendered once per approved
file and language and then served from the cache; the list costs the same few queries (filter choices,
count, the plans with their figures, their approvals) however many plans there are.
"""

import csv

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from crime_stats.figures import plan_crime_table
from kasur_police.middleware import reads_upload_itself
from logistics.figures import vehicle_table
from plans.models import AnnualPlan, BudgetAllocation, parse_fiscal_year
from plans.workflow import approved_pdf_name
from publication import verification
from publication.filtersets import PublishedPlanFilterSet
from publication.forms import VerifyForm
from publication.published import (
    approval_of,
    plan_cache_key,
    published_plan,
    published_plans,
    with_approval,
    with_key_figures,
)
from publication.report import HALVES, half_year_report, render_report_pdf, report_context, report_filename
from publication.signing import stored_signatures
from publication.tables import TABLES
from strength.figures import strength_figures

PLANS_PER_PAGE = 25
CACHE_SECONDS = 24 * 60 * 60


def plan_list(request):
    filterset = PublishedPlanFilterSet(request.GET or None, queryset=published_plans())
    plans = with_key_figures(filterset.qs).order_by(
        "district__region__province__name", "district__region__name", "district__name", "-year_start"
    )
    page = Paginator(plans, PLANS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number),
        "filtered": filterset.is_bound and any(request.GET.get(name) for name in filterset.filters),
        "tables": TABLES.values(),
    }
    return render(request, "publication/plan_list.html", context)


def plan_tables(plan):
    """The plan's key tables from the section apps' figures: the same numbers the PDF prints."""
    allocations = list(BudgetAllocation.objects.filter(plan=plan).select_related("head"))
    return {
        "plan": plan,
        "strength": strength_figures(plan).police,
        "crime": plan_crime_table(plan),
        "vehicles": vehicle_table(plan),
        "budget": {"allocations": allocations, "total": sum(allocation.amount for allocation in allocations)},
    }


def plan_detail(request, district, year):
    plan = published_plan(district, year)
    key = plan_cache_key(plan, "tables")
    tables = cache.get(key)
    if tables is None:
        tables = render_to_string("publication/_plan_tables.html", plan_tables(plan), request=request)
        cache.set(key, tables, CACHE_SECONDS)
    context = {
        "plan": plan,
        "approval": approval_of(plan),
        "signatures": stored_signatures(plan),
        "tables": tables,
    }
    return render(request, "publication/plan_detail.html", context)


def approved_pdf_response(plan):
    """The approved file as stored, byte for byte, with its SHA-256 in a header."""
    response = FileResponse(plan.approved_pdf.open("rb"), as_attachment=True, filename=approved_pdf_name(plan))
    response["Content-Type"] = "application/pdf"
    response["X-Content-SHA256"] = plan.approved_pdf_sha256
    return response


def plan_pdf(request, district, year):
    return approved_pdf_response(published_plan(district, year))


def table_csv(request, table):
    """One open-data table of the published plans that match the filters, as CSV."""
    open_table = TABLES.get(table)
    if open_table is None:
        raise Http404(_("There is no open-data table %(table)s.") % {"table": table})
    filterset = PublishedPlanFilterSet(request.GET or None, queryset=published_plans())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="approved-plans-{table}.csv"'
    writer = csv.DictWriter(response, fieldnames=open_table.columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(open_table.records(filterset.qs))
    return response


@reads_upload_itself
@csrf_exempt  # the upload handlers must be set before anything reads the body; CSRF is checked below
@require_http_methods(["GET", "POST"])
def verify(request):
    """Upload a PDF and learn whether it is an approved plan and whether its signature holds."""
    request.upload_handlers = [verification.InMemoryUpload(request)]
    return _verify(request)


@csrf_protect
def _verify(request):
    verdict = None
    status = 200
    if request.method == "POST" and verification.too_large(request):
        form = VerifyForm()
        form.add_error(None, _("The file is larger than the limit; it was not read."))
        status = 413
    elif request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if form.is_valid():
            verdict = verification.verify(verification.read_upload(form.cleaned_data["pdf"]))
        else:
            status = 400
    else:
        form = VerifyForm()
    return render(request, "publication/verify.html", {"form": form, "verdict": verdict}, status=status)


def sitemap(request):
    """Every published plan's page and PDF, for search engines."""
    plans = with_approval(published_plans()).order_by("district__name", "-year_start")
    return render(
        request,
        "publication/sitemap.xml",
        {"plans": [(plan, approval_of(plan)) for plan in plans]},
        content_type="application/xml",
    )


# The half-yearly report of Article 44 (portal users within their scope).


def visible_plan(request, district, year):
    """The user's plan of `district` for fiscal year `year`, or 404 (as the portal's plan pages find it)."""
    try:
        year_start = parse_fiscal_year(year)
    except ValueError as error:
        raise Http404(str(error)) from error
    plans = AnnualPlan.objects.visible_to(request.user).select_related("district__region")
    plan = plans.filter(district__slug=district, year_start=year_start).first()
    if plan is None:
        raise Http404(_("No such plan among those you may see."))
    return plan


REPORT_PERMISSIONS = ["plans.view_annualplan", "initiatives.view_targetprogress", "crime_stats.view_crimefigure"]


def report_in_scope(request, district, year, half):
    """The report of the user's plan of `district` and `year` for `half`; 404 outside scope, 403 without permission."""
    if half not in HALVES:
        raise Http404(_("A year has two halves: 1 and 2."))
    if not request.user.has_perms(REPORT_PERMISSIONS):
        raise PermissionDenied(_("You may not read progress reports."))
    return half_year_report(visible_plan(request, district, year), half)


@login_required
def half_year_report_page(request, district, year, half):
    report = report_in_scope(request, district, year, half)
    context = {**report_context(report), "halves": list(HALVES)}
    return render(request, "publication/report_page.html", context)


@login_required
def half_year_report_pdf(request, district, year, half):
    report = report_in_scope(request, district, year, half)
    response = HttpResponse(render_report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report_filename(report)}"'
    return response
