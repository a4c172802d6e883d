from django.urls import path
from rest_framework.routers import SimpleRouter

from plans.api import views

router = SimpleRouter()
router.register("provinces", views.ProvinceViewSet)
router.register("regions", views.RegionViewSet)
router.register("districts", views.DistrictViewSet)
router.register("plans", views.AnnualPlanViewSet)
router.register("district-profiles", views.DistrictProfileViewSet)
router.register("sect-shares", views.SectShareViewSet)
router.register("places-of-worship", views.PlaceOfWorshipViewSet)
router.register("units", views.UnitViewSet)
router.register("budget-heads", views.BudgetHeadViewSet)
router.register("budget-allocations", views.BudgetAllocationViewSet)
router.register("plan-values", views.PlanValueViewSet)
router.register("responsibilities", views.ResponsibilityViewSet)
router.register("printed-figures", views.PrintedFigureViewSet)
router.register("workflow-events", views.WorkflowEventViewSet)

urlpatterns = [path("overview/", views.OverviewView.as_view(), name="overview"), *router.urls]
