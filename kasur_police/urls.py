"""Root URLs: the portal, the admin, the REST API and its schema, the public record and its API, and uploaded
files through the user's scope."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from kasur_police import files
from kasur_police.api.exceptions import api_not_found

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("kasur_police.api.urls")),
    path("api/v1/", include("publication.api.report_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/public/v1/", include("publication.api.public_urls")),
    path("api/public/", include("publication.api.schema_urls")),
    path("public/", include("publication.urls")),
    path("reports/", include("publication.report_urls")),
    path("compendium/", include("publication.compendium_urls")),
    # Any other address under /api/ answers a JSON 404, as API clients expect.
    re_path(r"^api/", api_not_found),
    path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", files.scoped_file, name="scoped-file"),
    path("plans/<slug:district>/<str:year>/", include("plans.pdf_urls")),
    path("", include("plans.urls")),
]
