"""Gunicorn's settings for the portal: `gunicorn -c deploy/gunicorn.conf.py kasur_police.wsgi`.

PDFs are rendered by the Celery workers, so a web request is short and a few sync workers serve many users;
without a broker (not for production) a request renders for seconds and GUNICORN_TIMEOUT must allow for it.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# A worker is replaced after this many requests (and a random few more), so that slow leaks cannot grow.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = 100
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Behind a reverse proxy on the same host that sets X-Forwarded-Proto (see SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
