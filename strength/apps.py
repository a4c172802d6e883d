from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrengthConfig(AppConfig):
    name = "strength"
    verbose_name = _("Present strength")
