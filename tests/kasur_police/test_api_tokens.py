"""API tokens: stored only as digests, shown once, expiring, revocable; the admin never shows a key."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

PLANS = "api:annualplan-list"


def create_token(username, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", username, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def get_plans(key):
    return APIClient().get(reverse(PLANS), HTTP_AUTHORIZATION=f"Token {key}")


def test_the_command_prints_the_key_once_and_the_database_keeps_only_a_digest(users):
    out, err = create_token("clerk")
    key = out.strip()

    assert out.count(key) == 1 and key not in err
    assert "will not be shown again" in err
    assert get_plans(key).status_code == 200
    row = AuthToken.objects.filter(user=users["clerk"]).values().get()
    assert all(key not in str(value) for value in row.values())


def test_a_token_expires_after_the_default_ttl_or_the_days_given(users):
    create_token("clerk")
    create_token("reader", "--days", "7")
    now = timezone.now()

    default, week = (AuthToken.objects.get(user=users[name]).expiry - now for name in ("clerk", "reader"))
    assert timedelta(days=89) < default <= timedelta(days=90)
    assert timedelta(days=6) < week <= timedelta(days=7)


def test_an_expired_token_gets_401(users):
    key = create_token("clerk")[0].strip()
    AuthToken.objects.filter(user=users["clerk"]).update(expiry=timezone.now() - timedelta(seconds=1))

    response = get_plans(key)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_revoked_token_gets_401_and_other_users_keep_theirs(users):
    clerk_key = create_token("clerk")[0].strip()
    reader_key = create_token("reader")[0].strip()
    assert get_plans(clerk_key).status_code == 200
    out = io.StringIO()

    call_command("revoke_api_tokens", "clerk", stdout=out)

    assert "Revoked 1 token" in out.getvalue()
    assert get_plans(clerk_key).status_code == 401
    assert get_plans(reader_key).status_code == 200


def test_the_commands_refuse_an_unknown_user_or_a_nonpositive_term(users):
    with pytest.raises(CommandError):
        create_token("nobody")
    with pytest.raises(CommandError):
        create_token("clerk", "--days", "0")
    with pytest.raises(CommandError):
        call_command("revoke_api_tokens", "nobody", stdout=io.StringIO())
    assert not AuthToken.objects.exists()


def test_the_admin_lists_tokens_without_their_keys_and_deletes_them(users, client):
    key = create_token("clerk")[0].strip()
    token = AuthToken.objects.get(user=users["clerk"])
    client.force_login(users["admin"])

    listing = client.get(reverse("admin:knox_authtoken_changelist"))
    change = client.get(reverse("admin:knox_authtoken_change", args=[token.pk]))

    assert listing.status_code == 200 and change.status_code == 200
    assert "clerk" in listing.content.decode()
    assert key not in listing.content.decode() and key not in change.content.decode()
    deleted = client.post(reverse("admin:knox_authtoken_delete", args=[token.pk]), {"post": "yes"})
    assert deleted.status_code == 302
    assert get_plans(key).status_code == 401


def test_a_token_added_in_the_admin_shows_its_key_once(users, client):
    client.force_login(users["admin"])

    added = client.post(
        reverse("admin:knox_authtoken_add"),
        {"user": users["reader"].pk, "expiry_0": "2099-01-01", "expiry_1": "00:00:00"},
        follow=True,
    )

    [key] = [str(m).removeprefix("TOKEN ") for m in added.context["messages"] if str(m).startswith("TOKEN ")]
    assert AuthToken.objects.filter(user=users["reader"]).count() == 1
    assert get_plans(key).status_code == 200
    assert key not in client.get(reverse("admin:knox_authtoken_changelist")).content.decode()
