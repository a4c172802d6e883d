from rest_framework.routers import SimpleRouter

from strength.api import views

router = SimpleRouter()
router.register("ranks", views.RankViewSet)
router.register("strength-entries", views.StrengthEntryViewSet)
router.register("field-organisations", views.FieldOrganisationViewSet)

urlpatterns = router.urls
