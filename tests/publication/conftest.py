"""The Kasur plan approved once per test session, through the real approval (PDF/A-3b, data embedded, signed).

Rendering costs seconds, so `approval` approves in a transaction that is rolled back and keeps the bytes;
`approved_kasur` then records the Kasur plan of each test as approved with exactly those bytes.
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from plans import workflow
from plans.models import AnnualPlan, PlanStatus
from tests.publication.helpers import record_approval, write_test_certificate

APPROVER = {"username": "rpo", "first_name": "Ahmad", "last_name": "Khan"}


@pytest.fixture(autouse=True)
def fresh_cache():
    """Throttle counts and cached pages of one test must not reach the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def certificate(tmp_path_factory):
    path, password, certificate = write_test_certificate(tmp_path_factory.mktemp("certificate"))
    return SimpleNamespace(path=path, password=password, certificate=certificate)


@pytest.fixture
def signing(monkeypatch, certificate):
    """The office's certificate configured as in production, through the environment."""
    monkeypatch.setenv("APPROVAL_SIGNING_P12", str(certificate.path))
    monkeypatch.setenv("APPROVAL_SIGNING_PASSWORD", certificate.password)
    return certificate


@pytest.fixture(scope="session")
def approval(django_db_setup, django_db_blocker, certificate, tmp_path_factory):
    """Approve the Kasur plan for real once: the stored bytes, their SHA-256 and the plan as it was approved."""
    media = tmp_path_factory.mktemp("media")
    with pytest.MonkeyPatch.context() as patch, override_settings(MEDIA_ROOT=media), django_db_blocker.unblock():
        patch.setenv("APPROVAL_SIGNING_P12", str(certificate.path))
        patch.setenv("APPROVAL_SIGNING_PASSWORD", certificate.password)
        with transaction.atomic():
            call_command("loaddata", "kasur_2023_24", verbosity=0)
            plan = AnnualPlan.objects.select_related("district").get(district__slug="kasur", year_start=2023)
            # The Kasur document's own arithmetic errors refuse a submission; the approval is what is tested.
            AnnualPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.SUBMITTED)
            approver = get_user_model().objects.create_superuser(**APPROVER)
            workflow.approve(plan, approver, "Approved in the commission's meeting.")
            plan.refresh_from_db()
            with plan.approved_pdf.open("rb") as stored:
                content = stored.read()
            result = SimpleNamespace(content=content, sha256=plan.approved_pdf_sha256, status=plan.status)
            transaction.set_rollback(True)
    return result


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def approver(db):
    return get_user_model().objects.create_user(**APPROVER)


@pytest.fixture
def approved_kasur(kasur_plan, approval, approver, media):
    """This test's Kasur plan, approved with the bytes the real approval stored."""
    return record_approval(kasur_plan, approval.content, approver)
