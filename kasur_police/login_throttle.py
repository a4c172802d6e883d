"""Login throttling on the portal's and the admin's login forms (django-axes).

Wrong passwords are counted per username and address; at `AXES_FAILURE_LIMIT` that username is refused from
that address for `AXES_COOLOFF_TIME`, and the login page says until when.
"""

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_username, get_cool_off
from django.shortcuts import render
from django.utils import timezone


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' lockout check for logins made through a request (the login forms).

    An `authenticate()` without a request (a management command, the test client's `login()`) has no
    address to count and is left to the next backend instead of being refused.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The locked-out page in the portal's style, with the time after which a login is taken again."""
    cool_off = get_cool_off(request)
    retry_at = timezone.localtime(timezone.now() + cool_off) if cool_off else None
    response = render(
        request,
        "registration/locked_out.html",
        {"username": get_client_username(request, credentials) or "", "retry_at": retry_at, "cool_off": cool_off},
        status=429,
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
