import copy
import importlib
from contextlib import nullcontext
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection
from django.db.models.signals import post_save
from django.test.utils import override_settings
from django.utils import translation

from plans import audit
from plans.models import AnnualPlan, District, Role
from tests.database_template import migrations_copied
from tests.once import once_per_run

# The API tests' world, users and clients, for the API tests of every app.
pytest_plugins = ["tests.api.fixtures"]

KASUR_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "kasur_2023_24.json"
FAKE_APPROVED_PDF = b"%PDF-1.7 the plan as approved"


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's, with `migrate` copying a database migrated before (`tests.database_template`): each
    xdist worker would otherwise run every migration itself. Without pytest's cache (`-p no:cacheprovider`),
    or with `--no-migrations` or `--reuse-db`, it is pytest-django's own."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    cache = getattr(request.config, "cache", None)
    copying = migrations_copied(cache.mkdir("migrated-test-db")) if cache is not None else nullcontext()
    if request.config.getvalue("nomigrations"):
        _disable_migrations()
    keepdb = django_db_keepdb and not django_db_createdb
    if keepdb or request.config.getvalue("nomigrations"):
        copying = nullcontext()
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock(), copying:
        db_cfg = setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            aliases=aliases,
            serialized_aliases=serialized_aliases,
            keepdb=keepdb,
        )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=request.config.option.verbose)


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's language. A request in Urdu leaves its thread in Urdu (LocaleMiddleware
    activates the request's language and nothing switches it back), which the next test's direct calls would
    inherit."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Hashing a password the production way takes a good part of a second; tests check logins, not strength."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session")
def kasur_rows(django_db_setup, django_db_blocker):
    """The Kasur fixture's rows, read and deserialized once per test session (and per xdist worker)."""
    with django_db_blocker.unblock():
        objects = [entry.object for entry in serializers.deserialize("json", KASUR_FIXTURE.read_text())]
    by_model = {}
    for obj in objects:  # the fixture lists every table after the tables it points at
        by_model.setdefault(type(obj), []).append(obj)
    return list(by_model.items())


def kasur_plan_rows(kasur_rows):
    """The fixture's Kasur 2023-2024 plan and its district, as parsed."""
    rows = dict(kasur_rows)
    plan = next(row for row in rows[AnnualPlan] if row.year_start == 2023)
    district = next(row for row in rows[District] if row.pk == plan.district_id)
    return plan, district


@pytest.fixture
def kasur_plan(db, kasur_rows):
    """The Kasur 2023-2024 plan, as `loaddata kasur_2023_24` leaves it: the fixture that carries the document.

    Its rows go in with one insert per table (from the session's parsed copy) rather than row by row, and
    the test's transaction takes them away again. Each row gets the first history record `loaddata` gives
    it; the plan's and district's saves are signalled as `loaddata` signals them (which records theirs),
    so no PDF cached by an earlier test for the same ids is taken for this one.
    """
    return insert_kasur_plan(kasur_rows)


def insert_kasur_plan(kasur_rows):
    """Insert the session's parsed Kasur rows (see `kasur_plan`) and return the plan."""
    plan_row, district_row = kasur_plan_rows(kasur_rows)
    for model, rows in kasur_rows:
        model.objects.bulk_create(copy.copy(row) for row in rows)
        if getattr(model._meta, "simple_history_manager_attribute", None):
            unsignalled = [row for row in rows if row is not plan_row and row is not district_row]
            model.history.bulk_history_create(unsignalled, default_change_reason=audit.LOADED_REASON)
    models = [model for model, _rows in kasur_rows]
    with connection.cursor() as cursor:  # PostgreSQL: new rows take ids after the fixture's, as after loaddata
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    connection.check_constraints(table_names=[model._meta.db_table for model in models])
    plan = AnnualPlan.objects.select_related("district").get(pk=plan_row.pk)
    for instance in (plan.district, plan):
        post_save.send(type(instance), instance=instance, created=True, raw=True, using=connection.alias)
    return plan


@pytest.fixture(scope="session")
def kasur_pdf(django_db_setup, django_db_blocker, tmp_path_factory):
    """The Kasur plan's PDF as `loaddata kasur_2023_24` leaves it, rendered once per test run (it takes seconds):
    by the first xdist worker that needs it, for all of them.

    For tests that only read the document; the rows are rolled back. Tests of rendering itself (the cache,
    invalidation, the views) render their own.
    """
    from django.core.management import call_command
    from django.db import transaction

    from plans.pdf import render_plan_pdf

    def render():
        with django_db_blocker.unblock(), transaction.atomic():
            call_command("loaddata", "kasur_2023_24", verbosity=0)
            plan = AnnualPlan.objects.select_related("district").get(district__slug="kasur", year_start=2023)
            pdf = render_plan_pdf(plan, use_cache=False)
            transaction.set_rollback(True)
        return pdf

    return once_per_run(tmp_path_factory, "kasur-pdf", render)


@pytest.fixture(scope="session")
def api_schema(tmp_path_factory):
    """The API's OpenAPI schema as `manage.py spectacular` writes it, made once per test run (it takes seconds;
    by the first xdist worker that needs it, for all of them); any warning or validation error fails here. Tests
    read it and leave it as it is."""
    import yaml
    from django.core.management import call_command

    def generate():
        path = tmp_path_factory.mktemp("schema") / "schema.yml"
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
        return yaml.safe_load(path.read_text())

    return once_per_run(tmp_path_factory, "api-schema", generate)


@pytest.fixture
def kasur_clerk(kasur_plan, role_groups):
    """A clerk of Kasur in the clerk role's group: who enters the Kasur plan (password `browser.PASSWORD`)."""
    from tests.api.factories import role_user
    from tests.browser.conftest import PASSWORD

    return role_user("kasur-clerk", Role.CLERK, group=True, district=kasur_plan.district, password=PASSWORD)


@pytest.fixture
def fake_pdf(monkeypatch):
    """Approval keeps these bytes instead of its archival rendering (seconds of WeasyPrint), unsigned: for tests
    about what surrounds approval. The workflow imports `publication.archive` when it approves, so replacing
    its renderer on that module takes effect. Returns the bytes."""
    import publication.archive

    monkeypatch.delenv("APPROVAL_SIGNING_P12", raising=False)
    monkeypatch.setattr(publication.archive, "render_archival_pdf", lambda plan: FAKE_APPROVED_PDF)
    return FAKE_APPROVED_PDF


@pytest.fixture
def role_groups(db):
    """The role groups as the data migration makes them, for tests whose database was flushed before them."""
    roles = importlib.import_module("plans.migrations.0002_roles")
    roles.create_roles(apps, SimpleNamespace(connection=connection))
