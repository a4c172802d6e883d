"""The portal's pages: the plans list, a plan as its document with CSV exports and workflow steps, the comparisons;
and the pages the sections add (`plans.registry.Section.urls`)."""

from importlib import import_module

from django.urls import path

from plans import registry, views
from plans.models import WorkflowAction
from plans.views import editors, review, rollover, work, workbook

SUBMIT, RETURN, APPROVE = WorkflowAction.SUBMIT, WorkflowAction.RETURN, WorkflowAction.APPROVE

app_name = "plans"
section_urls = [import_module(section.urls) for section in registry.sections() if section.urls]

urlpatterns = [
    path("", views.home, name="home"),
    path("overview/", views.overview, name="overview"),
    path("plans/<slug:district>/<str:year>/", views.plan_detail, name="plan-detail"),
    path("plans/<slug:district>/<str:year>/csv/<slug:table>/", views.plan_csv, name="plan-csv"),
    path("plans/<slug:district>/<str:year>/approved.pdf", views.approved_pdf, name="approved-pdf"),
    path("plans/<slug:district>/<str:year>/submit/", views.workflow_step, {"action": SUBMIT}, name="plan-submit"),
    path("plans/<slug:district>/<str:year>/return/", views.workflow_step, {"action": RETURN}, name="plan-return"),
    path("plans/<slug:district>/<str:year>/approve/", views.workflow_step, {"action": APPROVE}, name="plan-approve"),
    path("plans/<slug:district>/<str:year>/start-next-year/", views.start_next_year, name="plan-start-next-year"),
    path(
        "plans/<slug:district>/<str:year>/submit/confirm/",
        review.confirm_step,
        {"action": SUBMIT},
        name="plan-submit-confirm",
    ),
    path(
        "plans/<slug:district>/<str:year>/approve/confirm/",
        review.confirm_step,
        {"action": APPROVE},
        name="plan-approve-confirm",
    ),
    path(
        "plans/<slug:district>/<str:year>/carried-forward/",
        rollover.carried_forward,
        name="plan-carried-forward",
    ),
    path("plans/<slug:district>/<str:year>/edit/<slug:chapter>/", editors.plan_edit, name="plan-edit"),
    path("plans/<slug:district>/<str:year>/workbook/", workbook.download, name="plan-workbook"),
    path("plans/<slug:district>/<str:year>/workbook/upload/", workbook.upload, name="plan-workbook-upload"),
    path("plans/<slug:district>/<str:year>/workbook/confirm/", workbook.confirm, name="plan-workbook-confirm"),
    path("my-work/", work.my_work, name="my-work"),
    path("compare/<slug:district>/plans/", views.compare_plans, name="compare-plans"),
    *(
        pattern
        for section in registry.sections()
        if section.urls
        for pattern in import_module(section.urls).urlpatterns
    ),
]
