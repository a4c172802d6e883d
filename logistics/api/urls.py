from rest_framework.routers import SimpleRouter

from logistics.api import views

router = SimpleRouter()
router.register("vehicle-types", views.VehicleTypeViewSet)
router.register("deployments", views.DeploymentViewSet)
router.register("vehicle-counts", views.VehicleCountViewSet)
router.register("stock-categories", views.StockCategoryViewSet)
router.register("equipment-types", views.EquipmentTypeViewSet)
router.register("stock-statements", views.StockStatementViewSet)
router.register("stock-items", views.StockItemViewSet)

urlpatterns = router.urls
