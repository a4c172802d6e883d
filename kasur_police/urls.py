"""Root URLs: the portal, the admin, the REST API and its schema, the public record and its API."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("kasur_police.api.urls")),
    path("api/v1/", include("publication.api.report_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/public/v1/", include("publication.api.urls")),
    path("api/public/", include("publication.api.schema_urls")),
    path("public/", include("publication.urls")),
    path("reports/", include("publication.report_urls")),
    path("plans/<slug:district>/<str:year>/", include("plans.pdf_urls")),
    path("", include("plans.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
