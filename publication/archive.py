"""The approved plan as an archival record: a PDF/A-3b document that carries the plan's data inside it.

Approval (`plans.workflow.approve`) calls `approved_document(plan, approver)`: the plan printed as
PDF/A-3b with the whole plan as JSON embedded (the full-plan API's serialization, related to the
document as its data source), then signed by the approving office when a certificate is configured
(`publication.signing`). The SHA-256 kept with the plan is that of these final bytes.
"""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.renderers import JSONRenderer

from plans.models import AnnualPlan, WorkflowAction

PDF_VARIANT = "pdf/a-3b"
DATA_FILENAME = "plan.json"


class RelativeURLs:
    """A stand-in request for serializing outside a request: links stay paths ('/api/v1/plans/1/')."""

    versioning_scheme = None
    GET = {}

    def build_absolute_uri(self, location=None):
        return location


def plan_data(plan):
    """The plan as the full-plan API gives it, as JSON bytes; of the workflow, only its approval."""
    from plans.api.full_plan import full_plan_queryset, full_plan_serializer

    fresh = full_plan_queryset(AnnualPlan.objects.filter(pk=plan.pk)).get()
    fresh.status = plan.status  # at approval the new status is saved after the PDF is made
    data = full_plan_serializer()(fresh, context={"request": RelativeURLs()}).data
    # Comments of a return are the reviewers' working notes, not part of the published record.
    data["workflow_events"] = [event for event in data["workflow_events"] if event["action"] == WorkflowAction.APPROVE]
    return JSONRenderer().render(data)


def render_archival_pdf(plan):
    """The plan printed as PDF/A-3b with `plan.json` embedded (AFRelationship /Data), never from the cache."""
    from weasyprint import Attachment

    from plans.pdf import render_plan_html, write_pdf

    now = timezone.now()
    attachment = Attachment(
        file_obj=io.BytesIO(plan_data(plan)),
        name=DATA_FILENAME,
        description=_("The figures of %(plan)s as data (JSON)") % {"plan": plan},
        created=now,
        modified=now,
        relationship="Data",
    )
    return write_pdf(render_plan_html(plan), pdf_variant=PDF_VARIANT, attachments=[attachment])


def embedded_data(content):
    """The bytes of `plan.json` embedded in the PDF `content`, or None when it has none."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    root = PdfFileReader(io.BytesIO(content), strict=False).root
    try:
        names = root["/Names"]["/EmbeddedFiles"]["/Names"]  # indexing resolves indirect objects
    except KeyError:
        return None
    for index in range(0, len(names) - 1, 2):
        if str(names[index]) == DATA_FILENAME:
            return names[index + 1]["/EF"]["/F"].data
    return None


def approved_document(plan, approver):
    """The bytes to keep as the approved plan: the archival PDF, signed when the office has a certificate."""
    from publication.signing import sign_approved_pdf

    return sign_approved_pdf(render_archival_pdf(plan), plan, approver)
