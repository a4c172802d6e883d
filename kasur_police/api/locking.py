"""Writes through the API: locked plans and frozen reference entries refused with 409 Conflict, stale
versions with 412 Precondition Failed (`If-Match`), and the plan's lock taken before a change is read."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound

from plans.base import PlanLocked, ReferenceItem
from plans.models import AnnualPlan
from plans.workflow import ensure_plan_editable


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The request conflicts with the current state of the data.")
    default_code = "conflict"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "The object has changed since the version named in If-Match: read it again and repeat the change."
    )
    default_code = "stale"


def ensure_unlocked(instance):
    """Raise Conflict when `instance` is a locked plan, a row of one, or a reference entry a locked plan uses
    that the write would change; other rows pass."""
    try:
        if isinstance(instance, AnnualPlan):
            ensure_plan_editable(instance)
        elif isinstance(instance, ReferenceItem):
            instance.check_frozen()
        elif hasattr(instance, "check_plan_unlocked"):
            instance.check_plan_unlocked()
    except PlanLocked as error:
        raise Conflict(" ".join(error.messages), code="locked") from error


def etag(version):
    return f'"{version}"'


def if_match_versions(header):
    """The versions an `If-Match` header names (`"3"`, `W/"3"`, `3`); None for `*`; unparsable tags are no match."""
    versions = set()
    for tag in header.split(","):
        tag = tag.strip().removeprefix("W/").strip('"')
        if tag == "*":
            return None
        if tag.isdigit() and len(tag) < 19:
            versions.add(int(tag))
    return versions


def lock_for_change(request, instance):
    """Before a PUT, PATCH or DELETE: take the write's locks, re-read the object under them and check `If-Match`.

    Validation then sees what is stored until the write commits; the save checks the version once more. An
    object that another request deleted meanwhile, or whose plan it deleted, is gone: 404, as if it had been
    gone before.
    """
    if not hasattr(instance, "lock_for_write"):
        return instance
    try:
        instance.lock_for_write()
        instance.refresh_from_db()
    except PlanLocked as error:
        raise Conflict(" ".join(error.messages), code="locked") from error
    except ObjectDoesNotExist as error:  # the object, or the plan it belongs to
        raise NotFound from error
    header = request.headers.get("If-Match")
    if header:
        versions = if_match_versions(header)
        if versions is not None and instance.version not in versions:
            error = PreconditionFailed()
            error.current = instance
            raise error
        instance.expected_version = instance.version
    return instance
