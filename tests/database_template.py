"""The migrated test database, built once and copied: migrating takes seconds of CPU in every xdist worker.

`migrate`, when it sets up a test database, first looks for a copy of a database that was migrated from the same
migration files (every installed app's, hashed with the models' permissions, Django's version and the engine).
If there is one it copies it in; if not, it migrates and keeps a copy for the next worker or the next run. A lock
file makes a worker that finds no copy wait while another one builds it, so the migrations run once.

SQLite (the test database lives in memory): the copy is a database file in pytest's cache folder
(`.pytest_cache/d/migrated-test-db/`), copied in and out with SQLite's backup API. PostgreSQL: the copy is a
database of its own on the same server, `<test database>_migrated_<hash>`, and each worker's test database is
created from it with `CREATE DATABASE ... TEMPLATE`; copies of older migrations are dropped when a new one is made.
Everything else `create_test_db` does (serializing for `serialized_rollback`, the cache table) runs as usual.
"""

import hashlib
import importlib
import os
import sqlite3
from contextlib import contextmanager, suppress
from pathlib import Path
from unittest import mock

import django
from django.apps import apps
from django.core.management.commands import migrate
from django.db import DatabaseError, connections
from django.db.migrations.loader import MigrationLoader

from tests.once import locked


def migrations_key(connection):
    """A hash of what a migrated database holds: every migration file, the permissions and the engine."""
    digest = hashlib.sha256(f"{django.__version__} {connection.vendor}".encode())
    for app in sorted(apps.get_app_configs(), key=lambda app: app.label):
        module_name, _explicit = MigrationLoader.migrations_module(app.label)
        try:
            module = importlib.import_module(module_name) if module_name else None
        except ModuleNotFoundError:
            module = None
        for folder in getattr(module, "__path__", []):
            for path in sorted(Path(folder).glob("*.py")):
                digest.update(f"{app.label}/{path.name}".encode())
                digest.update(path.read_bytes())
        for model in app.get_models():
            meta = model._meta
            digest.update(repr((meta.label, meta.permissions, meta.default_permissions)).encode())
    return digest.hexdigest()[:16]


def sqlite_migrate(connection, folder, run_migrations):
    copy = folder / f"{connection.alias}-{migrations_key(connection)}.sqlite3"
    with locked(copy.with_suffix(".lock")):
        connection.ensure_connection()
        if copy.exists():
            source = sqlite3.connect(copy)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
            return
        run_migrations()
        for old in folder.glob(f"{connection.alias}-*.sqlite3"):
            old.unlink()
        partial = copy.with_suffix(f".{os.getpid()}.tmp")
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        os.replace(partial, copy)


def postgresql_migrate(connection, folder, run_migrations):
    name = connection.settings_dict["NAME"]
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    prefix = f"{name.removesuffix(f'_{worker}') if worker else name}_migrated_"
    template = f"{prefix}{migrations_key(connection)}"
    quote = connection.ops.quote_name
    with locked(folder / f"{template}.lock"):
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix.replace("_", r"\_") + "%"])
            existing = [row[0] for row in cursor.fetchall()]
        if template not in existing:
            run_migrations()
        connection.close()
        with connection._nodb_cursor() as cursor:
            if template not in existing:
                for old in existing:
                    with suppress(DatabaseError):  # in use by another run: left for a later one
                        cursor.execute(f"DROP DATABASE IF EXISTS {quote(old)}")
                cursor.execute(f"CREATE DATABASE {quote(template)} TEMPLATE {quote(name)}")
            else:
                cursor.execute(f"DROP DATABASE {quote(name)}")
                cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")


COPIERS = {"sqlite": sqlite_migrate, "postgresql": postgresql_migrate}


@contextmanager
def migrations_copied(folder):
    """While test databases are set up, `migrate` copies a migrated database kept in `folder` when it can."""
    handle = migrate.Command.handle

    def copying_handle(command, *args, **options):
        connection = connections[options["database"]]
        copier = COPIERS.get(connection.vendor)
        if copier is None:
            return handle(command, *args, **options)
        copier(connection, Path(folder), lambda: handle(command, *args, **options))

    with mock.patch.object(migrate.Command, "handle", copying_handle):
        yield
