"""Helpers for the publication tests: a test certificate, and a plan recorded as approved with given bytes."""

import hashlib
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.files.base import ContentFile

from plans.models import AnnualPlan, PlanStatus, WorkflowAction, WorkflowEvent
from plans.workflow import approved_pdf_name
from publication.management.commands.make_signing_cert import make_test_certificate

PASSWORD = "a-test-certificate-password"


def write_test_certificate(directory):
    """A self-signed certificate and key as PKCS#12 in `directory`: (path, password, certificate)."""
    key, certificate = make_test_certificate()
    content = pkcs12.serialize_key_and_certificates(
        b"test", key, certificate, None, serialization.BestAvailableEncryption(PASSWORD.encode())
    )
    path = Path(directory) / "office.p12"
    path.write_bytes(content)
    return path, PASSWORD, certificate


def record_approval(plan, content, approver, status_before=PlanStatus.SUBMITTED):
    """Record `plan` as approved by `approver` with `content` as its approved PDF, as `workflow.approve` leaves it."""
    plan.approved_pdf.save(approved_pdf_name(plan), ContentFile(content), save=False)
    AnnualPlan.objects.filter(pk=plan.pk).update(
        status=PlanStatus.APPROVED,
        approved_pdf=plan.approved_pdf.name,
        approved_pdf_sha256=hashlib.sha256(content).hexdigest(),
    )
    WorkflowEvent.objects.create(
        plan=plan,
        action=WorkflowAction.APPROVE,
        from_status=status_before,
        to_status=PlanStatus.APPROVED,
        actor=approver,
    )
    return AnnualPlan.objects.select_related("district__region__province").get(pk=plan.pk)
