"""The portal, by concern: the plans list and overview, a plan's page, its workflow steps, its CSV files,
and the comparison of two plans. Sections add views of their own through `plans.registry.Section.urls`."""

from plans.views.common import visible_plan
from plans.views.comparison import compare_plans
from plans.views.exports import approved_pdf, plan_csv
from plans.views.plan_list import home, overview
from plans.views.plan_page import plan_detail
from plans.views.workflow import start_next_year, workflow_step

__all__ = [
    "approved_pdf",
    "compare_plans",
    "home",
    "overview",
    "plan_csv",
    "plan_detail",
    "start_next_year",
    "visible_plan",
    "workflow_step",
]
