"""The targets table as CSV."""

from django.utils.translation import gettext as _

from initiatives.models import Target
from plans.exports import Table


def targets(plan):
    table = Table(
        "targets",
        _("Targets"),
        [_("Sr. No."), _("Category of target"), _("Present status"), _("Expected achievement"), _("Mechanism")],
    )
    for target in Target.objects.filter(plan=plan):
        table.rows.append(
            [target.position, target.category, target.present_status, target.expected_achievement, target.mechanism]
        )
    return table
