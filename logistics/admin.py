"""Admin for logistics: vehicles by type and deployment, and stock statements with their lines.

A stock statement's lines nest one level below the plan, so they are edited on the statement's own page,
linked from the plan's page.
"""

from django.contrib import admin
from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from logistics import models
from plans.admin_base import (
    PlanPartAdmin,
    PlanRowInline,
    ReferenceItemAdmin,
    admin_link,
    scoped_filter,
)


@admin.register(models.VehicleType)
class VehicleTypeAdmin(ReferenceItemAdmin):
    pass


@admin.register(models.Deployment)
class DeploymentAdmin(ReferenceItemAdmin):
    pass


@admin.register(models.StockCategory)
class StockCategoryAdmin(ReferenceItemAdmin):
    pass


@admin.register(models.EquipmentType)
class EquipmentTypeAdmin(ReferenceItemAdmin):
    list_display = ["name", "category", "district", "position"]
    list_select_related = ["district", "category"]
    list_filter = [scoped_filter("category")]
    ordering = ["district__name", "category__position", "position", "name"]


class VehicleCountInline(PlanRowInline):
    model = models.VehicleCount
    fields = ["vehicle_type", "deployment", "count"]
    select_related = ["vehicle_type", "deployment"]


class StockStatementInline(PlanRowInline):
    model = models.StockStatement
    fields = ["category", "as_of", "lines"]
    readonly_fields = ["lines"]
    select_related = ["category"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(line_count=Count("items"))

    @admin.display(description=_("lines"))
    def lines(self, obj):
        if obj is None or obj.pk is None:
            return _("Save the plan, then add the lines.")
        return admin_link(obj, _("Edit the %(count)s lines") % {"count": obj.line_count})


@admin.register(models.VehicleCount)
class VehicleCountAdmin(PlanPartAdmin):
    list_display = ["vehicle_type", "deployment", "count", "plan"]
    list_filter = [scoped_filter("vehicle_type"), scoped_filter("deployment")]
    list_select_related = ["plan__district", "vehicle_type", "deployment"]
    search_fields = ["vehicle_type__name", "deployment__name"]


class StockItemInline(PlanRowInline):
    """Lines of a statement; the equipment types offered are those of the statement's category."""

    model = models.StockItem
    fields = ["equipment_type", "group", "total_stock", "distributed", "at_headquarters", "accounted", "new_demand"]
    readonly_fields = ["accounted"]
    select_related = ["equipment_type"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        statement = request.admin_choice_context.parent
        if db_field.name == "equipment_type" and statement is not None:
            field.queryset = field.queryset.filter(category_id=statement.category_id)
        return field

    @admin.display(description=_("distributed + at HQ (computed)"))
    def accounted(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        if obj.accounted != obj.total_stock:
            return _("%(accounted)s ≠ total stock") % {"accounted": obj.accounted}
        return obj.accounted


@admin.register(models.StockStatement)
class StockStatementAdmin(PlanPartAdmin):
    list_display = ["category", "as_of", "plan", "line_count", "total_stock", "lines_not_adding_up"]
    list_filter = [scoped_filter("category")]
    list_select_related = ["plan__district", "category"]
    search_fields = ["category__name"]
    inlines = [StockItemInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                line_count=Count("items"),
                total_stock=Sum("items__total_stock"),
                lines_not_adding_up=Count(
                    "items", filter=~Q(items__total_stock=F("items__distributed") + F("items__at_headquarters"))
                ),
            )
        )

    @admin.display(description=_("lines"), ordering="line_count")
    def line_count(self, obj):
        return obj.line_count

    @admin.display(description=_("total stock (all lines)"), ordering="total_stock")
    def total_stock(self, obj):
        return obj.total_stock or 0

    @admin.display(description=_("lines where distributed + HQ ≠ total"), ordering="lines_not_adding_up")
    def lines_not_adding_up(self, obj):
        return obj.lines_not_adding_up


class AddsUpFilter(admin.SimpleListFilter):
    title = _("distributed + HQ = total stock")
    parameter_name = "adds_up"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(total_stock=F("accounted_total"))
        if self.value() == "no":
            return queryset.exclude(total_stock=F("accounted_total"))
        return queryset


@admin.register(models.StockItem)
class StockItemAdmin(PlanPartAdmin):
    plan_lookup = "statement__plan"
    list_display = [
        "equipment_type",
        "group",
        "total_stock",
        "distributed",
        "at_headquarters",
        "accounted",
        "adds_up",
        "new_demand",
        "statement",
    ]
    list_filter = [scoped_filter("statement__category"), AddsUpFilter]
    list_select_related = ["statement__plan__district", "statement__category", "equipment_type"]
    search_fields = ["equipment_type__name", "group"]
    autocomplete_fields = ["statement"]
    readonly_fields = ["accounted"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(accounted_total=F("distributed") + F("at_headquarters"))

    @admin.display(description=_("distributed + at HQ"), ordering="accounted_total")
    def accounted(self, obj):
        return obj.accounted if obj.pk else "—"

    @admin.display(description=_("adds up"), boolean=True)
    def adds_up(self, obj):
        return obj.accounted == obj.total_stock
