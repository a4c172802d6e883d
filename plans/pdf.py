"""The plan as a printed document: HTML from the chapter templates, PDF from WeasyPrint, and a cache.

One call each for the places that hand out the plan: `render_plan_pdf(plan)` gives the bytes (from the
cache while the plan's data is unchanged), `pdf_response(plan)` an HttpResponse with its filename, and
`render_plan_html(plan)` the same document as HTML for the preview. Each takes `with_progress=True` to print
the quarterly progress against the targets in the targets table (a separate cache entry).

The document's language belongs to the plan (`AnnualPlan.print_language`), not to whoever asks for it: each
call renders under `translation.override(plan.print_language)`, so a reader whose portal is in Urdu downloads
an English plan in English, and an Urdu plan prints right to left with its headings in Urdu. `language=`
overrides it for a one-off (`render_plan --language ur`).

WeasyPrint fetches through `asset_fetcher()`, which serves the project's static files and uploaded
media and refuses everything else (remote URLs, other files), so nothing typed into a plan can make
the server read or request anything. WeasyPrint is imported when a PDF is made, not when Django starts.

The cache key carries a data version per plan and per district, replaced by signals on every model of
the plan's section apps (`connect_cache_invalidation`, called from `PlansConfig.ready`). With more than
one server process the cache must be shared (REDIS_URL), or a process may serve a PDF that another
process's edit has made stale.

Off the request path: `pdf_or_schedule(plan)` gives the PDF when it is in the cache and otherwise queues one
render of it for a Celery worker (`plans.tasks.render_pdf`) and gives None; the views then answer 202 with a
status address (`pdf_status`). Only one render of a plan version runs at a time, however many ask: the
renderer holds a lock in the cache and the others wait for its PDF (`single_flight`). A change to a plan's
data schedules a render of it after the edits settle (`schedule_render`, PDF_RENDER_DELAY_SECONDS), so the
next download is ready. Without a broker (CELERY_TASK_ALWAYS_EAGER) the request renders, as before.
"""

import dataclasses
import functools
import mimetypes
import time
import uuid
from contextvars import ContextVar
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.db.transaction import get_connection
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from plans import registry
from plans.document import DocumentOptions, build_document
from plans.models import AnnualPlan, District, PlanStatus, WorkflowAction
from plans.templatetags.bidi import isolated, ltr

# What the document's relative URLs resolve against. Never fetched over the network: the fetcher maps
# its static and media paths to files and refuses the rest (and ".invalid" names never resolve).
DOCUMENT_BASE_URL = "https://plan.invalid/"
# The chapters as on the portal, then the pages, then Urdu text and mirroring for right-to-left documents.
STYLESHEETS = ("chapters/chapters.css", "pdf/plan.css", "pdf/rtl.css")
CACHE_SECONDS = 24 * 60 * 60
_printing = ContextVar("printing_plan", default=False)


class AssetRefused(ValueError):
    """A URL the document may not load."""


# Assets -----------------------------------------------------------------------------------------------


def plain_relative(name):
    """Whether `name` is a relative path that cannot climb out of the directory it is looked up in."""
    return bool(name) and not PurePosixPath(name).is_absolute() and ".." not in PurePosixPath(name).parts


def inside(root, name):
    """The file `name` under `root` when it exists and stays inside `root` (no '..', no symlink out), else None."""
    if not root or not plain_relative(name):
        return None
    root = Path(root).resolve()
    candidate = (root / name).resolve()
    return candidate if candidate.is_relative_to(root) and candidate.is_file() else None


def asset_roots():
    """Directories whose files the document may embed: MEDIA_ROOT, STATIC_ROOT and STATICFILES_DIRS."""
    static_dirs = [entry[1] if isinstance(entry, tuple | list) else entry for entry in settings.STATICFILES_DIRS]
    return [
        Path(directory).resolve()
        for directory in [settings.MEDIA_ROOT, settings.STATIC_ROOT, *static_dirs]
        if directory
    ]


def url_path(setting_url):
    """The path of STATIC_URL or MEDIA_URL in the document's URLs ('/static/')."""
    return urlsplit(urljoin(DOCUMENT_BASE_URL, str(setting_url))).path


def resolve_asset(url):
    """The local file a document URL stands for; `AssetRefused` for anything that is not ours."""
    parts = urlsplit(url)
    found = None
    if parts.scheme == "file":
        path = Path(unquote(parts.path)).resolve()
        if path.is_file() and any(path.is_relative_to(root) for root in asset_roots()):
            found = path
    elif (parts.scheme, parts.netloc) == urlsplit(DOCUMENT_BASE_URL)[:2]:
        path = unquote(parts.path)
        static_path, media_path = url_path(settings.STATIC_URL), url_path(settings.MEDIA_URL)
        if path.startswith(static_path):
            name = path.removeprefix(static_path)
            found = inside(settings.STATIC_ROOT, name)
            if found is None and plain_relative(name) and (location := finders.find(name)):
                found = Path(location)
        elif path.startswith(media_path):
            found = inside(settings.MEDIA_ROOT, path.removeprefix(media_path))
    if found is None:
        raise AssetRefused(f"Refused to load {url}: the document loads only the project's static and media files.")
    return found


@functools.cache
def fetcher_class():
    """WeasyPrint's URLFetcher narrowed to `resolve_asset` (a class made on first use: importing WeasyPrint is slow)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AssetFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = resolve_asset(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    return AssetFetcher


def asset_fetcher():
    """A URL fetcher for WeasyPrint that serves only the project's static files and uploaded media."""
    return fetcher_class()()


# The document -----------------------------------------------------------------------------------------


def stylesheet():
    """The chapter, page and right-to-left stylesheets, inlined so that the HTML preview looks like the PDF."""
    texts = []
    for name in STYLESHEETS:
        with open(finders.find(name), encoding="utf-8") as handle:
            texts.append(handle.read())
    return mark_safe("\n".join(texts))  # our own static files, not user input


def nested_chapters(parts):
    """The parts as the document prints them: a chapter `printed_within` another inside that chapter's part.

    The Article-32 document prints crime and operational results as one lettered heading of the objectives
    ("g) Performance of District Kasur."). A host part names such a place in its context (`nest_at`); each
    part of a chapter declared `printed_within` the host's chapter is then printed there (the host's
    `nested`), titled by the place, and not again on its own. Without such a place the parts stay as they
    are: the guest prints as a chapter of its own.
    """
    hosts = {}
    for part in parts:
        if part.context.get("nest_at") is not None:
            hosts.setdefault(part.chapter, part)
    within = {
        chapter.slug: hosts[chapter.printed_within]
        for chapter in registry.chapters()
        if chapter.printed_within in hosts
    }
    printed = {id(part): part for part in parts}
    for part in parts:
        if (host := within.get(part.chapter)) is not None:
            place, host_now = host.context["nest_at"], printed[id(host)]
            guest = dataclasses.replace(part, title=place.title, context={**part.context, "printed_within": place})
            nested = [*host_now.context.get("nested", ()), guest]
            printed[id(part)] = guest
            printed[id(host)] = dataclasses.replace(host_now, context={**host_now.context, "nested": nested})
    return [printed[id(part)] for part in parts]


def approval_of(plan):
    """Who approved the plan, on behalf of which authority and when (its approval step); None unless approved."""
    if plan.status != PlanStatus.APPROVED:
        return None
    event = (
        plan.workflow_events.filter(action=WorkflowAction.APPROVE).select_related("actor").order_by("created", "pk")
    ).last()
    if event is None:
        return None
    return {
        "approver": event.actor.get_full_name() or event.actor.get_username(),
        "authority": plan.district.get_approving_authority_display(),
        "date": event.created,
    }


def document_language(plan, language=None):
    """The language the plan is printed in: `language` for a one-off, else the plan's own print language."""
    return language or plan.print_language or settings.LANGUAGE_CODE


def document_context(plan, options=None):
    """Everything the document template needs: the parts in order, metadata, running header and status marks.

    A plan that is not approved carries the DRAFT mark on every page; an approved one its approval block.
    """
    district, year = plan.district.name, plan.fiscal_year
    names = {"district": district, "year": year}
    parts = nested_chapters(build_document(plan, options))
    isolated_names = {"district": isolated(district), "year": ltr(year)}
    return {
        "plan": plan,
        "parts": [(part, Path(part.template).stem) for part in parts],
        "draft_mark": "" if plan.status == PlanStatus.APPROVED else _("DRAFT — not approved"),
        "approval": approval_of(plan),
        "title": _("Annual Policing Plan %(year)s, District %(district)s") % names,
        "author": _("Office of the District Police Officer, %(district)s") % names,
        "subject": _("Annual policing plan under Chapter-IV, Article-32 of Police Order-2002"),
        "keywords": ", ".join([_("annual policing plan"), _("Police Order 2002"), district, year]),
        # Isolated, so that "2023-2024" and a Latin district name keep their order in an Urdu header.
        "running_title": _("District %(district)s · Annual Policing Plan %(year)s") % isolated_names,
        "page_label": _("Page"),
        "of_label": _("of"),
        "stylesheet": stylesheet(),
    }


def printing():
    """Whether the document being rendered is the printed plan (its HTML for WeasyPrint or the preview)."""
    return _printing.get()


def render_plan_html(plan, request=None, with_progress=False, language=None):
    """The plan as one HTML document in its print language, the same one WeasyPrint prints."""
    options = DocumentOptions(with_progress=with_progress)
    token = _printing.set(True)
    try:
        with translation.override(document_language(plan, language)):
            return render_to_string("pdf/plan.html", document_context(plan, options), request=request)
    finally:
        _printing.reset(token)


def write_pdf(html, **options):
    """Print the document's HTML to PDF bytes with the asset fetcher (`options` go to WeasyPrint's write_pdf)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=asset_fetcher()).write_pdf(**options)


def render_plan_pdf(plan, use_cache=True, with_progress=False, language=None):
    """The plan as PDF bytes in its print language; from the cache while nothing in the plan's data has changed.

    With the cache, one caller renders a given version and the others wait for its bytes (`single_flight`).
    """
    language = document_language(plan, language)

    def render():
        return write_pdf(render_plan_html(plan, with_progress=with_progress, language=language))

    if not use_cache:
        return render()
    return single_flight(pdf_cache_key(plan, DocumentOptions(with_progress=with_progress), language), render)


def pdf_filename(plan):
    """'kasur-annual-policing-plan-2023-2024.pdf'."""
    return f"{slugify(plan.district.slug or plan.district.name)}-annual-policing-plan-{plan.fiscal_year}.pdf"


def pdf_response(plan, inline=False, with_progress=False, content=None):
    """An HttpResponse with the plan's PDF in its print language, to download (or show with `inline`).

    `content` is the PDF when the caller has it already; else it is rendered (or taken from the cache) now.
    """
    if content is None:
        content = render_plan_pdf(plan, with_progress=with_progress)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Language"] = document_language(plan)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{pdf_filename(plan)}"'
    return response


# Cache versions ---------------------------------------------------------------------------------------


def version_key(kind, pk):
    return f"plan-pdf-version:{kind}:{pk}"


def pdf_cache_key(plan, options=None, language=None):
    """The cache key of the plan's PDF: its data versions, status, print language, digit grouping and options."""
    keys = [version_key("plan", plan.pk), version_key("district", plan.district_id)]
    versions = cache.get_many(keys)
    for key in keys:
        if key not in versions:
            # A new version when there is none (or it was evicted): never an old PDF for unknown data.
            cache.add(key, uuid.uuid4().hex, None)
            versions[key] = cache.get(key)
    grouping = getattr(settings, "DIGIT_GROUPING", "lakh")
    options = options or DocumentOptions()
    language = document_language(plan, language)
    parts = [*(versions[key] for key in keys), plan.status, language, grouping, options.cache_key]
    return ":".join(["plan-pdf", str(plan.pk), *parts])


class AfterCommit:
    """What `bump` does when the transaction commits: a new version again, and a render scheduled.

    Kept once per plan or district and transaction (`pending`), however many of its rows the transaction
    changes: saving a plan's admin page touches hundreds of rows.
    """

    def __init__(self, kind, pk):
        self.kind, self.pk = kind, pk

    def __call__(self):
        cache.set(version_key(self.kind, self.pk), uuid.uuid4().hex, None)
        schedule_render(self.kind, self.pk)

    def pending(self):
        """Whether the same work already waits for the current transaction to commit."""
        connection = get_connection()
        if not connection.in_atomic_block:
            return False
        return any(
            isinstance(hook, AfterCommit) and (hook.kind, hook.pk) == (self.kind, self.pk)
            for _savepoints, hook, _robust in connection.run_on_commit
        )


def bump(kind, pk):
    """Give a plan (or every plan of a district) a new data version, now and again when the transaction commits.

    The second bump covers a PDF rendered from the old data between the change and its commit; with it a
    new render is scheduled (`schedule_render`).
    """
    cache.set(version_key(kind, pk), uuid.uuid4().hex, None)
    after_commit = AfterCommit(kind, pk)
    if not after_commit.pending():
        transaction.on_commit(after_commit)


def follow(instance, path):
    """The id at the end of a lookup path ('statement__plan' -> the statement's plan_id), or None."""
    *hops, last = path.split("__")
    target = instance
    try:
        for hop in hops:
            target = getattr(target, hop)
    except ObjectDoesNotExist:
        return None
    return target.pk if last == "pk" else getattr(target, f"{last}_id", None)


def invalidate(sender, instance, **kwargs):
    """Signal receiver: the row changed belongs to a plan (bump it) or to a district's lists (bump the district)."""
    if isinstance(instance, AnnualPlan):
        bump("plan", instance.pk)
    elif isinstance(instance, District):
        bump("district", instance.pk)
    elif plan_path := getattr(sender, "plan_path", None):
        if (plan_id := follow(instance, plan_path)) is not None:
            bump("plan", plan_id)
    elif district_path := getattr(sender, "district_path", None):
        if district_path.endswith("plan__district"):
            plan_id = follow(instance, district_path.removesuffix("__district"))
            if plan_id is not None:
                bump("plan", plan_id)
        elif (district_id := follow(instance, district_path)) is not None:
            bump("district", district_id)


def connect_cache_invalidation():
    """Connect `invalidate` to saves and deletes of every model of the plan's apps (not their history)."""
    from simple_history.models import HistoricalChanges

    for model in registry.models():
        if issubclass(model, HistoricalChanges):
            continue
        post_save.connect(invalidate, sender=model, dispatch_uid=f"plan-pdf-save-{model._meta.label}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"plan-pdf-delete-{model._meta.label}")


# Off the request path ---------------------------------------------------------------------------------

POLL_SECONDS = 0.1
RETRY_AFTER_SECONDS = 2


def lock_key(key):
    return f"{key}:lock"


def queued_key(key):
    return f"{key}:queued"


def single_flight(key, produce):
    """The value cached under `key`; when there is none, one caller produces it and the others wait for it.

    The producer holds a lock in the cache (`cache.add`, atomic in Redis) while it works, for at most
    PDF_RENDER_LOCK_SECONDS: a producer that dies lets the next caller take over when its lock expires.
    """
    lock_seconds = settings.PDF_RENDER_LOCK_SECONDS
    while True:
        value = cache.get(key)
        if value is not None:
            return value
        owner = f"{uuid.uuid4().hex}@{time.time():.1f}"  # who holds the lock, since when
        if cache.add(lock_key(key), owner, lock_seconds):
            try:
                value = cache.get(key)  # made by the previous holder between our look and our lock
                if value is None:
                    value = produce()
                    cache.set(key, value, CACHE_SECONDS)
                return value
            finally:
                if cache.get(lock_key(key)) == owner:
                    cache.delete(lock_key(key))
        time.sleep(POLL_SECONDS)


def rendering_eagerly():
    """Whether tasks run in the process that asks (no broker: `make run`, the tests)."""
    return settings.CELERY_TASK_ALWAYS_EAGER


def pdf_or_schedule(plan, with_progress=False):
    """The plan's current PDF when it is ready (or, without a broker, rendered now); else None, a render queued.

    However many ask, one render of a version is queued (a marker in the cache) and one runs (its lock).
    """
    if rendering_eagerly():
        return render_plan_pdf(plan, with_progress=with_progress)
    key = pdf_cache_key(plan, DocumentOptions(with_progress=with_progress))
    content = cache.get(key)
    if content is None:
        queue_render(plan, key, with_progress)
    return content


def queue_render(plan, key, with_progress):
    """Queue one render of the PDF under `key`, unless one is rendering or queued already."""
    from plans.tasks import render_pdf

    if cache.get(lock_key(key)) is None and cache.add(queued_key(key), 1, settings.PDF_RENDER_LOCK_SECONDS):
        render_pdf.delay(plan.pk, with_progress)


def duration_key(plan_id):
    return f"plan-pdf-seconds:{plan_id}"


def pdf_status(plan, with_progress=False):
    """Where the plan's current PDF stands, queueing a render when none is queued or running.

    `state` is 'ready', 'rendering' or 'queued'; `elapsed_seconds` how long the render has run and
    `expected_seconds` how long the plan's last render took (None when unknown), for a progress bar.
    """
    status = {"state": "ready", "elapsed_seconds": None, "expected_seconds": cache.get(duration_key(plan.pk))}
    if rendering_eagerly():
        return status
    key = pdf_cache_key(plan, DocumentOptions(with_progress=with_progress))
    if cache.has_key(key):
        return status
    owner = cache.get(lock_key(key))
    if owner is not None:
        started = float(owner.rpartition("@")[2] or time.time())
        return {**status, "state": "rendering", "elapsed_seconds": round(max(time.time() - started, 0), 1)}
    queue_render(plan, key, with_progress)
    return {**status, "state": "queued"}


def render_scheduled(plan_id, with_progress=False):
    """What a worker does for a queued PDF: render the plan's current version once, then clear the marker.

    How long it took is kept for the progress shown to those who wait for the next one.
    """
    plan = AnnualPlan.objects.select_related("district").filter(pk=plan_id).first()
    if plan is None:
        return None
    key = pdf_cache_key(plan, DocumentOptions(with_progress=with_progress))
    started = time.monotonic()
    try:
        if not cache.has_key(key):
            render_plan_pdf(plan, with_progress=with_progress)
            cache.set(duration_key(plan_id), round(time.monotonic() - started, 1), CACHE_SECONDS)
    finally:
        cache.delete(queued_key(key))
    return key


def scheduled_key(plan_id):
    return f"plan-pdf-scheduled:{plan_id}"


def schedule_render(kind, pk):
    """After a change: render the plan (or the district's plans) once no further change came for a while.

    Each change queues a render with a countdown (PDF_RENDER_DELAY_SECONDS) and a new token; a render whose
    token is no longer the latest does nothing (`render_after_edits`), so a burst of edits renders once.
    Only with a worker (PDF_RENDER_ON_CHANGE): without a broker the next download renders.
    """
    if not settings.PDF_RENDER_ON_CHANGE:
        return
    from plans.tasks import render_after_edits

    plan_ids = [pk] if kind == "plan" else AnnualPlan.objects.filter(district_id=pk).values_list("pk", flat=True)
    for plan_id in plan_ids:
        token = uuid.uuid4().hex
        cache.set(scheduled_key(plan_id), token, CACHE_SECONDS)
        render_after_edits.apply_async((plan_id, token), countdown=settings.PDF_RENDER_DELAY_SECONDS)


def render_if_latest(plan_id, token):
    """Render the plan's PDF if `token` is still its latest scheduled one; 'superseded' or the cache key."""
    if cache.get(scheduled_key(plan_id)) != token:
        return "superseded"
    return render_scheduled(plan_id)
