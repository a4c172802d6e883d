"""Admin for present strength: ranks, strength by rank with its computed gaps, and the field organisation."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from plans.admin_base import PlanPartAdmin, PlanRowInline, PlanRowStackedInline, ReferenceItemAdmin
from strength.models import FieldOrganisation, Rank, StrengthEntry, excess, shortage


@admin.register(Rank)
class RankAdmin(ReferenceItemAdmin):
    list_display = ["name", "cadre", "district", "position"]
    list_filter = ["cadre"]


class FieldOrganisationInline(PlanRowStackedInline):
    model = FieldOrganisation
    max_num = 1
    fields = [("sub_divisions", "police_stations"), ("posts_sanctioned", "posts_unsanctioned", "posts_total")]
    readonly_fields = ["posts_total"]

    @admin.display(description=_("total police posts (computed)"))
    def posts_total(self, obj):
        return obj.posts_total if obj and obj.pk else "—"


class StrengthEntryInline(PlanRowInline):
    model = StrengthEntry
    fields = ["rank", "cadre", "sanctioned", "present", "short", "excess"]
    readonly_fields = ["cadre", "short", "excess"]
    select_related = ["rank"]

    @admin.display(description=_("cadre"))
    def cadre(self, obj):
        return obj.rank.get_cadre_display() if obj and obj.rank_id else "—"

    @admin.display(description=_("short (computed)"))
    def short(self, obj):
        return obj.short if obj and obj.pk else "—"

    @admin.display(description=_("excess (computed)"))
    def excess(self, obj):
        return obj.excess if obj and obj.pk else "—"


@admin.register(StrengthEntry)
class StrengthEntryAdmin(PlanPartAdmin):
    list_display = ["rank", "cadre", "sanctioned", "present", "short", "excess", "plan"]
    list_filter = ["rank__cadre"]
    list_select_related = ["plan__district", "rank"]
    search_fields = ["rank__name"]
    readonly_fields = ["short", "excess"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                short_posts=shortage(),
                excess_posts=excess(),
            )
        )

    @admin.display(description=_("cadre"), ordering="rank__cadre")
    def cadre(self, obj):
        return obj.rank.get_cadre_display()

    @admin.display(description=_("short"), ordering="short_posts")
    def short(self, obj):
        return obj.short if obj.pk else "—"

    @admin.display(description=_("excess"), ordering="excess_posts")
    def excess(self, obj):
        return obj.excess if obj.pk else "—"


@admin.register(FieldOrganisation)
class FieldOrganisationAdmin(PlanPartAdmin):
    list_display = ["plan", "sub_divisions", "police_stations", "posts_sanctioned", "posts_unsanctioned", "posts_total"]
    list_select_related = ["plan__district"]
    fields = ["plan", *FieldOrganisationInline.fields]
    readonly_fields = ["posts_total"]

    @admin.display(description=_("total police posts"))
    def posts_total(self, obj):
        return obj.posts_total if obj and obj.pk else "—"
