from django.urls import path
from rest_framework.routers import SimpleRouter

from crime_stats.api import views

router = SimpleRouter()
router.register("crime-heads", views.CrimeHeadViewSet)
router.register("crime-figures", views.CrimeFigureViewSet)
router.register("operational-results", views.OperationalResultViewSet)
router.register("substances", views.SubstanceViewSet)
router.register("narcotics-recoveries", views.NarcoticsRecoveryViewSet)
router.register("illicit-arm-types", views.IllicitArmTypeViewSet)
router.register("illicit-arms-recoveries", views.IllicitArmsRecoveryViewSet)

urlpatterns = [path("crime-series/", views.CrimeSeriesView.as_view(), name="crime-series"), *router.urls]
