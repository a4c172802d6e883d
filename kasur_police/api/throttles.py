"""API request throttling: per address for anonymous clients, per user once authenticated.

Rates come from `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` (`API_THROTTLE_ANON`, `API_THROTTLE_USER`), read
on each request so a changed setting applies at once. Over the rate a client gets 429 with Retry-After.
"""

from rest_framework import throttling
from rest_framework.settings import api_settings


class CurrentRatesMixin:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonRateThrottle(CurrentRatesMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(CurrentRatesMixin, throttling.UserRateThrottle):
    pass
