from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Plans and districts")

    def ready(self):
        from django.db.models.signals import post_save
        from django.utils.module_loading import autodiscover_modules

        from plans.audit import record_loaded_row
        from plans.pdf import connect_cache_invalidation

        autodiscover_modules("sections")  # every app's contributions to a plan: plans.registry
        connect_cache_invalidation()
        post_save.connect(record_loaded_row, dispatch_uid="plans.audit.record_loaded_row")
