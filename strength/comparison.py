"""The strength tables of two plans side by side."""

from django.utils.translation import gettext as _

from plans.comparison import ComparedSection, ComparedTable, compare_rows, rows_of, totals_row
from strength.models import Cadre, StrengthEntry

COLUMNS = ["sanctioned", "present", "short"]


def compare(earlier, later):
    entries = rows_of(StrengthEntry.objects.select_related("rank"), "plan", earlier, later)
    strength = compare_rows(*entries, key=lambda entry: entry.rank, columns=COLUMNS)
    labels = [_("Sanctioned"), _("Present"), _("Short")]
    police = [row for row in strength if row.item.cadre != Cadre.MINISTERIAL]
    ministerial = [row for row in strength if row.item.cadre == Cadre.MINISTERIAL]
    tables = [ComparedTable(_("Strength (executive and legal ranks)"), _("Rank"), labels, police, totals_row(police))]
    if ministerial:
        tables.append(ComparedTable(_("Ministerial staff"), _("Rank"), labels, ministerial))
    return [ComparedSection("strength", _("Present strength"), 60, tables)]
