"""The admin for the plan: reference lists, power users, and a plan page that reaches every section in order.

The plan's page is laid out in the document's chapters, in the order of the printed plan. Data entry happens
in the portal's chapter editors (`plans.views.editors`), so the page does not inline the plan's rows: each
chapter links to its editor, with its completeness, and to the admin's list of each model it holds (the
models of the inlines each app names in `plans.registry.Chapter.admin_items`), filtered to the plan; the
plan's own fields stay on the page. `plans` never imports the section apps. The page's tools lead to the PDF
and the portal and take the workflow's steps through the same services and messages as the portal
(`plans.workflow`, `plans.rollover`).
"""

from dataclasses import dataclass, field

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from plans import models, registry, rollover, steps, workflow
from plans.admin_base import (
    PlanPartAdmin,
    PlanRowInline,
    PlanRowStackedInline,
    ReferenceItemAdmin,
    ScopedAdmin,
    ScopedModelAdmin,
    locked_message,
    scoped_filter,
)
from plans.audit import plan_changes
from plans.consistency import run_checks
from plans.figures import plan_rows_sum
from plans.forms import WorkflowStepForm
from plans.views.editors import edit_url, may_edit

# Places, people and their scope


@admin.register(models.Province)
class ProvinceAdmin(ScopedAdmin):
    list_display = ["name", "slug", "region_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(region_count=Count("regions", distinct=True))

    @admin.display(description=_("regions"), ordering="region_count")
    def region_count(self, obj):
        return obj.region_count


@admin.register(models.Region)
class RegionAdmin(ScopedAdmin):
    list_display = ["name", "province", "district_count"]
    list_filter = [scoped_filter("province")]
    list_select_related = ["province"]
    search_fields = ["name", "province__name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(district_count=Count("districts", distinct=True))

    @admin.display(description=_("districts"), ordering="district_count")
    def district_count(self, obj):
        return obj.district_count


@admin.register(models.District)
class DistrictAdmin(ScopedAdmin):
    list_display = ["name", "region", "approving_authority", "is_synthetic", "plan_count"]
    list_filter = [scoped_filter("region"), "approving_authority", "is_synthetic"]
    list_select_related = ["region"]
    search_fields = ["name", "slug", "region__name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(plan_count=Count("plans", distinct=True))

    @admin.display(description=_("plans"), ordering="plan_count")
    def plan_count(self, obj):
        return obj.plan_count


@admin.register(models.Membership)
class MembershipAdmin(ScopedAdmin):
    """Who works where. Only superusers change memberships: a membership widens what its user may see."""

    list_display = ["user", "role", "district", "region", "province"]
    list_filter = ["role", scoped_filter("district")]
    list_select_related = ["user", "district", "region", "province"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


# Reference lists of the plan app


@admin.register(models.BudgetHead)
class BudgetHeadAdmin(ReferenceItemAdmin):
    list_display = ["name", "account_code", "district", "position"]
    search_fields = ["name", "account_code"]


# Inlines of the plan's own sections


class PlanValueInline(PlanRowInline):
    model = models.PlanValue
    fields = ["position", "name", "description"]


class ResponsibilityInline(PlanRowInline):
    model = models.Responsibility
    fields = ["position", "text"]


class UnitInline(PlanRowInline):
    model = models.Unit
    fields = ["position", "kind", "commander", "name", "parent"]
    select_related = ["parent"]
    classes = ["collapse"]


class DistrictProfileInline(PlanRowStackedInline):
    model = models.DistrictProfile
    max_num = 1
    fieldsets = [
        (None, {"fields": [("area_sq_km", "population")]}),
        (_("Population and area"), {"fields": [("urban_percent", "rural_percent"), "border_km", "map_image"]}),
        (_("Administration"), {"fields": [("tehsils", "mnas", "mpas", "union_councils")]}),
        (
            _("Police presence"),
            {
                "fields": [
                    ("police_subdivisions", "police_stations"),
                    ("police_posts_sanctioned", "police_posts_unsanctioned", "police_posts_total"),
                ]
            },
        ),
        (_("Banks and petrol pumps"), {"fields": [("banks", "petrol_pumps")]}),
    ]
    readonly_fields = ["police_posts_total"]

    @admin.display(description=_("police posts total (computed)"))
    def police_posts_total(self, obj):
        return obj.police_posts_total if obj and obj.pk else "—"


class SectShareInline(PlanRowInline):
    model = models.SectShare
    fields = ["position", "name", "percent"]


class PlaceOfWorshipInline(PlanRowInline):
    model = models.PlaceOfWorship
    fields = ["position", "kind", "count", "is_approximate"]


class BudgetAllocationInline(PlanRowInline):
    model = models.BudgetAllocation
    fields = ["head", "amount"]
    select_related = ["head"]


class PrintedFigureInline(PlanRowInline):
    model = models.PrintedFigure
    fields = ["key", "value"]
    classes = ["collapse"]


class WorkflowEventInline(admin.TabularInline):
    """The plan's way through the workflow; steps are taken with the workflow's buttons, not typed in."""

    model = models.WorkflowEvent
    extra = 0
    fields = ["created", "action", "from_status", "to_status", "actor", "comment"]
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@dataclass
class Chapter:
    """A chapter of the plan's admin page: the plan's own fieldsets in it, and the models whose rows it holds.

    The rows are not inlined: the chapter links to its editor in the portal (one page per chapter, with its
    completeness) and to each model's list in the admin, filtered to the plan, for power users.
    """

    key: str
    title: str
    fieldsets: list = field(default_factory=list)
    models: list = field(default_factory=list)
    inlines: list = field(default_factory=list)
    source: registry.Chapter | None = None


# The plan's own fieldsets, by the names the chapters use in their `admin_items`.
COVER, MESSAGE, RESPONSIBILITIES, SIGNATURE, CLOSING = "cover", "message", "responsibilities", "signature", "closing"


def plan_chapters():
    """The page's chapters: the document's (from the registry, in its order), then what only the admin shows."""
    chapters = [
        Chapter(
            chapter.slug,
            chapter.title,
            fieldsets=[item for item in chapter.admin_items if "." not in item],
            models=[inline.model for inline in chapter.admin_inlines()],
            source=chapter,
        )
        for chapter in registry.chapters()
    ]
    return [
        *chapters,
        Chapter("printed", _("Figures as printed in the document"), models=[models.PrintedFigure]),
        Chapter("workflow", _("Workflow"), inlines=[WorkflowEventInline]),
    ]


def change_url(plan):
    return reverse("admin:plans_annualplan_change", args=[plan.pk])


def approved_pdf_url(plan):
    return reverse("plans:approved-pdf", kwargs={"district": plan.district.slug, "year": plan.fiscal_year})


@admin.register(models.AnnualPlan)
class AnnualPlanAdmin(ScopedAdmin):
    list_display = ["__str__", "district", "fiscal_year", "status", "crime_window", "budget_total", "modified"]
    list_filter = ["status", scoped_filter("district"), "year_start"]
    list_select_related = ["district"]
    search_fields = ["district__name", "district__slug"]
    readonly_fields = ["status", "approved_pdf_download", "approved_pdf_sha256", "created", "modified"]
    change_form_template = "admin/plans/annualplan/change_form.html"
    object_history_template = "admin/plans/annualplan/object_history.html"
    inlines = [WorkflowEventInline]
    save_on_top = True
    view_on_site = False  # the page's tools link to the plan in the portal

    def save_model(self, request, obj, form, change):
        """Only the workflow moves a plan's status and approved PDF, even when an old version is restored."""
        if change and obj.pk:
            stored = models.AnnualPlan.objects.get(pk=obj.pk)
            obj.status, obj.approved_pdf, obj.approved_pdf_sha256 = (
                stored.status,
                stored.approved_pdf,
                stored.approved_pdf_sha256,
            )
        super().save_model(request, obj, form, change)

    fieldsets = [
        (
            COVER,
            {
                "fields": [
                    ("district", "year_start", "print_language"),
                    ("crime_first_year", "crime_last_year"),
                    ("status", "created", "modified"),
                    ("approved_pdf_download", "approved_pdf_sha256"),
                    "version",  # hidden: the version the page was read at
                ]
            },
        ),
        (MESSAGE, {"fields": ["message"]}),
        (RESPONSIBILITIES, {"fields": ["responsibilities_intro", "responsibilities_lead"]}),
        (SIGNATURE, {"fields": ["signatory_name", "signatory_suffix", "signatory_designation"]}),
        (CLOSING, {"fields": ["closing_text", "closing_salutation"]}),
    ]
    fieldset_titles = {
        COVER: _("District and fiscal year"),
        MESSAGE: _("The DPO's message"),
        RESPONSIBILITIES: _("Main responsibilities: introduction and lead-in"),
        SIGNATURE: _("Signature block"),
        CLOSING: _("Closing"),
    }

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(self.fieldset_titles[name], options) for name, options in self.fieldsets]
        if obj is None:  # status, dates and the approved PDF come later
            cover = {"fields": self.fieldsets[0][1]["fields"][:2]}
            fieldsets[0] = (fieldsets[0][0], cover)
        return fieldsets

    def history_view(self, request, object_id, extra_context=None):
        """The plan's own changes, then the latest changes to every section of the plan."""
        plan = self.get_object(request, object_id)
        extra_context = {**(extra_context or {}), "section_changes": plan_changes(plan)}
        return super().history_view(request, object_id, extra_context)

    def get_inlines(self, request, obj):
        return [inline for inline in super().get_inlines(request, obj) if obj or inline is not WorkflowEventInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(budget_total=plan_rows_sum(models.BudgetAllocation, "amount"))

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return [*self.readonly_fields, "district"]
        return self.readonly_fields

    @admin.display(description=_("fiscal year"), ordering="year_start")
    def fiscal_year(self, obj):
        return obj.fiscal_year

    @admin.display(description=_("crime years"))
    def crime_window(self, obj):
        return f"{obj.crime_first_year}–{obj.crime_last_year}"

    @admin.display(description=_("budget total (Rs.)"), ordering="budget_total")
    def budget_total(self, obj):
        return f"{obj.budget_total:,}"

    @admin.display(description=_("approved PDF"))
    def approved_pdf_download(self, obj):
        """The PDF as approved, through the portal's scoped download (uploaded files are not served to the public)."""
        if not obj.approved_pdf:
            return "—"
        return format_html('<a href="{}">{}</a>', approved_pdf_url(obj), gettext("Download the approved PDF"))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["plan_chapters"] = self.chapters_for(request, context, obj)
        if obj is not None:
            findings = run_checks(obj)
            context["findings"] = findings
            context["finding_errors"] = sum(finding.is_error for finding in findings)
            context["finding_warnings"] = len(findings) - context["finding_errors"]
            if obj.is_locked:
                context["locked_message"] = locked_message(obj)
            context.update(self.tools_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def tools_context(self, request, plan):
        """The plan's tools for this user: the workflow steps they may take now, next year's plan or its start."""
        next_year = plan.year_start + 1
        plans = models.AnnualPlan.objects.visible_to(request.user)
        next_plan = plans.filter(district_id=plan.district_id, year_start=next_year).first()
        actions = workflow.allowed_actions(request.user, plan)
        return {
            "workflow_forms": [WorkflowStepForm(action=action) for action in actions],
            "approved_pdf_url": approved_pdf_url(plan) if plan.approved_pdf else "",
            "next_plan": next_plan,
            "next_year": models.fiscal_year_label(next_year),
            "may_start_next_year": next_plan is None and rollover.may_start_next_year(request.user, plan),
        }

    # The workflow from the plan's page: POSTs that call the services, which decide who may act (403 otherwise).

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        step = self.admin_site.admin_view(require_POST(self.workflow_step_view))
        start = self.admin_site.admin_view(require_POST(self.start_next_year_view))
        return [
            *(
                path(f"<path:object_id>/{action}/", step, {"action": action}, name=f"{name}_{action}")
                for action in models.WorkflowAction
            ),
            path("<path:object_id>/start-next-year/", start, name=f"{name}_start_next_year"),
            *super().get_urls(),  # last: its "<object_id>/" would take ours
        ]

    def plan_for_step(self, request, object_id):
        """The plan within the user's districts (404 outside them), for a user who may open its page."""
        plan = self.get_object(request, object_id)
        if not self.has_view_or_change_permission(request, plan):
            raise PermissionDenied
        return plan

    def workflow_step_view(self, request, object_id, action):
        """Submit, return or approve the plan; the outcome or the refusal comes back as a message on its page."""
        plan = self.plan_for_step(request, object_id)
        steps.take_step_with_message(request, plan, action, WorkflowStepForm(request.POST, action=action))
        return redirect(change_url(plan))

    def start_next_year_view(self, request, object_id):
        """Start next year's draft from this plan and open its page."""
        plan = self.plan_for_step(request, object_id)
        new_plan = steps.start_next_year_with_message(request, plan)
        return redirect(change_url(new_plan or plan))

    def chapters_for(self, request, context, plan):
        """The page's chapters in document order: each with its fieldsets, its editor link and its row lists."""
        titles = {str(title): name for name, title in self.fieldset_titles.items()}
        fieldsets = {
            titles[str(fieldset.name)]: (index, fieldset) for index, fieldset in enumerate(context["adminform"])
        }
        formsets = {type(formset.opts): formset for formset in context["inline_admin_formsets"]}
        counts = row_counts(plan, [model for chapter in plan_chapters() for model in chapter.models])
        chapters = []
        for chapter in plan_chapters():
            items = [
                {"fieldset": fieldsets[name][1], "index": fieldsets[name][0]}
                for name in chapter.fieldsets
                if name in fieldsets
            ]
            items += [{"inline": formsets[inline]} for inline in chapter.inlines if inline in formsets]
            lists = [row_list(request, model, plan, counts) for model in chapter.models] if plan else []
            editor = chapter_editor(request.user, plan, chapter.source) if plan else None
            lists = [link for link in lists if link]
            if items or lists or editor:
                chapters.append(
                    {"key": chapter.key, "title": chapter.title, "items": items, "lists": lists, "editor": editor}
                )
        return chapters


def row_counts(plan, models):
    """{model: the plan's rows of it}, one query per model (a plan's page counts each chapter's rows)."""
    if plan is None:
        return {}
    return {model: model._default_manager.filter(**{model.plan_path: plan}).count() for model in models}


def row_list(request, model, plan, counts):
    """A link to the admin's list of `model`, filtered to the plan, with the plan's count of rows."""
    model_admin = admin.site._registry.get(model)
    if model_admin is None or not model_admin.has_view_or_change_permission(request):
        return None
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return {
        "title": capfirst(opts.verbose_name_plural),
        "url": f"{url}?{model.plan_path}__id__exact={plan.pk}",
        "count": counts.get(model, 0),
    }


def chapter_editor(user, plan, chapter):
    """The chapter's editor in the portal and whether the chapter is complete, for a user who may use it."""
    if chapter is None or chapter.editors is None or not may_edit(user, chapter):
        return None
    editors = chapter.editors(plan)
    return {"url": edit_url(plan, chapter), "complete": all(editor.is_complete() for editor in editors)}


# The plan's own sections, each also listed on its own (to search and filter across plans)


@admin.register(models.DistrictProfile)
class DistrictProfileAdmin(PlanPartAdmin):
    list_display = [
        "plan",
        "area_sq_km",
        "population",
        "urban_percent",
        "police_stations",
        "police_posts_total",
    ]
    list_select_related = ["plan__district"]
    fieldsets = DistrictProfileInline.fieldsets
    readonly_fields = ["police_posts_total"]

    def get_fieldsets(self, request, obj=None):
        return [(None, {"fields": ["plan"]}), *self.fieldsets]

    @admin.display(description=_("police posts total"))
    def police_posts_total(self, obj):
        return obj.police_posts_total if obj and obj.pk else "—"


@admin.register(models.SectShare)
class SectShareAdmin(PlanPartAdmin):
    list_display = ["name", "percent", "plan", "position"]
    list_select_related = ["plan__district"]
    search_fields = ["name"]


@admin.register(models.PlaceOfWorship)
class PlaceOfWorshipAdmin(PlanPartAdmin):
    list_display = ["kind", "count", "is_approximate", "plan", "position"]
    list_select_related = ["plan__district"]
    search_fields = ["kind"]


@admin.register(models.Unit)
class UnitAdmin(PlanPartAdmin):
    list_display = ["__str__", "kind", "parent", "plan", "position"]
    list_filter = ["kind"]
    list_select_related = ["plan__district", "parent"]
    search_fields = ["name", "commander"]
    autocomplete_fields = ["plan", "parent"]


@admin.register(models.BudgetAllocation)
class BudgetAllocationAdmin(PlanPartAdmin):
    list_display = ["head", "amount_display", "plan"]
    list_select_related = ["plan__district", "head"]
    search_fields = ["head__name", "head__account_code"]

    @admin.display(description=_("amount (Rs.)"), ordering="amount")
    def amount_display(self, obj):
        return f"{obj.amount:,}"


@admin.register(models.PlanValue)
class PlanValueAdmin(PlanPartAdmin):
    list_display = ["name", "plan", "position"]
    list_select_related = ["plan__district"]
    search_fields = ["name", "description"]


@admin.register(models.Responsibility)
class ResponsibilityAdmin(PlanPartAdmin):
    list_display = ["__str__", "plan", "position"]
    list_select_related = ["plan__district"]
    search_fields = ["text"]


@admin.register(models.PrintedFigure)
class PrintedFigureAdmin(PlanPartAdmin):
    list_display = ["key", "value", "section", "plan"]
    list_select_related = ["plan__district"]
    search_fields = ["key"]

    @admin.display(description=_("section"))
    def section(self, obj):
        return obj.key.split(":", 1)[0]


@admin.register(models.WorkflowEvent)
class WorkflowEventAdmin(ScopedModelAdmin):
    """Workflow steps, for reading: they are recorded by the workflow, never typed in."""

    list_display = ["plan", "action", "from_status", "to_status", "actor", "created"]
    list_filter = ["action", scoped_filter("plan__district")]
    list_select_related = ["plan__district", "actor"]
    search_fields = ["comment", "plan__district__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
