"""Refuse writes to the data of a submitted or approved plan with 409 Conflict."""

from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException

from plans.base import PlanLocked
from plans.models import AnnualPlan
from plans.workflow import ensure_plan_editable


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The request conflicts with the current state of the data.")
    default_code = "conflict"


def ensure_unlocked(instance):
    """Raise Conflict when `instance` is a locked plan or a row of one; rows outside any plan pass."""
    try:
        if isinstance(instance, AnnualPlan):
            ensure_plan_editable(instance)
        elif hasattr(instance, "check_plan_unlocked"):
            instance.check_plan_unlocked()
    except PlanLocked as error:
        raise Conflict(" ".join(error.messages), code="locked") from error
