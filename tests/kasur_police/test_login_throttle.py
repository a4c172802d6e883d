"""Login throttling: wrong passwords lock one username out from one address for a while, on both login pages."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse

PASSWORD = "k4sur-Right-Password"
LOGIN_PAGES = ["login", "admin:login"]


@pytest.fixture
def officer(db):
    return User.objects.create_user("officer", password=PASSWORD, is_staff=True)


def attempt(client, page, password, address="10.0.0.1", username="officer"):
    return client.post(reverse(page), {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_wrong_passwords_lock_the_username_out_and_the_page_says_until_when(client, officer, page):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, page, "wrong").status_code == 200  # the form again, with its error

    locked = attempt(client, page, "wrong")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    text = locked.content.decode()
    assert "Too many failed logins" in text and "Try again after" in text

    # Now even the right password is refused, and no session is made.
    refused = attempt(client, page, PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_the_lockout_is_per_username_and_address(client, officer, page):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, page, "wrong")

    assert attempt(client, page, PASSWORD, address="10.0.0.2").status_code == 302  # another address
    User.objects.create_user("colleague", password=PASSWORD, is_staff=True)
    client.logout()
    assert attempt(client, page, PASSWORD, username="colleague").status_code == 302  # another username


def test_after_the_cool_off_the_right_password_works(client, officer):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "login", "wrong")
    assert attempt(client, "login", PASSWORD).status_code == 429

    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - settings.AXES_COOLOFF_TIME)
    assert attempt(client, "login", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_a_right_password_before_the_limit_clears_the_count(client, officer):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "login", "wrong")
    assert attempt(client, "login", PASSWORD).status_code == 302
    client.logout()
    assert attempt(client, "login", "wrong").status_code == 200  # counting starts again


def test_logins_without_a_request_are_not_throttled(client, officer):
    """The test client's `login()` and management commands authenticate without a request or an address."""
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        assert not client.login(username="officer", password="wrong")
    assert client.login(username="officer", password=PASSWORD)
