"""The Celery application: `celery -A kasur_police worker` renders PDFs and compendiums off the request path.

Configuration comes from Django's settings (CELERY_*): the broker from CELERY_BROKER_URL (Redis or RabbitMQ),
results in CELERY_RESULT_BACKEND (REDIS_URL by default). Without a broker every task runs eagerly, in the
process that asks for it. Tasks are found in each app's `tasks.py`.

A worker and the web processes meet in the cache (the PDFs, their versions, the render locks), so with a broker
the cache must be shared: the check below refuses to start with a broker and a per-process cache.
"""

import os

from celery import Celery
from django.core import checks

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kasur_police.settings")

app = Celery("kasur_police")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

PER_PROCESS_CACHES = ("django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache")


@checks.register(checks.Tags.caches)
def workers_share_the_cache(app_configs, **kwargs):
    """With a broker, the cache must be one that the worker and the web processes share."""
    from django.conf import settings

    if settings.CELERY_TASK_ALWAYS_EAGER or settings.CACHES["default"]["BACKEND"] not in PER_PROCESS_CACHES:
        return []
    return [
        checks.Error(
            "CELERY_BROKER_URL is set but the cache is each process's own: a worker's PDFs would never reach "
            "the web processes.",
            hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/1) or a shared CACHE_BACKEND.",
            id="kasur_police.E001",
        )
    ]
