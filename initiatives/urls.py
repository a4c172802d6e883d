"""The initiatives app's portal pages, joined to the portal's (`plans.registry.Section.urls`)."""

from django.urls import path

from initiatives import views

urlpatterns = [
    path(
        "plans/<slug:district>/<str:year>/targets/<int:target>/quarter/<int:quarter>/",
        views.record_progress,
        name="target-progress",
    ),
]
