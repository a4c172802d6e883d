"""With REDIS_URL, server processes share one cache: a PDF stored by one is served by the other, an edit seen in
one makes the other's PDF stale at once, and a render lock taken by one holds for the other.

Two separate Python processes with the project's settings stand for two server processes (or a server and a
Celery worker); each answers commands on its stdin. They use Redis database 1 under a key prefix of this test
run, deleted afterwards. Skipped only when Redis is unreachable.
"""

import json
import os
import socket
import subprocess
import sys
import textwrap
import uuid

import pytest
from django.conf import settings

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/1")

# A server process: one command per line, one JSON answer per line.
SERVER = textwrap.dedent(
    """
    import json, sys
    import django
    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from plans import pdf
    from plans.models import AnnualPlan

    plan = AnnualPlan(pk=41, district_id=7, status="draft", print_language="en")
    print(json.dumps(settings.CACHES["default"]["BACKEND"]), flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "download":  # what the PDF view finds in the cache for the plan's current version
            content = cache.get(pdf.pdf_cache_key(plan))
            answer = content.decode() if content else None
        elif command.startswith("render "):  # a render stored under the current version
            cache.set(pdf.pdf_cache_key(plan), command.removeprefix("render ").encode(), 60)
            answer = "stored"
        elif command == "edit":  # what the signal receiver does when a row of the plan is saved
            pdf.invalidate(AnnualPlan, plan)
            answer = "edited"
        elif command == "lock":
            answer = cache.add(pdf.lock_key(pdf.pdf_cache_key(plan)), "me@0", 60)
        print(json.dumps(answer), flush=True)
    """
)


def redis_reachable():
    host, port = "127.0.0.1", 6379
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


class Server:
    def __init__(self, prefix):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "kasur_police.settings_test",
            "DEBUG": "true",
            "REDIS_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": prefix,
        }
        env.pop("CACHE_BACKEND", None)
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=settings.BASE_DIR,
        )
        self.backend = json.loads(self.process.stdout.readline())

    def ask(self, command):
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture
def servers():
    if not redis_reachable():
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")
    import redis

    prefix = f"shared-cache-test-{uuid.uuid4().hex[:8]}"
    started = [Server(prefix), Server(prefix)]
    yield started
    for server in started:
        server.stop()
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


def test_two_processes_share_pdfs_invalidation_and_locks(servers):
    one, two = servers
    assert one.backend == two.backend == "django.core.cache.backends.redis.RedisCache"

    assert one.ask("render version 1") == "stored"
    assert two.ask("download") == "version 1"  # rendered by one, served by two

    assert two.ask("edit") == "edited"
    assert one.ask("download") is None  # the edit in two made one's copy stale
    assert two.ask("download") is None

    assert two.ask("render version 2") == "stored"
    assert one.ask("download") == "version 2"

    assert one.ask("lock") is True  # one renders; two may not start the same render
    assert two.ask("lock") is False


def test_a_broker_without_a_shared_cache_is_refused_at_start(settings):
    from kasur_police.celery import workers_share_the_cache

    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [error.id for error in workers_share_the_cache(None)] == ["kasur_police.E001"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    assert workers_share_the_cache(None) == []
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert workers_share_the_cache(None) == []
