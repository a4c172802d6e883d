"""The compendium of a province's or region's approved plans in the portal, under /compendium/."""

from django.urls import path

from publication import compendium_views

app_name = "compendium"

urlpatterns = [
    path("", compendium_views.compendium_home, name="index"),
    path("start/", compendium_views.compendium_start, name="start"),
    path("<str:job_id>/", compendium_views.compendium_job, name="job"),
    path("<str:job_id>/status/", compendium_views.compendium_status, name="status"),
    path("<str:job_id>/<str:kind>/", compendium_views.compendium_file, name="file"),
]
