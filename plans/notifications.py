"""E-mail about workflow steps: reviewers in scope hear of a submission, the district's staff of a return or
an approval. Sent through Django's e-mail backend (the console by default, `EMAIL_*` settings in production)
once the step is committed, so a refused or rolled-back step sends nothing.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from plans.models import AnnualPlan, Role, WorkflowAction

logger = logging.getLogger(__name__)


def reviewers_in_scope(plan):
    """Active reviewers whose district, region or province covers the plan's district, with an address."""
    district = plan.district
    return (
        get_user_model()
        .objects.filter(
            Q(membership__district=district)
            | Q(membership__region_id=district.region_id)
            | Q(membership__province_id=district.region.province_id),
            membership__role=Role.REVIEWER,
            is_active=True,
        )
        .exclude(email="")
    )


def district_staff(plan):
    """Active users who work for the plan's district (clerks, the DPO, readers), with an address."""
    return (
        get_user_model()
        .objects.filter(membership__district=plan.district, is_active=True)
        .exclude(membership__role=Role.REVIEWER)
        .exclude(email="")
    )


def message_for(plan, action, actor, comment, link):
    """(subject, body) of the e-mail about one step."""
    who = actor.get_full_name() or actor.get_username()
    values = {"plan": plan, "who": who, "link": link, "authority": plan.district.get_approving_authority_display()}
    if action == WorkflowAction.SUBMIT:
        subject = _("%(plan)s is submitted for your review") % values
        body = _("%(who)s submitted %(plan)s to the %(authority)s. Review it: %(link)s") % values
    elif action == WorkflowAction.RETURN:
        subject = _("%(plan)s is returned with comments") % values
        body = _("%(who)s returned %(plan)s to the district as a draft. Their comments:") % values
    else:
        subject = _("%(plan)s is approved") % values
        body = (
            _(
                "%(who)s approved %(plan)s on behalf of the %(authority)s; it is locked for good and its PDF "
                "is archived. %(link)s"
            )
            % values
        )
    if comment and action != WorkflowAction.APPROVE:
        body += "\n\n" + comment
    if action == WorkflowAction.RETURN:
        body += "\n\n" + link
    return subject, body


def notify_step(plan_pk, action, actor, comment):
    """Send the e-mail about a step to whoever it concerns; a mail failure is logged, the step stands."""
    plan = AnnualPlan.objects.select_related("district__region").get(pk=plan_pk)
    recipients = reviewers_in_scope(plan) if action == WorkflowAction.SUBMIT else district_staff(plan)
    addresses = sorted({user.email for user in recipients.exclude(pk=actor.pk)})
    if not addresses:
        return 0
    link = settings.EMAIL_LINK_BASE_URL.rstrip("/") + reverse(
        "plans:plan-detail", args=[plan.district.slug, plan.fiscal_year]
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = message_for(plan, action, actor, comment, link)
    messages = [EmailMessage(subject, body, to=[address]) for address in addresses]
    try:
        return get_connection().send_messages(messages)
    except OSError:
        logger.exception("Could not send the e-mail about %s (%s)", plan, action)
        return 0
