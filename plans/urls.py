from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("plans/<slug:district>/<str:year>/", views.plan_detail, name="plan-detail"),
]
