"""The compendium in the portal, for the users of a province or a region (and superusers), under /compendium/.

The first page lists the years whose approved plans the user's province and regions have; a button starts the
compendium (or finds the one made already). The job's page shows its progress while workers put it together,
then the PDF and the zip to download.
"""

from collections import Counter
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db.models import Count
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from plans.models import AnnualPlan, District, PlanStatus, Province, Region, fiscal_year_label
from plans.pdf import RETRY_AFTER_SECONDS
from publication import compendium


def compendium_scopes(user):
    """The provinces and regions whose compendium the user may make: those of their membership, all for superusers."""
    if not user.is_authenticated:
        return []
    membership = getattr(user, "membership", None)
    if user.is_superuser:
        provinces = Province.objects.all()
    elif membership is not None and membership.province_id:
        provinces = Province.objects.filter(pk=membership.province_id)
    elif membership is not None and membership.region_id:
        return list(Region.objects.select_related("province").filter(pk=membership.region_id))
    else:
        return []
    scopes = []
    for province in provinces.prefetch_related("regions"):
        scopes += [province, *province.regions.all()]
    return scopes


def scope_key(scope):
    return f"{type(scope).__name__.lower()}-{scope.pk}"


def allowed_scopes(request):
    scopes = compendium_scopes(request.user)
    if not scopes:
        raise PermissionDenied(_("The compendium is for the users of a province or a region."))
    return {scope_key(scope): scope for scope in scopes}


def scope_rows(scopes):
    """Per fiscal year with approved plans, newest first, each scope with its approved plans and its districts."""
    regions = [scope for scope in scopes if isinstance(scope, Region)]
    approved = Counter()
    for row in (
        AnnualPlan.objects.filter(status=PlanStatus.APPROVED, district__region__in=regions)
        .values("district__region", "year_start")
        .annotate(count=Count("pk"))
    ):
        approved[row["district__region"], row["year_start"]] = row["count"]
    districts = dict(
        District.objects.filter(region__in=regions)
        .values("region")
        .annotate(count=Count("pk"))
        .values_list("region", "count")
    )
    rows = []
    for year_start in sorted({year for _region, year in approved}, reverse=True):
        for scope in scopes:
            members = [scope] if isinstance(scope, Region) else [r for r in regions if r.province_id == scope.pk]
            count = sum(approved[region.pk, year_start] for region in members)
            if count:
                rows.append(
                    {
                        "scope": scope,
                        "key": scope_key(scope),
                        "title": compendium.scope_title(scope),
                        "is_province": isinstance(scope, Province),
                        "year_start": year_start,
                        "year": fiscal_year_label(year_start),
                        "approved": count,
                        "districts": sum(districts.get(region.pk, 0) for region in members),
                    }
                )
    return rows


@login_required
def compendium_home(request):
    scopes = allowed_scopes(request)
    return render(request, "publication/compendium.html", {"rows": scope_rows(list(scopes.values()))})


@login_required
@require_POST
def compendium_start(request):
    scopes = allowed_scopes(request)
    scope = scopes.get(request.POST.get("scope", ""))
    try:
        year_start = int(request.POST.get("year", ""))
    except ValueError:
        year_start = None
    if scope is None or year_start is None:
        messages.error(request, _("Choose a province or region of yours and a fiscal year."))
        return redirect("compendium:index")
    try:
        job = compendium.start(scope, year_start)
    except compendium.NoApprovedPlans as error:
        messages.error(request, str(error))
        return redirect("compendium:index")
    return redirect("compendium:job", job_id=job["id"])


def visible_job(request, job_id):
    """The job, if the user may see its scope; else 404."""
    job = compendium.get_job(job_id)
    if job is None or f"{job['scope_kind']}-{job['scope_id']}" not in allowed_scopes(request):
        raise Http404(_("No such compendium."))
    return job


def job_status(job):
    """The job's state with what the progress bar shows."""
    state = job["state"]
    details = {
        "queued": _("%(done)s of %(total)s districts' plans collected.") % job,
        "running": _("%(done)s of %(total)s districts' plans collected.") % job,
        "assembling": _("All %(total)s plans collected; binding them into one document.") % job,
        "ready": ngettext("%(total)s plan, %(pages)s pages.", "%(total)s plans, %(pages)s pages.", job["total"]) % job,
        "failed": job["error"],
    }
    percent = {"assembling": 95, "failed": None}.get(state, job["percent"])
    return {"state": state, "percent": percent, "detail": details.get(state, ""), **job}


@login_required
def compendium_job(request, job_id):
    job = visible_job(request, job_id)
    links = [
        (reverse("compendium:file", args=[job_id, "pdf"]), _("Download the compendium (PDF)")),
        (reverse("compendium:file", args=[job_id, "zip"]), _("Download the approved PDFs (zip)")),
    ]
    context = {
        "job": job,
        "status": job_status(job),
        "status_url": reverse("compendium:status", args=[job_id]),
        "done_links": links,
        "retry_after": RETRY_AFTER_SECONDS,
    }
    return render(request, "publication/compendium_job.html", context)


@login_required
def compendium_status(request, job_id):
    status = job_status(visible_job(request, job_id))
    body = {key: status[key] for key in ("state", "percent", "detail", "done", "total")}
    response = JsonResponse({**body, "retry_after": RETRY_AFTER_SECONDS})
    if status["state"] not in ("ready", "failed"):
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@login_required
def compendium_file(request, job_id, kind):
    job = visible_job(request, job_id)
    if job["state"] != "ready" or kind not in ("pdf", "zip") or not default_storage.exists(job[kind]):
        raise Http404(_("The compendium is not ready."))
    content_type = "application/pdf" if kind == "pdf" else "application/zip"
    filename = f"{compendium.base_name(job)}{Path(job[kind]).suffix}"
    response = FileResponse(default_storage.open(job[kind], "rb"), as_attachment=True, filename=filename)
    response["Content-Type"] = content_type
    return response
