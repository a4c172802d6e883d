from rest_framework.routers import SimpleRouter

from initiatives.api import views

router = SimpleRouter()
router.register("objectives", views.ObjectiveViewSet)
router.register("objective-headings", views.ObjectiveHeadingViewSet)
router.register("strategy-points", views.StrategyPointViewSet)
router.register("narrative-sections", views.NarrativeSectionViewSet)
router.register("section-points", views.SectionPointViewSet)
router.register("targets", views.TargetViewSet)
router.register("target-progress", views.TargetProgressViewSet)

urlpatterns = router.urls
