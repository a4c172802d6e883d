"""The strength chapter's tables as CSV: field organisation, strength by rank, ministerial staff."""

from django.utils.translation import gettext as _

from plans.exports import Table
from strength.figures import COLUMNS, strength_figures


def strength_table(slug, title, table, shortage_label):
    labels = {"sanctioned": _("Sanctioned"), "present": _("Present"), "short": shortage_label, "excess": _("Excess")}
    result = Table(slug, title, [_("Rank"), *(labels[column] for column in COLUMNS)])
    for entry in table.entries:
        result.rows.append([entry.rank.name, *(getattr(entry, column) for column in COLUMNS)])
    result.rows.append([_("Total"), *(table.totals[column] for column in COLUMNS)])
    return result


def police_strength(plan):
    return strength_table("strength", _("Strength"), strength_figures(plan).police, _("Short"))


def ministerial_strength(plan):
    return strength_table("ministerial", _("Ministerial staff"), strength_figures(plan).ministerial, _("Shortage"))


def field_organisation(plan):
    organisation = strength_figures(plan).field_organisation
    table = Table(
        "field-organisation",
        _("Field organisations"),
        [_("Sub-divisions"), _("Police stations"), _("Total PPs"), _("Sanctioned PPs"), _("Unsanctioned PPs")],
    )
    if organisation is not None:
        table.rows.append(
            [
                organisation.sub_divisions,
                organisation.police_stations,
                organisation.posts_total,
                organisation.posts_sanctioned,
                organisation.posts_unsanctioned,
            ]
        )
    return table
