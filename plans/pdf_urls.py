"""URLs of the printed plan, included under plans/<district>/<year>/."""

from django.urls import path

from plans import pdf_views

app_name = "documents"

urlpatterns = [
    path("pdf/", pdf_views.plan_pdf, name="pdf"),
    path("pdf/status/", pdf_views.plan_pdf_status, name="pdf-status"),
    path("preview/", pdf_views.plan_preview, name="preview"),
]
