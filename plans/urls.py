"""The portal's pages: the plans list, a plan as its document with CSV exports, and the comparisons."""

from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("", views.home, name="home"),
    path("overview/", views.overview, name="overview"),
    path("plans/<slug:district>/<str:year>/", views.plan_detail, name="plan-detail"),
    path("plans/<slug:district>/<str:year>/csv/<slug:table>/", views.plan_csv, name="plan-csv"),
    path("plans/<slug:district>/<str:year>/approved.pdf", views.approved_pdf, name="approved-pdf"),
    path("compare/<slug:district>/crime/", views.compare_crime, name="compare-crime"),
    path("compare/<slug:district>/plans/", views.compare_plans, name="compare-plans"),
]
