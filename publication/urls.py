"""The public pages, under /public/: no login anywhere."""

from django.urls import path

from publication import views

app_name = "publication"

urlpatterns = [
    path("", views.plan_list, name="plans"),
    path("verify/", views.verify, name="verify"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("data/<slug:table>.csv", views.table_csv, name="table-csv"),
    path("<slug:district>/<str:year>/", views.plan_detail, name="plan"),
    path("<slug:district>/<str:year>/approved.pdf", views.plan_pdf, name="plan-pdf"),
]
