from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrimeStatsConfig(AppConfig):
    name = "crime_stats"
    verbose_name = _("Crime and performance")
