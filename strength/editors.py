"""The strength chapter in the portal: the field organisation, and ranks × (sanctioned, present) with short
and excess computed, in the two tables the plan prints (police; ministerial staff)."""

from django.utils.translation import gettext_lazy as _

from plans.editors.grid import Column, GridRow, RowGrid
from strength.models import Cadre, FieldOrganisation, Rank, StrengthEntry

SHORT = ["pos", ["-", "sanctioned", "present"]]
EXCESS = ["pos", ["-", "present", "sanctioned"]]


class FieldOrganisationGrid(RowGrid):
    """'Field Organizations': one row of the district's sub-divisions, police stations and posts."""

    prefix = "field"
    title = _("Field organisations")
    row_heading = _("District")
    model = FieldOrganisation
    row_field = ""

    def get_columns(self):
        return [
            Column("sub_divisions", _("Sub-divisions"), field="sub_divisions", total=False),
            Column("police_stations", _("Police stations"), field="police_stations", total=False),
            Column("posts_total", _("Total police posts"), formula=["+", "posts_sanctioned", "posts_unsanctioned"]),
            Column("posts_sanctioned", _("Sanctioned police posts"), field="posts_sanctioned", total=False),
            Column("posts_unsanctioned", _("Unsanctioned police posts"), field="posts_unsanctioned", total=False),
        ]

    def get_rows(self):
        return [GridRow("plan", self.plan.district.name)]

    def stored_rows(self):
        return list(FieldOrganisation.objects.filter(plan=self.plan))

    def get_initial_rows(self):
        if not hasattr(self, "_stored"):
            self._stored = {}
            for stored in self.stored_rows():  # one at most
                stored.plan = self.plan
                self._stored["plan"] = stored
        return self._stored

    @property
    def has_totals(self):
        return False


class StrengthGrid(RowGrid):
    """One strength table: its ranks (in the district's order) by sanctioned and present posts."""

    model = StrengthEntry
    row_field = "rank"
    item_model = Rank
    row_heading = _("Rank")
    new_item_label = _("New rank")
    cadres = ()

    def get_columns(self):
        return [
            Column("sanctioned", _("Sanctioned"), field="sanctioned"),
            Column("present", _("Present"), field="present"),
            Column("short", self.short_label, formula=SHORT, total_of_rows=True),
            Column("excess", _("Excess"), formula=EXCESS, total_of_rows=True),
        ]

    def get_rows(self):
        ranks = Rank.objects.filter(district_id=self.plan.district_id, cadre__in=self.cadres)
        return [GridRow(str(rank.pk), rank.name, item=rank) for rank in ranks.order_by("position", "name")]

    def stored_rows(self):
        ranks = {row.item.pk: row.item for row in self.rows}
        entries = list(StrengthEntry.objects.filter(plan=self.plan, rank_id__in=ranks))
        for entry in entries:
            entry.rank, entry.plan = ranks[entry.rank_id], self.plan
        return entries

    def new_item(self, name, position):
        return Rank(district_id=self.plan.district_id, name=name, position=position, cadre=self.cadres[0])


class PoliceStrengthGrid(StrengthGrid):
    prefix = "police"
    title = _("Strength")
    short_label = _("Short")
    cadres = (Cadre.EXECUTIVE, Cadre.LEGAL)
    description = _("A new rank added here is an executive rank.")


class MinisterialStrengthGrid(StrengthGrid):
    prefix = "ministerial"
    title = _("Ministerial staff")
    short_label = _("Shortage")
    cadres = (Cadre.MINISTERIAL,)


def editors(plan, data=None):
    return [FieldOrganisationGrid(plan, data), PoliceStrengthGrid(plan, data), MinisterialStrengthGrid(plan, data)]
