"""The strength tables and the field organisation of two plans side by side (two queries)."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from plans.comparison import ComparedSection, ComparedTable, compare_fields, compare_rows, rows_of, totals_row
from strength.models import Cadre, FieldOrganisation, StrengthEntry

COLUMNS = ["sanctioned", "present", "short"]
FIELD_ORGANISATION = ["sub_divisions", "police_stations", "posts_sanctioned", "posts_unsanctioned"]


def compare(earlier, later):
    entries = rows_of(StrengthEntry.objects.select_related("rank"), "plan", earlier, later)
    strength = compare_rows(*entries, key=lambda entry: entry.rank, columns=COLUMNS)
    labels = [_("Sanctioned"), _("Present"), _("Short")]
    police = [row for row in strength if row.item.cadre != Cadre.MINISTERIAL]
    ministerial = [row for row in strength if row.item.cadre == Cadre.MINISTERIAL]
    tables = [ComparedTable(_("Strength (executive and legal ranks)"), _("Rank"), labels, police, totals_row(police))]
    if ministerial:
        tables.append(ComparedTable(_("Ministerial staff"), _("Rank"), labels, ministerial))
    organisations = {row.plan_id: row for row in FieldOrganisation.objects.filter(plan__in=[earlier, later])}
    if organisations:
        fields = [(name, capfirst(FieldOrganisation._meta.get_field(name).verbose_name)) for name in FIELD_ORGANISATION]
        rows = compare_fields(organisations.get(earlier.pk), organisations.get(later.pk), fields)
        tables.append(ComparedTable(_("Field organisation"), _("Field units"), [_("Number")], rows))
    return [ComparedSection("strength", _("Present strength"), 60, tables)]
