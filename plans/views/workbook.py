"""The plan's workbook on the portal: download it, upload one, see the differences, confirm them.

The upload is kept server-side between the preview and the confirmation: under `MEDIA_ROOT/workbook-uploads/`
with a random name, known only to the session of the user who uploaded it and tied to the plan with the
file's SHA-256, which is checked again on confirmation (the import reads the file afresh and applies only
what it finds then, in one transaction).
"""

import hashlib
import io
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans.views.common import forbidden, visible_plan
from plans.workbook import access
from plans.workbook.api import MAX_UPLOAD_BYTES, XLSX
from plans.workbook.export import export_plan, filename
from plans.workbook.importer import import_workbook

SESSION_KEY = "workbook_uploads"


def upload_dir():
    return Path(settings.MEDIA_ROOT) / "workbook-uploads"


def plan_page_context(plan, user):
    """What the plan page's workbook buttons need (`plans.registry.Section.plan_page_context`)."""
    return {
        "may_export_workbook": access.may_export(user),
        "may_import_workbook": access.may_import(user) and not plan.is_locked,
    }


@login_required
def download(request, district, year):
    plan = visible_plan(request, district, year)
    if not access.may_export(request.user):
        return forbidden(request, _("You may not read every section of this plan."), plan)
    response = HttpResponse(export_plan(plan, request.user), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename(plan.district, plan.year_start)}"'
    return response


def refuse_import(request, plan):
    if not access.may_import(request.user):
        return forbidden(request, _("Loading a workbook needs the change permission on the plan's data."), plan)
    return None


@login_required
def upload(request, district, year):
    """The upload form (GET); the differences of the uploaded workbook, to confirm (POST)."""
    plan = visible_plan(request, district, year)
    if refusal := refuse_import(request, plan):
        return refusal
    context = {"plan": plan, "errors": [] if not plan.is_locked else [_("%(plan)s is locked.") % {"plan": plan}]}
    if request.method != "POST":
        return render(request, "portal/workbook_upload.html", context)
    file = request.FILES.get("file")
    if file is None:
        context["errors"] = [_("Choose a workbook (.xlsx) to upload.")]
    elif file.size > MAX_UPLOAD_BYTES:
        context["errors"] = [_("The workbook is larger than 10 MB.")]
    if context["errors"]:
        return render(request, "portal/workbook_upload.html", context, status=400)
    content = file.read()
    result = import_workbook(plan.district, plan.year_start, io.BytesIO(content), user=request.user, dry_run=True)
    if result.errors:
        context["errors"] = result.errors
        return render(request, "portal/workbook_upload.html", context, status=409 if result.locked else 400)
    token = ""
    if result.differences:
        token = secrets.token_urlsafe(24)
        upload_dir().mkdir(parents=True, exist_ok=True)
        (upload_dir() / f"{token}.xlsx").write_bytes(content)
        uploads = request.session.get(SESSION_KEY, {})
        uploads[token] = {"plan": plan.pk, "sha256": hashlib.sha256(content).hexdigest()}
        request.session[SESSION_KEY] = uploads
    context |= {"result": result, "token": token, "file_name": file.name}
    return render(request, "portal/workbook_preview.html", context)


def take_upload(request, plan, token):
    """The bytes of the user's upload `token` for `plan`, once (the file is removed), or None."""
    uploads = request.session.get(SESSION_KEY, {})
    entry = uploads.pop(token, None)  # only names this session was given: never a path from the request
    request.session[SESSION_KEY] = uploads
    if entry is None or entry["plan"] != plan.pk:
        return None
    path = upload_dir() / f"{token}.xlsx"
    if not path.exists():
        return None
    content = path.read_bytes()
    path.unlink()
    return content if hashlib.sha256(content).hexdigest() == entry["sha256"] else None


@login_required
@require_POST
def confirm(request, district, year):
    plan = visible_plan(request, district, year)
    if refusal := refuse_import(request, plan):
        return refusal
    content = take_upload(request, plan, request.POST.get("token", ""))
    if request.POST.get("cancel") or content is None:
        if content is None and not request.POST.get("cancel"):
            messages.error(request, _("That upload has expired or was already applied: upload the workbook again."))
        return redirect(plan)
    result = import_workbook(plan.district, plan.year_start, io.BytesIO(content), user=request.user)
    if result.errors:
        return render(request, "portal/workbook_upload.html", {"plan": plan, "errors": result.errors}, status=400)
    count = len(result.differences)
    messages.success(request, _("The workbook's %(count)s changes are saved.") % {"count": count})
    return redirect(plan)
