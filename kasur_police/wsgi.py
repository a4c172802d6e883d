"""WSGI entry point (gunicorn kasur_police.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kasur_police.settings")

application = get_wsgi_application()
