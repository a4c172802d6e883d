"""Uploaded files (district maps, approved PDFs) through the user's scope; never as plain public files.

`MEDIA_URL` points here. A file is served only to a logged-in user who may see the row it belongs to
(`visible_to(user)`); an approved PDF only while its plan is approved. Anything else is a 404, so a
guessable file name gives nothing away.
"""

import mimetypes

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from plans.models import PlanStatus

# The upload folder of each file field, the row that owns it and what else that row must satisfy.
SCOPED_FILES = {
    "maps": ("plans.DistrictProfile", "map_image", {}),
    "approved": ("plans.AnnualPlan", "approved_pdf", {"status": PlanStatus.APPROVED}),
}


def owner_of(user, name):
    """The row the user may see that holds the uploaded file `name`, or None."""
    folder = name.split("/", 1)[0]
    if folder not in SCOPED_FILES:
        return None, None
    model_label, field, conditions = SCOPED_FILES[folder]
    model = apps.get_model(model_label)
    return model.objects.visible_to(user).filter(**{field: name}, **conditions).first(), field


@require_safe
@login_required
def scoped_file(request, name):
    """One uploaded file, when the user may see the row that holds it."""
    row, field = owner_of(request.user, name)
    if row is None:
        raise Http404(_("No such file among those you may see."))
    stored = getattr(row, field)
    try:
        handle = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is missing from the store.")) from error
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=300"
    return response
