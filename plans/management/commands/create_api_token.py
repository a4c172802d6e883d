"""Make an API token for a user. Only its digest is stored, so the key is printed this once."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError
from knox.models import AuthToken
from knox.settings import knox_settings


class Command(BaseCommand):
    help = (
        "Create an API token for USERNAME (header `Authorization: Token <key>`). "
        "The key is printed once and cannot be shown again; it expires after --days (API_TOKEN_TTL_DAYS by default)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--days", type=int, help="Days until the token expires.")

    def handle(self, *args, username, days, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if not user.is_active:
            raise CommandError(f"The user {username!r} is inactive.")
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        ttl = timedelta(days=days) if days is not None else knox_settings.TOKEN_TTL
        token, key = AuthToken.objects.create(user=user, expiry=ttl)
        self.stdout.write(key)
        self.stderr.write(
            f"Token for {username}, expires {token.expiry:%Y-%m-%d %H:%M} UTC. "
            "Keep it now: it is stored only as a digest and will not be shown again."
        )
