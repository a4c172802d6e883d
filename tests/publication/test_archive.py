"""The PDF kept at approval: PDF/A-3b, the plan's data embedded, signed by the approving office."""

import asyncio
import hashlib
import io
import json
import re

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from django.core.management import call_command
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader, PdfWriter

from crime_stats.figures import plan_crime_table
from plans.figures import budget_total
from plans.models import PlanStatus
from publication import archive, signing
from publication import signing as signing_module
from publication.signing import outside_event_loop
from strength.figures import strength_figures


def test_approval_keeps_the_sha256_of_the_final_signed_bytes(approval):
    assert approval.status == PlanStatus.APPROVED
    assert approval.sha256 == hashlib.sha256(approval.content).hexdigest()
    assert approval.content.startswith(b"%PDF")


def test_the_approved_pdf_identifies_itself_as_pdfa_3b(approval):
    metadata = PdfReader(io.BytesIO(approval.content)).trailer["/Root"]["/Metadata"].get_object().get_data().decode()

    part = re.search(r'pdfaid:part(?:="|>)(\d)', metadata)
    conformance = re.search(r'pdfaid:conformance(?:="|>)([A-Za-z])', metadata)
    assert (part[1], conformance[1]) == ("3", "B")


def test_the_plan_is_embedded_as_json_with_its_figures(approval, kasur_plan):
    reader = PdfReader(io.BytesIO(approval.content))
    [content] = reader.attachments[archive.DATA_FILENAME]
    data = json.loads(content)
    names = reader.trailer["/Root"]["/Names"]["/EmbeddedFiles"]["/Names"]
    specification = names[names.index(archive.DATA_FILENAME) + 1].get_object()

    assert specification["/AFRelationship"] == "/Data"
    assert specification["/EF"]["/F"].get_object()["/Subtype"] == "/application/json"
    assert (data["district"]["slug"], data["fiscal_year"], data["status"]) == ("kasur", "2023-2024", "approved")
    police = strength_figures(kasur_plan).police.totals
    assert data["computed_figures"]["strength:total:sanctioned"] == police["sanctioned"] == 2323
    assert data["computed_figures"]["strength:total:present"] == police["present"]
    assert data["budget"]["total"] == budget_total(kasur_plan)
    crime = plan_crime_table(kasur_plan)
    assert data["crime"]["years"] == crime.years
    assert [event["action"] for event in data["workflow_events"]] == ["approve"]
    assert archive.embedded_data(approval.content) == content


def test_the_signature_is_intact_and_by_the_offices_certificate(approval, certificate):
    trusted = asn1_x509.Certificate.load(certificate.certificate.public_bytes(serialization.Encoding.DER))
    [signature] = PdfFileReader(io.BytesIO(approval.content)).embedded_signatures

    context = ValidationContext(trust_roots=[trusted], allow_fetching=False)
    status = outside_event_loop(validate_pdf_signature, signature, context)

    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert status.signing_cert.dump() == trusted.dump()
    assert status.coverage.name == "ENTIRE_FILE"
    assert str(signature.sig_object["/Name"]) == "Ahmad Khan"
    assert "Article 44 of the Police Order 2002" in str(signature.sig_object["/Reason"])
    # An incremental update on the PDF/A document as printed: the signature is its second revision.
    reader = PdfFileReader(io.BytesIO(approval.content))
    assert (reader.xrefs.total_revisions, signature.signed_revision) == (2, 1)


def test_without_a_certificate_the_pdf_is_kept_unsigned(monkeypatch, kasur_plan, approver):
    monkeypatch.delenv("APPROVAL_SIGNING_P12", raising=False)
    content = b"%PDF-1.7 as printed"

    assert signing.sign_approved_pdf(content, kasur_plan, approver) == content


def test_make_signing_cert_writes_a_test_certificate_and_says_so(tmp_path, capsys):
    call_command("make_signing_cert", str(tmp_path))

    output = capsys.readouterr().out
    assert "TEST CERTIFICATE" in output
    exports = dict(re.findall(r"^export (APPROVAL_SIGNING_\w+)=(.+)$", output, re.MULTILINE))
    assert set(exports) == {"APPROVAL_SIGNING_P12", "APPROVAL_SIGNING_PASSWORD"}
    signer = signers.SimpleSigner.load_pkcs12(
        exports["APPROVAL_SIGNING_P12"], passphrase=exports["APPROVAL_SIGNING_PASSWORD"].encode()
    )
    assert "TEST ONLY" in signer.signing_cert.subject.human_friendly


@pytest.mark.parametrize("signed", [True, False])
def test_the_portal_plan_page_says_whether_the_approved_pdf_is_signed(
    client, approved_kasur, approver, signing, signed
):
    from tests.publication.helpers import record_approval

    plan = approved_kasur
    if not signed:
        plan.workflow_events.all().delete()
        plan = record_approval(plan, b"%PDF-1.7 printed without a certificate", approver)
    approver.is_superuser = True
    approver.save()
    client.force_login(approver)

    html = client.get(plan.get_absolute_url()).content.decode()

    signature = re.search(r'id="approved-pdf-signature">(.*?)</div>', html, re.S)[1]
    if signed:
        assert "Signed by the approving office" in signature and "TEST ONLY" in signature
    else:
        assert "Not signed" in signature


def test_signing_and_checking_work_where_an_event_loop_already_runs(signing, kasur_plan, approver):
    """pyHanko starts a loop of its own; under an ASGI server (or a browser driver) this thread runs one."""
    page = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(page)

    async def inside_a_running_loop():
        signed = signing_module.sign_approved_pdf(page.getvalue(), kasur_plan, approver)
        return signed, signing_module.check_signatures(signed)

    signed, [check] = asyncio.run(inside_a_running_loop())
    assert signed.startswith(page.getvalue())
    assert (check.intact, check.valid, check.trusted) == (True, True, True)
