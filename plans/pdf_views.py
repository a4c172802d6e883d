"""The printed plan on the web: the PDF to download and the same document as HTML, for those who may see the plan.

With a Celery worker the PDF is rendered off the request: `…/pdf/` serves it at once when it is ready and
otherwise answers 202 Accepted with Retry-After and the address of its status (`…/pdf/status/`): JSON for a
client that asks for JSON, else a page that shows the progress and turns into the PDF when it is ready.
Without a broker the request renders and answers 200, as it always did.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from plans.pdf import (
    RETRY_AFTER_SECONDS,
    pdf_or_schedule,
    pdf_response,
    pdf_status,
    render_plan_html,
    rendering_eagerly,
)
from plans.views import visible_plan


def wants_progress(request):
    """`?progress=1` (or true/yes) asks for the quarterly progress against the targets in the targets table."""
    return request.GET.get("progress", "").lower() in {"1", "true", "yes"}


def wants_json(request):
    """Whether the client prefers JSON to HTML (API clients, scripts), by its Accept header."""
    return request.accepts("application/json") and not request.accepts("text/html")


def with_query(url, progress):
    return f"{url}?{urlencode({'progress': 1})}" if progress else url


def described(status):
    """The status with what the progress bar shows: a percentage (estimated from the last render) and a line."""
    elapsed, expected = status["elapsed_seconds"], status["expected_seconds"]
    percent, detail = None, ""
    if status["state"] == "ready":
        percent = 100
    elif status["state"] == "rendering" and elapsed is not None:
        detail = _("Printing for %(elapsed)d s.") % {"elapsed": elapsed}
        if expected:
            percent = min(95, int(100 * elapsed / expected))
            detail += " " + _("The last print of this plan took about %(expected)d s.") % {"expected": expected}
    return {**status, "percent": percent, "detail": detail}


def status_json(status, status_url, pdf_url, code=200):
    """Where a PDF render stands, as JSON, with Retry-After while it is not ready.

    `code=202` is the answer to the PDF's own address while it is rendered: Location names the status.
    """
    body = {**status, "status_url": status_url, "pdf_url": pdf_url, "retry_after": RETRY_AFTER_SECONDS}
    response = JsonResponse(body, status=code)
    if status["state"] != "ready":
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    if code == 202:
        response["Location"] = status_url
    return response


def plan_pdf_urls(plan, progress):
    kwargs = {"district": plan.district.slug, "year": plan.fiscal_year}
    return (
        with_query(reverse("documents:pdf-status", kwargs=kwargs), progress),
        with_query(reverse("documents:pdf", kwargs=kwargs), progress),
    )


def ready_pdf_response(plan, progress):
    """The PDF to answer with now, or None when a worker is rendering it (a render queued, if none was).

    Without a broker the request renders, as it always did, and there is always a PDF.
    """
    if rendering_eagerly():
        return pdf_response(plan, with_progress=progress)
    content = pdf_or_schedule(plan, with_progress=progress)
    return None if content is None else pdf_response(plan, with_progress=progress, content=content)


@login_required
def plan_pdf(request, district, year):
    plan = visible_plan(request, district, year)
    progress = wants_progress(request)
    if (response := ready_pdf_response(plan, progress)) is not None:
        return response
    status = described(pdf_status(plan, with_progress=progress))
    status_url, pdf_url = plan_pdf_urls(plan, progress)
    if wants_json(request):
        return status_json(status, request.build_absolute_uri(status_url), request.build_absolute_uri(pdf_url), 202)
    context = {
        "plan": plan,
        "status": status,
        "status_url": status_url,
        "pdf_url": pdf_url,
        "done_links": [(pdf_url, _("Download the PDF"))],
        "retry_after": RETRY_AFTER_SECONDS,
    }
    response = render(request, "portal/pdf_pending.html", context, status=202)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@login_required
def plan_pdf_status(request, district, year):
    plan = visible_plan(request, district, year)
    progress = wants_progress(request)
    status_url, pdf_url = plan_pdf_urls(plan, progress)
    return status_json(described(pdf_status(plan, with_progress=progress)), status_url, pdf_url)


@login_required
def plan_preview(request, district, year):
    plan = visible_plan(request, district, year)
    return HttpResponse(render_plan_html(plan, request=request, with_progress=wants_progress(request)))
