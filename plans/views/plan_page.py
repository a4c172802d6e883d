"""A plan read as its document: every part with its CSV tables, its admin links and its findings.

Every view starts from `visible_to(request.user)`, so another district's plan answers 404 like a plan
that does not exist. The parts come from the registered chapters, the same ones the PDF prints; a section
may add to the page (`plans.registry.Section.plan_page_context`, e.g. the quarterly progress).

The document (every part rendered, its CSV tables, the check's findings) is the costly half of the page and
changes only with the plan's data, so it is cached: the key carries the plan's and its district's data
versions (the PDF's, replaced by a signal on every save or delete of the plan's rows), its status, the
page language and digit grouping, and a digest of the viewer's permissions. The cache is read only after
the scope check, and the live half of the page (workflow, next year, admin links, progress forms) is
built for each request.
"""

import hashlib
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from plans import exports, registry, rollover, workflow
from plans.consistency import run_checks
from plans.document import chapter_parts
from plans.forms import WorkflowStepForm
from plans.models import AnnualPlan, fiscal_year_label
from plans.pdf import pdf_cache_key
from plans.views.common import visible_plan
from plans.views.editors import chapter_edit_url

DOCUMENT_CACHE_SECONDS = 24 * 60 * 60


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
    chapter = registry.chapter(part.chapter)
    if chapter is None:
        return []
    number = part.slug.removeprefix(f"{chapter.part_prefix}-") if chapter.part_prefix else ""
    if number.isdigit():
        model = apps.get_model(chapter.part_model)
        url = admin_url(f"{model._meta.app_label}_{model._meta.model_name}_change", number)
        if url and may_change(user, model):
            return [AdminLink(_("Edit %(item)s") % {"item": part.title}, url)]
        return []
    models = [apps.get_model(label) for label in chapter.edited_with]
    links = (model_admin_link(user, plan, model) for model in models)
    return [link for link in links if link]


@dataclass
class PlanSection:
    """A part of the document as the plan page shows it, with the portal's tools beside it."""

    part: object
    tables: list
    admin_links: list
    findings: list = field(default_factory=list)
    edit_url: str = ""

    @property
    def anchor(self):
        return f"part-{self.part.slug}"


@dataclass
class RenderedPart:
    """A part of the document already rendered, as the cache keeps it; `{% chapter %}` prints its HTML."""

    slug: str
    title: str
    chapter: str
    html: str
    tables: list
    template: str = "portal/includes/rendered_part.html"

    @property
    def context(self):
        return {}


def permissions_digest(user):
    """A short digest of what the user may do: two users with the same permissions share cached documents."""
    permissions = "|".join(sorted(user.get_all_permissions()))
    return hashlib.sha256(f"{user.is_staff}:{user.is_superuser}:{permissions}".encode()).hexdigest()[:16]


def document_cache_key(plan, user):
    return f"plan-page:{pdf_cache_key(plan, language=get_language())}:{permissions_digest(user)}"


def rendered_document(plan, request):
    """(rendered parts, findings of the check): from the cache while the plan's data is unchanged."""
    key = document_cache_key(plan, request.user)
    cached = cache.get(key)
    if cached is None:
        parts = [
            RenderedPart(
                part.slug,
                str(part.title),
                part.chapter,
                render_to_string(part.template, {**part.context, "part": part}, request=request),
                [(slug, str(title)) for slug, title in exports.part_tables(part)],
            )
            for _chapter, parts in chapter_parts(plan)
            for part in parts
        ]
        cached = (parts, run_checks(plan))
        cache.set(key, cached, DOCUMENT_CACHE_SECONDS)
    parts, findings = cached
    for part in parts:
        part.html = mark_safe(part.html)  # noqa: S308 - rendered by the chapter templates, which escape
    return parts, findings


def document_sections(plan, request):
    """The parts of the plan's document, each knowing its chapter so the check's findings find their place.

    A finding names its chapter (a chapter's slug) and its section by title; within a chapter of
    several parts (the stock statements) it goes to the part its title names, else to the first part.
    """
    parts, findings = rendered_document(plan, request)
    sections, sections_of = [], {}
    for part in parts:
        section = PlanSection(part, part.tables, part_admin_links(request.user, plan, part))
        if part.chapter not in sections_of:  # the chapter's editor, from its first part
            section.edit_url = chapter_edit_url(request.user, plan, registry.chapter(part.chapter))
        sections.append(section)
        sections_of.setdefault(part.chapter, []).append(section)
    unplaced = []
    for finding in findings:
        candidates = sections_of.get(finding.chapter) or []
        named = [section for section in candidates if str(section.part.title) in finding.section]
        target = (named or candidates or [None])[0]
        (target.findings if target else unplaced).append(finding)
    return sections, findings, unplaced


def plan_history_url(user, plan):
    """The admin's record of every change to the plan (who, when, before and after), for users who may read it."""
    if user.is_staff and user.has_perm("plans.view_annualplan"):
        return admin_url("plans_annualplan_history", plan.pk)
    return None


@login_required
def plan_detail(request, district, year):
    plan = visible_plan(request, district, year)
    sections, findings, unplaced = document_sections(plan, request)
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
    for section in registry.sections():
        if section.plan_page_context:
            context |= section.plan_page_context(plan, request.user)
    return render(request, "portal/plan_detail.html", context)
