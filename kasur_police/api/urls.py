"""`/api/v1/`: every app's routes under one browsable root.

Each installed app with an `api/urls.py` (no list of apps is kept here) has a `router` of its viewsets
and `urlpatterns` (the router's routes plus any
other view, like the crime series); the root lists both.
"""

from importlib import import_module

from django.apps import apps
from django.urls import URLPattern
from django.utils.module_loading import module_has_submodule
from rest_framework import routers

from kasur_police.api.views import APIRootView

app_name = "api"


class Router(routers.DefaultRouter):
    APIRootView = APIRootView

    def __init__(self, extra_roots):
        self.extra_roots = extra_roots
        super().__init__()

    def get_api_root_view(self, api_urls=None):
        roots = {prefix: self.routes[0].name.format(basename=basename) for prefix, _viewset, basename in self.registry}
        return self.APIRootView.as_view(api_root_dict={**roots, **self.extra_roots})


app_urls = [
    import_module(f"{config.name}.api.urls")
    for config in apps.get_app_configs()
    if module_has_submodule(config.module, "api") and module_has_submodule(import_module(f"{config.name}.api"), "urls")
]
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
