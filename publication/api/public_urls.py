"""/api/public/v1/: the public API's routes (namespace `public-api`)."""

from django.urls import path
from rest_framework import routers

from publication.api import views

app_name = "public-api"


class Router(routers.DefaultRouter):
    APIRootView = views.RootView


router = Router()
router.register("plans", views.PlanViewSet, basename="plan")

urlpatterns = [
    path("tables/<slug:table>/", views.OpenTableView.as_view(), name="table"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
    *router.urls,
]
