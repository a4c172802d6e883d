"""Revoke every API token of a user, e.g. when a key may have leaked or the user leaves."""

from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError
from knox.models import AuthToken


class Command(BaseCommand):
    help = "Revoke (delete) all API tokens of USERNAME; requests with them get 401 from then on."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        revoked, _ = AuthToken.objects.filter(user=user).delete()
        self.stdout.write(self.style.SUCCESS(f"Revoked {revoked} token(s) of {username}."))
