"""The half-yearly report of Article 44 in the portal (logged-in users, within their scope), under /reports/."""

from django.urls import path

from publication import views

app_name = "reports"

urlpatterns = [
    path("<slug:district>/<str:year>/h<int:half>/", views.half_year_report_page, name="half-year"),
    path("<slug:district>/<str:year>/h<int:half>.pdf", views.half_year_report_pdf, name="half-year-pdf"),
]
