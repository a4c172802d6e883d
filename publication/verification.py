"""Is this PDF an approved plan? The answer for anyone who holds a copy, from its bytes alone.

A PDF is "approved" when its SHA-256 is that of a published plan's approved file (byte for byte the
same); its signatures are checked with pyHanko against the approving office's certificate. Uploads are
read into memory (`InMemoryUpload`) and dropped with the request: nothing is written to disk or kept.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.files.uploadhandler import MemoryFileUploadHandler

from publication.published import approval_of, published_plans, with_key_figures
from publication.signing import check_signatures

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MULTIPART_ALLOWANCE = 64 * 1024  # the form's other fields and the multipart envelope around the file


def too_large(request):
    """Whether the request body is beyond what an upload of MAX_UPLOAD_BYTES needs (it is then not read)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_UPLOAD_BYTES + MULTIPART_ALLOWANCE
    except ValueError:
        return True


class InMemoryUpload(MemoryFileUploadHandler):
    """Keeps an upload of up to MAX_UPLOAD_BYTES in memory (Django would spool a larger one to a temp file)."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = content_length <= MAX_UPLOAD_BYTES + MULTIPART_ALLOWANCE


class UploadTooLarge(ValueError):
    pass


def read_upload(upload):
    """The bytes of an uploaded file; UploadTooLarge beyond MAX_UPLOAD_BYTES."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise UploadTooLarge
    try:
        return upload.read()
    finally:
        upload.close()


@dataclass
class Verdict:
    sha256: str
    plan: object = None  # the published plan whose approved file these bytes are, or None
    signatures: list = field(default_factory=list)
    readable: bool = True  # whether pyHanko could read the file as a PDF

    @property
    def status(self):
        return "approved" if self.plan is not None else "not-known"

    @property
    def approval(self):
        return approval_of(self.plan) if self.plan is not None else None

    @property
    def signature_status(self):
        """'intact' (every signature intact, valid, trusted, covering the file), 'broken', 'untrusted' or 'unsigned'."""
        if not self.readable:
            return "unreadable"
        if not self.signatures:
            return "unsigned"
        if any(not (check.intact and check.valid and check.covers_whole_file) for check in self.signatures):
            return "broken"
        if any(not check.trusted for check in self.signatures):
            return "untrusted"
        return "intact"


def verify(content):
    """The verdict on the bytes of a PDF: which approved plan it is, if any, and what its signatures say."""
    sha256 = hashlib.sha256(content).hexdigest()
    plan = with_key_figures(published_plans()).filter(approved_pdf_sha256=sha256).first()
    verdict = Verdict(sha256=sha256, plan=plan)
    try:
        verdict.signatures = check_signatures(content)
    except ValueError:
        verdict.readable = False
    return verdict
