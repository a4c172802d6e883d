"""The Celery application: `celery -A kasur_police worker` renders PDFs and compendiums off the request path.

Configuration comes from Django's settings (CELERY_*): the broker from CELERY_BROKER_URL (Redis or RabbitMQ),
results in CELERY_RESULT_BACKEND (REDIS_URL by default). Without a broker every task runs eagerly, in the
process that asks for it. Tasks are found in each app's `tasks.py`.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kasur_police.settings")

app = Celery("kasur_police")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
