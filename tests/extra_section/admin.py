from django.contrib import admin

from plans.admin_base import PlanPartAdmin, PlanRowInline
from tests.extra_section.models import Patrol


class PatrolInline(PlanRowInline):
    model = Patrol
    fields = ["route", "officers"]


@admin.register(Patrol)
class PatrolAdmin(PlanPartAdmin):
    list_display = ["route", "officers", "plan"]
