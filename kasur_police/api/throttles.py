"""API request throttling: per address for anonymous clients, per user once authenticated.

Rates come from `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` (`API_THROTTLE_ANON`, `API_THROTTLE_USER`), read
on each request so a changed setting applies at once. Over the rate a client gets 429 with Retry-After.
"""

from rest_framework import exceptions, throttling
from rest_framework.settings import api_settings


class CurrentRatesMixin:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonRateThrottle(CurrentRatesMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(CurrentRatesMixin, throttling.UserRateThrottle):
    pass


class ThrottleFirstMixin:
    """For views: every request counts against the rate, refused ones too.

    DRF checks throttles after authentication and permissions, so a wrong token or an anonymous request
    that gets 401 would never be throttled; here they are checked first (and once per request).
    """

    def perform_authentication(self, request):
        try:
            super().perform_authentication(request)
        except exceptions.APIException:
            self.check_throttles(request)  # as the anonymous client it now is
            raise

    def check_permissions(self, request):
        self.check_throttles(request)
        super().check_permissions(request)

    def check_throttles(self, request):
        if not getattr(request, "throttles_checked", False):
            request.throttles_checked = True
            super().check_throttles(request)
