"""The project package; its Celery app is loaded with Django, so `shared_task`s bind to it."""

from kasur_police.celery import app as celery_app

__all__ = ["celery_app"]
