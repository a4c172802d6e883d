"""A chapter of a plan edited in the portal: every editor of the chapter on one page, one Save.

The page is for users who may change the chapter's rows (the change permission on each model of the
chapter's `edited_with`) and see the plan's district (another district's plan answers 404). A Save binds
every editor to the POST and, under the plan's lock, refuses a submitted or approved plan (409) and a page
older than what is stored (409: the page's `version` is the plan's version with each editor's token, so a
change made meanwhile by anyone, here, in the admin or through the API, is noticed); otherwise it validates
every editor and writes all of them in one transaction only when none has a bad cell. A refused Save shows
the page again with what the user entered, so nothing typed is lost.
"""

import hashlib
from dataclasses import dataclass

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from plans import registry
from plans.base import lock_plan, locked_message
from plans.views.common import forbidden, visible_plan

CONFLICT = 409


@dataclass
class ChapterLink:
    chapter: registry.Chapter
    url: str
    complete: bool
    current: bool


def edit_url(plan, chapter):
    return reverse("plans:plan-edit", args=[plan.district.slug, plan.fiscal_year, chapter.slug])


def editable_chapters():
    """The chapters edited in the portal, in the order of the printed plan."""
    return [chapter for chapter in registry.chapters() if chapter.editors is not None]


def may_edit(user, chapter):
    """Whether `user` may change every kind of row the chapter's editors write (their district aside)."""
    labels = chapter.edited_with or tuple(label for label in (chapter.part_model,) if label) or ("plans.AnnualPlan",)
    for label in labels:
        opts = apps.get_model(label)._meta
        if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            return False
    return True


def chapter_edit_url(user, plan, chapter):
    """The chapter's edit page for the plan page's "Edit" link: a draft, a chapter with editors, a user who may."""
    if chapter is None or chapter.editors is None or plan.is_locked or not may_edit(user, chapter):
        return ""
    return edit_url(plan, chapter)


def chapter_version(plan, editors):
    tokens = "|".join(editor.version_token() for editor in editors)
    return hashlib.sha256(f"{plan.pk}:{plan.version}|{tokens}".encode()).hexdigest()[:20]


def is_complete(editors):
    return all(editor.is_complete() for editor in editors)


def chapter_links(user, plan, current, current_editors):
    """The chapters the user may edit, in document order, each with its complete / incomplete mark."""
    links = []
    for chapter in (chapter for chapter in editable_chapters() if may_edit(user, chapter)):
        editors = current_editors if chapter.slug == current.slug else chapter.editors(plan)
        links.append(ChapterLink(chapter, edit_url(plan, chapter), is_complete(editors), chapter.slug == current.slug))
    return links


class Refused(Exception):
    def __init__(self, message, editors=None):
        super().__init__(message)
        self.message = message
        self.editors = editors


def save_chapter(plan, chapter, data):
    """Validate and save every editor of the chapter in one transaction; (saved, editors, version).

    Raises Refused (nothing written) for a locked plan, a stale page or a write the models refuse; a
    Refused carries the bound editors and the stored version when the page should show what was typed."""
    with transaction.atomic():
        locked = lock_plan(plan.pk)
        if locked.is_locked:
            raise Refused(locked_message(locked))
        editors = chapter.editors(locked, data)
        version = chapter_version(locked, editors)
        if data.get("version") != version:
            for editor in editors:  # show what was typed, checked, with the stored version: a Save now applies it
                editor.is_valid()
            raise Refused(
                _(
                    "Someone changed this chapter after you opened it: nothing was saved. Your figures are "
                    "shown below; reload the page to see theirs, or save again to replace them with yours."
                ),
                editors=(editors, version),
            )
        valid = [editor.is_valid() for editor in editors]  # every editor, so every bad cell is reported
        if not all(valid):
            return False, editors, version
        try:
            with transaction.atomic():
                for editor in editors:
                    editor.save()
        except ValidationError as error:  # a frozen reference entry (PlanLocked), say: what was typed stays
            for editor in editors:
                editor.errors = []
            raise Refused(" ".join(error.messages), editors=(editors, version)) from error
        except IntegrityError as error:  # a name another plan of the district took meanwhile, say
            raise Refused(
                _("The database refused the change (%(error)s): nothing was saved.") % {"error": error},
                editors=(editors, version),
            ) from error
        return True, editors, version


@login_required
def plan_edit(request, district, year, chapter):
    plan = visible_plan(request, district, year)
    current = registry.chapter(chapter)
    if current is None or current.editors is None:
        raise Http404(_("No editor for this chapter."))
    if not may_edit(request.user, current):
        return forbidden(request, PermissionDenied(_("You may not change this part of the plan.")), plan)
    status, problem = 200, ""
    if request.method == "POST":
        try:
            saved, editors, version = save_chapter(plan, current, request.POST)
        except Refused as refusal:
            status, problem = CONFLICT, refusal.message
            plan.refresh_from_db()
            if refusal.editors is not None:
                editors, version = refusal.editors
            else:  # a locked plan: what is stored, read-only
                editors = current.editors(plan)
                version = chapter_version(plan, editors)
        else:
            if saved:
                messages.success(request, _("%(chapter)s saved.") % {"chapter": current.title})
                return redirect(edit_url(plan, current))
    else:
        editors = current.editors(plan)
        version = chapter_version(plan, editors)
    errors = [error for editor in editors for error in editor.errors]
    context = {
        "plan": plan,
        "chapter": current,
        "editors": editors,
        "version": version,
        "errors": errors,
        "problem": problem,
        "read_only": plan.is_locked,
        "complete": is_complete(editors),
        "scripts": list(dict.fromkeys(script for editor in editors for script in editor.scripts)),
        "chapter_links": chapter_links(request.user, plan, current, editors),
    }
    return render(request, "editors/chapter.html", context, status=status)
