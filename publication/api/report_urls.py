"""The report's route in the portal's API, included under /api/v1/ beside the apps' routes."""

from django.urls import path

from publication.api.report_views import HalfYearReportView

app_name = "reports-api"

urlpatterns = [
    path("plans/<int:pk>/half-year-report/<int:half>/", HalfYearReportView.as_view(), name="half-year-report"),
]
