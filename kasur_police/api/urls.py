"""`/api/v1/`: every app's routes under one browsable root.

Each app's `api/urls.py` has a `router` of its viewsets and `urlpatterns` (the router's routes plus any
other view, like the crime series); the root lists both.
"""

from importlib import import_module

from django.urls import URLPattern
from rest_framework import routers

from kasur_police.api.views import APIRootView

app_name = "api"

API_APPS = ["plans", "strength", "logistics", "crime_stats", "initiatives"]


class Router(routers.DefaultRouter):
    APIRootView = APIRootView

    def __init__(self, extra_roots):
        self.extra_roots = extra_roots
        super().__init__()

    def get_api_root_view(self, api_urls=None):
        roots = {prefix: self.routes[0].name.format(basename=basename) for prefix, _viewset, basename in self.registry}
        return self.APIRootView.as_view(api_root_dict={**roots, **self.extra_roots})


app_urls = [import_module(f"{app}.api.urls") for app in API_APPS]
extra_patterns = [
    pattern
    for module in app_urls
    for pattern in module.urlpatterns
    if isinstance(pattern, URLPattern) and pattern.name and pattern not in module.router.urls
]
router = Router({str(pattern.pattern).rstrip("/"): pattern.name for pattern in extra_patterns})
for module in app_urls:
    router.registry.extend(module.router.registry)

urlpatterns = [*extra_patterns, *router.urls]
