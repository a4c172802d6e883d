"""Prepare a local portal: load the Kasur plan when it is missing and make sure a local admin exists."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, call_command

from plans.models import AnnualPlan

PASSWORD_FILE = Path(settings.BASE_DIR) / ".local-admin-password"


class Command(BaseCommand):
    help = "Load the Kasur 2023-2024 plan if it is not there and create (or show) the local admin login."

    def handle(self, *args, **options):
        if not AnnualPlan.objects.filter(district__slug="kasur", year_start=2023).exists():
            call_command("loaddata", "kasur_2023_24", verbosity=0)
            self.stdout.write("Loaded the Kasur 2023-2024 plan.")
        user_model = get_user_model()
        if PASSWORD_FILE.exists() and user_model.objects.filter(username="admin").exists():
            password = PASSWORD_FILE.read_text().strip()
        else:
            password = secrets.token_urlsafe(12)
            admin, _ = user_model.objects.get_or_create(username="admin", defaults={"email": "admin@localhost"})
            admin.is_staff = admin.is_superuser = True
            admin.set_password(password)
            admin.save()
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
        self.stdout.write(self.style.SUCCESS(f"Local admin login: admin / {password}"))
        self.stdout.write("Portal: http://127.0.0.1:8000/   Admin: http://127.0.0.1:8000/admin/")
