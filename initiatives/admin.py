"""Admin for the plan's text: objectives with headings and points, narrative sections, targets and progress.

Headings and strategy points nest below an objective, bullets below a narrative section and quarterly
progress below a target, so each has its parent's own page, linked from the plan's page.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from initiatives import models
from plans.admin_base import (
    PlanPartAdmin,
    PlanRowInline,
    PlanRowStackedInline,
    ScopedAdmin,
    VersionedInlineMixin,
    admin_link,
    scoped_filter,
)
from plans.workflow import may_record_progress


class ObjectiveInline(PlanRowInline):
    model = models.Objective
    fields = ["position", "number", "title", "contents"]
    readonly_fields = ["contents"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(heading_count=Count("headings", distinct=True), point_count=Count("points", distinct=True))
        )

    @admin.display(description=_("headings and strategy points"))
    def contents(self, obj):
        if obj is None or obj.pk is None:
            return _("Save the plan, then add headings and points.")
        text = _("Edit %(headings)s headings, %(points)s points") % {
            "headings": obj.heading_count,
            "points": obj.point_count,
        }
        return admin_link(obj, text)


class NarrativeSectionInline(PlanRowInline):
    model = models.NarrativeSection
    fields = ["position", "kind", "title", "points"]
    readonly_fields = ["points"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(point_count=Count("points"))

    @admin.display(description=_("points"))
    def points(self, obj):
        if obj is None or obj.pk is None:
            return _("Save the plan, then add the points.")
        return admin_link(obj, _("Edit the %(count)s points") % {"count": obj.point_count})


class TargetInline(PlanRowStackedInline):
    model = models.Target
    fields = [("position", "category"), "present_status", "expected_achievement", "mechanism", "progress"]
    compact_textareas = True
    readonly_fields = ["progress"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(progress_count=Count("progress"))

    @admin.display(description=_("quarterly progress"))
    def progress(self, obj):
        """Links to the progress list: progress is recorded after approval too, when the plan is locked."""
        if obj is None or obj.pk is None:
            return "—"
        changelist = reverse("admin:initiatives_targetprogress_changelist")
        add = reverse("admin:initiatives_targetprogress_add")
        return format_html(
            '<a href="{}?target__id__exact={}">{}</a> · <a href="{}?target={}">{}</a>',
            changelist,
            obj.pk,
            _("%(count)s of 4 quarters") % {"count": obj.progress_count},
            add,
            obj.pk,
            _("add"),
        )


class ObjectiveHeadingInline(PlanRowInline):
    model = models.ObjectiveHeading
    fields = ["position", "letter", "title"]


class StrategyPointInline(PlanRowInline):
    """Points of an objective; the headings offered are the objective's own."""

    model = models.StrategyPoint
    fk_name = "objective"
    fields = ["heading", "position", "text"]
    select_related = ["heading"]
    same_parent = {"heading": "objective"}


@admin.register(models.Objective)
class ObjectiveAdmin(PlanPartAdmin):
    list_display = ["__str__", "plan", "heading_count", "point_count", "position"]
    list_select_related = ["plan__district"]
    search_fields = ["title", "number"]
    fields = ["plan", ("position", "number"), "title"]
    inlines = [ObjectiveHeadingInline, StrategyPointInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(heading_count=Count("headings", distinct=True), point_count=Count("points", distinct=True))
        )

    @admin.display(description=_("headings"), ordering="heading_count")
    def heading_count(self, obj):
        return obj.heading_count

    @admin.display(description=_("strategy points"), ordering="point_count")
    def point_count(self, obj):
        return obj.point_count


@admin.register(models.ObjectiveHeading)
class ObjectiveHeadingAdmin(PlanPartAdmin):
    plan_lookup = "objective__plan"
    list_display = ["__str__", "objective", "position"]
    list_select_related = ["objective"]
    search_fields = ["title"]
    autocomplete_fields = ["objective"]


@admin.register(models.StrategyPoint)
class StrategyPointAdmin(PlanPartAdmin):
    plan_lookup = "objective__plan"
    list_display = ["__str__", "objective", "heading", "position"]
    list_select_related = ["objective", "heading"]
    search_fields = ["text"]
    autocomplete_fields = ["objective", "heading"]


class SectionPointInline(PlanRowInline):
    """Bullets of a section; a bullet may sit under another bullet of the same section."""

    model = models.SectionPoint
    fields = ["position", "parent", "title", "text"]
    select_related = ["parent"]
    same_parent = {"parent": "section"}


@admin.register(models.NarrativeSection)
class NarrativeSectionAdmin(PlanPartAdmin):
    list_display = ["title", "kind", "plan", "point_count", "position"]
    list_filter = ["kind"]
    list_select_related = ["plan__district"]
    search_fields = ["title", "intro"]
    fields = ["plan", ("position", "kind"), "title", "intro"]
    inlines = [SectionPointInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(point_count=Count("points"))

    @admin.display(description=_("points"), ordering="point_count")
    def point_count(self, obj):
        return obj.point_count


@admin.register(models.SectionPoint)
class SectionPointAdmin(PlanPartAdmin):
    plan_lookup = "section__plan"
    list_display = ["__str__", "section", "parent", "position"]
    list_select_related = ["section", "parent"]
    search_fields = ["title", "text"]
    autocomplete_fields = ["section", "parent"]


def may_record(request, progress_or_target):
    """Whether the user may record progress of this target (any, when there is none yet)."""
    if progress_or_target is None:
        return True
    target = progress_or_target.target if isinstance(progress_or_target, models.TargetProgress) else progress_or_target
    return may_record_progress(request.user, target.plan)


class TargetProgressInline(VersionedInlineMixin, admin.TabularInline):
    """Progress by quarter; recorded after approval too, by the reviewers who evaluate the plan."""

    model = models.TargetProgress
    extra = 0
    max_num = 4
    fields = ["quarter", "status", "note"]

    def has_add_permission(self, request, obj=None):
        return may_record(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return may_record(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return may_record(request, obj) and super().has_delete_permission(request, obj)


@admin.register(models.Target)
class TargetAdmin(PlanPartAdmin):
    list_display = ["position", "category", "present_status", "expected_achievement", "plan"]
    list_display_links = ["category"]
    list_select_related = ["plan__district"]
    search_fields = ["category", "present_status", "mechanism"]
    inlines = [TargetProgressInline]


@admin.register(models.TargetProgress)
class TargetProgressAdmin(ScopedAdmin):
    list_display = ["target", "quarter", "status", "plan", "modified"]
    list_filter = ["quarter", "status", scoped_filter("target__plan__district"), scoped_filter("target__plan")]
    list_select_related = ["target__plan__district"]
    search_fields = ["target__category", "note"]
    autocomplete_fields = ["target"]

    def has_change_permission(self, request, obj=None):
        return may_record(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return may_record(request, obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        """A new review of a submitted plan's target: only by who evaluates the plan."""
        if not may_record(request, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    @admin.display(description=_("plan"), ordering="target__plan")
    def plan(self, obj):
        return obj.target.plan
