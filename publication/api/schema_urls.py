"""/api/public/schema/ and /api/public/docs/: the public API's own OpenAPI description."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from publication.api.views import PublicSchemaGenerator

PUBLIC_API_PREFIX = "api/public/v1/"

schema_view = SpectacularAPIView.as_view(
    generator_class=PublicSchemaGenerator,
    patterns=[path(PUBLIC_API_PREFIX, include("publication.api.public_urls"))],
    authentication_classes=[],
    permission_classes=[],
    custom_settings={
        "TITLE": "Approved Annual Policing Plans: public API",
        "DESCRIPTION": (
            "Approved district policing plans (Police Order 2002) as open data: the plans with their key figures "
            "and approval, their approved PDFs, their tables across districts and years, and verification of a "
            "PDF. Read-only, no authentication, rate-limited per client address."
        ),
    },
)

urlpatterns = [
    path("schema/", schema_view, name="public-api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="public-api-schema"), name="public-api-docs"),
]
