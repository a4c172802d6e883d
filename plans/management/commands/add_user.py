"""Create a portal account: a staff user with a role (its group) and the district, region or province it covers."""

import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError
from django.db import transaction

from plans.models import District, Membership, Province, Region, Role


class Command(BaseCommand):
    help = (
        "Create a user with a role and a scope, e.g. add_user ali --role clerk --district kasur. "
        "Prints a generated password unless --password-file is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--district", metavar="SLUG", help="The district the user works for.")
        scope.add_argument("--region", metavar="SLUG", help="A region (reviewers and readers).")
        scope.add_argument(
            "--province",
            metavar="SLUG",
            nargs="?",
            const="",
            help="A province (reviewers and readers); the slug may be left out when there is only one.",
        )
        parser.add_argument("--password-file", help="Read the password from this file's first line.")
        parser.add_argument("--email", default="")

    @transaction.atomic
    def handle(self, *args, username, role, district, region, province, password_file, email, **options):
        user_model = get_user_model()
        if user_model.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        membership = Membership(role=role, **self.scope(district, region, province))
        user = user_model(username=username, email=email, is_staff=True)
        generated = password_file is None
        password = secrets.token_urlsafe(12) if generated else self.read_password(password_file)
        try:
            validate_password(password, user)
            user.set_password(password)
            user.full_clean()
            membership.full_clean(exclude=["user"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        user.save()
        membership.user = user
        membership.save()
        user.groups.add(self.group(role))
        self.stdout.write(self.style.SUCCESS(f"Created {membership}."))
        if generated:
            self.stdout.write(f"Password: {password}")

    def scope(self, district, region, province):
        if district is not None:
            return {"district": self.lookup(District, district, "district")}
        if region is not None:
            return {"region": self.lookup(Region, region, "region")}
        if province:
            return {"province": self.lookup(Province, province, "province")}
        provinces = list(Province.objects.all()[:2])
        if len(provinces) != 1:
            raise CommandError("Name the province: --province SLUG.")
        return {"province": provinces[0]}

    def lookup(self, model, slug, label):
        try:
            return model.objects.get(slug=slug)
        except model.DoesNotExist:
            known = ", ".join(model.objects.values_list("slug", flat=True)[:20]) or "none"
            raise CommandError(f"No {label} with slug {slug!r} (known: {known}).") from None

    def read_password(self, path):
        try:
            lines = Path(path).read_text().splitlines()
        except OSError as error:
            raise CommandError(f"Cannot read the password file: {error}") from error
        if not lines or not lines[0]:
            raise CommandError(f"The password file {path} is empty.")
        return lines[0]

    def group(self, role):
        try:
            return Group.objects.get(name=role)
        except Group.DoesNotExist:
            raise CommandError(f"The group {role!r} is missing: run manage.py migrate first.") from None
