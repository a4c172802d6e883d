from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Plans and districts")

    def ready(self):
        from plans.pdf import connect_cache_invalidation

        connect_cache_invalidation()
