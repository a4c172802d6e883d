"""A province's (or a region's) compendium: the approved plans of one fiscal year, together.

Two files. One PDF: a cover, a contents page naming each district's plan and the page it starts on, then the
plans one after another, with a bookmark per district (under its region, for a province) and under it the
plan's own bookmarks. And a zip of the individual approved PDFs exactly as they were kept at approval (signed,
where the office signs), with their SHA-256 sums: merging PDFs into one drops their signatures, the zip keeps
them.

A compendium is made by a job. Each district's part is a Celery task of its own (`publication.tasks.
compendium_part`: the approved PDF as kept, or the plan printed now when none was kept), so several workers
share the work; a chord assembles the two files when every part is done (`assemble_compendium`). The job lives
in the cache (its state, and a count of the parts done for the progress page); its files in the default storage
under compendium/<job>/. The job's id follows from the scope, the year and the approved PDFs, so asking again for
the same compendium finds the job that makes or made it.
"""

import hashlib
import io
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter

from plans import pdf as plan_pdf
from plans.models import (
    AnnualPlan,
    District,
    PlanStatus,
    Province,
    Region,
    WorkflowAction,
    WorkflowEvent,
    fiscal_year_label,
)
from plans.workflow import approved_pdf_name

JOB_SECONDS = 7 * 24 * 60 * 60
# What the front matter's page numbers read before they are known: as wide as the real ones.
PLACEHOLDER_PAGE = 9999


class NoApprovedPlans(ValueError):
    """The scope has no approved plan for the year: there is nothing to put together."""


# The scope and its plans -----------------------------------------------------------------------------------


def find_scope(slug):
    """The province or region with this slug, or None (a province's slug first)."""
    province = Province.objects.filter(slug=slug).first()
    return province or Region.objects.select_related("province").filter(slug=slug).first()


def scope_filter(scope, prefix="district__"):
    """The lookup that keeps a province's (or a region's) districts, from a model `prefix` away from District."""
    if isinstance(scope, Province):
        return {f"{prefix}region__province": scope}
    return {f"{prefix}region": scope}


def scope_title(scope):
    """'Punjab', or 'Region North, Punjab'."""
    if isinstance(scope, Province):
        return scope.name
    return _("Region %(region)s, %(province)s") % {"region": scope.name, "province": scope.province.name}


def approved_plans(scope, year_start):
    """The scope's approved plans of the year, by region and district."""
    return (
        AnnualPlan.objects.filter(status=PlanStatus.APPROVED, year_start=year_start, **scope_filter(scope))
        .select_related("district__region__province")
        .order_by("district__region__name", "district__name")
    )


def districts_without_plan(scope, year_start):
    """The scope's districts that have no approved plan for the year (listed in the contents)."""
    return (
        District.objects.filter(**scope_filter(scope, prefix=""))
        .exclude(plans__year_start=year_start, plans__status=PlanStatus.APPROVED)
        .order_by("region__name", "name")
    )


# The job -------------------------------------------------------------------------------------------------


def job_key(job_id):
    return f"compendium:{job_id}"


def done_key(job_id):
    return f"compendium:{job_id}:done"


def job_id_for(scope, plans):
    """The same id for the same scope, year and approved files."""
    parts = [type(scope).__name__, str(scope.pk), *(f"{plan.pk}:{plan.approved_pdf_sha256}" for plan in plans)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def get_job(job_id):
    """The job as kept in the cache, with `done` (parts finished) and `percent`; None when unknown."""
    job = cache.get(job_key(job_id))
    if job is None:
        return None
    done = cache.get(done_key(job_id)) or 0
    percent = 100 if job["state"] == "ready" else int(90 * done / max(job["total"], 1))
    return {**job, "done": done, "percent": percent}


def update_job(job_id, **changes):
    job = cache.get(job_key(job_id))
    if job is not None:
        cache.set(job_key(job_id), {**job, **changes}, JOB_SECONDS)


def start(scope, year_start, run=None):
    """Start the compendium of the scope's approved plans of the year, or find the job that made or makes it.

    `run` runs the Celery workflow (default: `apply_async`, i.e. on the workers, or here without a broker).
    NoApprovedPlans when there is no approved plan to put together.
    """
    from celery import chord

    from publication.tasks import assemble_compendium, compendium_part

    plans = list(approved_plans(scope, year_start))
    if not plans:
        raise NoApprovedPlans(
            _("%(scope)s has no approved plan for %(year)s.")
            % {"scope": scope_title(scope), "year": fiscal_year_label(year_start)}
        )
    job_id = job_id_for(scope, plans)
    existing = get_job(job_id)
    if existing and existing["state"] != "failed" and files_exist(existing):
        return existing
    job = {
        "id": job_id,
        "scope_kind": type(scope).__name__.lower(),
        "scope_id": scope.pk,
        "scope_slug": scope.slug,
        "scope_title": scope_title(scope),
        "year_start": year_start,
        "year": fiscal_year_label(year_start),
        "plan_ids": [plan.pk for plan in plans],
        "total": len(plans),
        "state": "queued",
        "language": translation.get_language() or "en",
        "started": timezone.now().isoformat(),
        "error": "",
        "pdf": "",
        "zip": "",
        "pages": 0,
    }
    if not cache.add(job_key(job_id), job, JOB_SECONDS):  # another request started it just now
        if (current := get_job(job_id)) and current["state"] != "failed" and files_exist(current):
            return current
        cache.set(job_key(job_id), job, JOB_SECONDS)
    cache.set(done_key(job_id), 0, JOB_SECONDS)
    workflow = chord((compendium_part.si(job_id, plan.pk) for plan in plans), assemble_compendium.s(job_id))
    (run or (lambda signature: signature.apply_async()))(workflow)
    return get_job(job_id)


def files_exist(job):
    """A ready job's files are still in the storage (a job still running has none yet)."""
    return job["state"] != "ready" or all(default_storage.exists(job[kind]) for kind in ("pdf", "zip"))


@contextmanager
def failing_marks(job_id):
    """An error in a step of the job marks the job failed with its message (and still raises)."""
    try:
        yield
    except Exception as error:
        update_job(job_id, state="failed", error=str(error)[:500])
        raise


# The parts -----------------------------------------------------------------------------------------------


def make_part(job_id, plan_id):
    """One district's part: the file of its approved plan and its page count.

    The approved PDF as kept at approval; for a plan approved before approvals kept a file, the plan printed
    now (as approved, from the cache when printed before).
    """
    update_job(job_id, state="running")
    plan = AnnualPlan.objects.select_related("district").get(pk=plan_id)
    if plan.approved_pdf:
        name = plan.approved_pdf.name
        with default_storage.open(name, "rb") as stored:
            content = stored.read()
    else:
        content = plan_pdf.render_plan_pdf(plan)
        name = default_storage.save(f"compendium/{job_id}/{plan_pdf.pdf_filename(plan)}", ContentFile(content))
    pages = len(PdfReader(io.BytesIO(content)).pages)
    cache.incr(done_key(job_id))
    return {"plan": plan_id, "file": name, "pages": pages, "kept": bool(plan.approved_pdf)}


# The files -----------------------------------------------------------------------------------------------


@dataclass
class Entry:
    """A district's plan in the compendium: where it starts (1-based page of the compendium) and its length."""

    plan: AnnualPlan
    file: str
    pages: int
    kept: bool
    approved: object = None  # the approval's date
    start: int = PLACEHOLDER_PAGE


def entries_of(parts):
    """The parts with their plans and approval dates (three queries however many districts)."""
    plans = (
        AnnualPlan.objects.filter(pk__in=[part["plan"] for part in parts])
        .select_related("district__region__province")
        .in_bulk()
    )
    approvals = WorkflowEvent.objects.filter(plan__in=plans.keys(), action=WorkflowAction.APPROVE).order_by("created")
    approved = {event.plan_id: event.created for event in approvals}
    return [
        Entry(plans[part["plan"]], part["file"], part["pages"], part["kept"], approved.get(part["plan"]))
        for part in parts
    ]


def render_front(job, entries, missing):
    """The cover and the contents as PDF bytes, with each plan's first page worked out from the front's length."""
    context = {
        "job": job,
        "entries": entries,
        "missing": missing,
        "by_region": job["scope_kind"] == "province",
        "title": _("Annual Policing Plans %(year)s") % {"year": job["year"]},
        "compiled": date_format(timezone.localtime(), "j F Y"),
        "total_pages": 0,
    }
    front = b""
    for _attempt in range(3):  # the page numbers fill the contents; their width may move a line, rarely a page
        front = plan_pdf.write_pdf(render_to_string("publication/compendium_front.html", context))
        start = len(PdfReader(io.BytesIO(front)).pages) + 1
        moved = False
        for entry in entries:
            moved |= entry.start != start
            entry.start = start
            start += entry.pages
        context["total_pages"] = start - 1
        if not moved:
            break
    return front


def copy_outline(writer, reader, offset, parent):
    """The part's own bookmarks under `parent`, pointing at its pages in the compendium."""

    def walk(items, parent):
        last = parent
        for item in items:
            if isinstance(item, list):
                walk(item, last)
                continue
            page = reader.get_destination_page_number(item)
            if page is not None and page >= 0:
                last = writer.add_outline_item(title=item.title, page_number=offset + page, parent=parent)

    walk(reader.outline, parent)


def compendium_pdf(job, entries, front):
    """The front matter and every plan as one PDF, with a bookmark per district (under its region)."""
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front)), import_outline=False)
    writer.add_outline_item(title=_("Contents"), page_number=min(1, len(writer.pages) - 1))  # after the cover
    regions = {}
    for entry in entries:
        with default_storage.open(entry.file, "rb") as stored:
            reader = PdfReader(io.BytesIO(stored.read()))
        offset = len(writer.pages)
        writer.append(reader, import_outline=False)
        parent = None
        if job["scope_kind"] == "province":
            region = entry.plan.district.region
            if region.pk not in regions:
                regions[region.pk] = writer.add_outline_item(title=region.name, page_number=offset)
            parent = regions[region.pk]
        district = writer.add_outline_item(
            title=entry.plan.district.name, page_number=offset, parent=parent, is_open=False
        )
        copy_outline(writer, reader, offset, district)
    names = {"year": job["year"], "scope": job["scope_title"]}
    writer.add_metadata(
        {
            "/Title": _("Annual Policing Plans %(year)s, %(scope)s") % names,
            "/Subject": _("The approved annual policing plans of the districts (Police Order 2002, Article 32)"),
        }
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def compendium_zip(entries):
    """The approved PDFs as kept, each under its usual name, with SHA256SUMS."""
    buffer = io.BytesIO()
    sums = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in entries:
            with default_storage.open(entry.file, "rb") as stored:
                content = stored.read()
            name = approved_pdf_name(entry.plan) if entry.kept else plan_pdf.pdf_filename(entry.plan)
            archive.writestr(name, content)
            sums.append(f"{hashlib.sha256(content).hexdigest()}  {name}\n")
        archive.writestr("SHA256SUMS", "".join(sums))
    return buffer.getvalue()


def base_name(job):
    return f"{slugify(job['scope_slug'])}-annual-policing-plans-{job['year']}"


def assemble(job_id, parts):
    """Put the parts together into the compendium's PDF and zip, and mark the job ready."""
    job = get_job(job_id)
    update_job(job_id, state="assembling")
    scope = (Province if job["scope_kind"] == "province" else Region).objects.get(pk=job["scope_id"])
    entries = entries_of(parts)
    with translation.override(job["language"]):
        front = render_front(job, entries, list(districts_without_plan(scope, job["year_start"])))
        content = compendium_pdf(job, entries, front)
    folder = f"compendium/{job_id}"
    pdf_name = default_storage.save(f"{folder}/{base_name(job)}.pdf", ContentFile(content))
    zip_name = default_storage.save(f"{folder}/{base_name(job)}.zip", ContentFile(compendium_zip(entries)))
    pages = len(PdfReader(io.BytesIO(content)).pages)
    update_job(job_id, state="ready", pdf=pdf_name, zip=zip_name, pages=pages)
    return {"pdf": pdf_name, "zip": zip_name, "pages": pages}
