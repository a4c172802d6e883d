"""The approving office's signature on the approved plan (PAdES, pyHanko) and checking it again later.

The office's certificate and key come from the environment, read when a plan is approved:
`APPROVAL_SIGNING_P12` names a PKCS#12 file and `APPROVAL_SIGNING_PASSWORD` holds its password. Without
them the approved PDF is kept unsigned, and the portal says so. The signature is an incremental update
of the PDF/A-3b file, so the signed bytes keep the archival document exactly as printed, and is
invisible (no widget is drawn on the pages). The certificates of the same PKCS#12 file are the trust
roots when a signature is checked (`check_signatures`).
"""

import asyncio
import hashlib
import io
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

P12_ENV = "APPROVAL_SIGNING_P12"
PASSWORD_ENV = "APPROVAL_SIGNING_PASSWORD"
FIELD_NAME = "Approval"
CACHE_SECONDS = 24 * 60 * 60


def outside_event_loop(function, *args, **kwargs):
    """Call one of pyHanko's synchronous functions, which start an event loop of their own (`asyncio.run`).

    In a thread that already runs a loop (an ASGI server's, a browser driver's) that is refused, so the call
    then goes to a worker thread of its own.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def configured_p12():
    """(path, password) of the office's PKCS#12 file, or None when no certificate is configured."""
    path = os.environ.get(P12_ENV, "").strip()
    if not path:
        return None
    if not Path(path).is_file():
        raise ImproperlyConfigured(f"{P12_ENV} names {path}, which is not a file.")
    password = os.environ.get(PASSWORD_ENV, "")
    return Path(path), password.encode() if password else None


def load_signer():
    """pyHanko's signer for the configured certificate, or None."""
    from pyhanko.sign import signers

    configured = configured_p12()
    if configured is None:
        return None
    path, password = configured
    signer = signers.SimpleSigner.load_pkcs12(str(path), passphrase=password)
    if signer is None:
        raise ImproperlyConfigured(f"{P12_ENV}: the PKCS#12 file could not be opened with {PASSWORD_ENV}.")
    return signer


def approval_reason(plan):
    return _("Approved under Article 44 of the Police Order 2002 on behalf of the %(authority)s") % {
        "authority": plan.district.get_approving_authority_display()
    }


def approver_name(user):
    return user.get_full_name() or user.get_username()


def sign_approved_pdf(content, plan, approver):
    """Sign `content` for the approving office, naming the approver and the reason; unchanged when unsigned."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = load_signer()
    if signer is None:
        return content
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=approval_reason(plan),
        location=str(plan.district),
        name=approver_name(approver),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    return outside_event_loop(signers.sign_pdf, writer, metadata, signer=signer).getvalue()


def trust_roots():
    """The certificates of the configured PKCS#12 file (the office's own and its chain)."""
    signer = load_signer()
    if signer is None:
        return []
    return [signer.signing_cert, *signer.cert_registry]


@dataclass
class SignatureCheck:
    """What pyHanko finds about one signature of a PDF."""

    field: str
    signer: str  # the certificate's subject
    fingerprint: str  # SHA-256 of the certificate, hex
    signer_name: str
    reason: str
    signed_at: object
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the cryptographic signature checks out
    trusted: bool  # the certificate leads to a configured trust root
    covers_whole_file: bool

    @property
    def good(self):
        return self.intact and self.valid and self.trusted and self.covers_whole_file


def check_signatures(content):
    """Every signature in the PDF `content`, validated against the configured trust roots.

    Raises ValueError when the bytes are not a PDF pyHanko can read.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception as error:  # noqa: BLE001 (an uploaded file may break the parser in any way: it is unreadable)
        raise ValueError(str(error)) from error
    context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
    checks = []
    for signature in signatures:
        details = signature.sig_object
        try:
            status = outside_event_loop(validate_pdf_signature, signature, context, skip_diff=True)
        except Exception as error:  # noqa: BLE001 (likewise a malformed signature)
            raise ValueError(str(error)) from error
        certificate = status.signing_cert
        checks.append(
            SignatureCheck(
                field=signature.field_name,
                signer=certificate.subject.human_friendly,
                fingerprint=hashlib.sha256(certificate.dump()).hexdigest(),
                signer_name=str(details.get("/Name", "")),
                reason=str(details.get("/Reason", "")),
                signed_at=signature.self_reported_timestamp,
                intact=status.intact,
                valid=status.valid,
                trusted=status.trusted,
                covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
            )
        )
    return checks


def stored_signatures(plan):
    """The signatures of the plan's approved PDF, read once per approved file (cached by its SHA-256)."""
    if not plan.approved_pdf_sha256:
        return []
    key = f"approved-pdf-signatures:{plan.approved_pdf_sha256}"
    checks = cache.get(key)
    if checks is None:
        with plan.approved_pdf.open("rb") as handle:
            try:
                checks = check_signatures(handle.read())
            except ValueError:
                checks = []
        cache.set(key, checks, CACHE_SECONDS)
    return checks
