"""Deployment settings: production values pass Django's deploy checks; missing ones stop start-up."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


# Test runners may set these for themselves; a deployment does not.
DEPLOYMENT_VARIABLES = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if key not in DEPLOYMENT_VARIABLES}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_values():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x7Gq-production-secret-" + "k" * 40,
        ALLOWED_HOSTS="plans.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_secret_key_fails_loudly():
    result = manage("check", DEBUG="false", ALLOWED_HOSTS="plans.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_without_allowed_hosts_fails_loudly():
    result = manage("check", DEBUG="false", SECRET_KEY="x7Gq-production-secret-" + "k" * 40)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr
