"""The strength app's sheets of the plan's workbook (see `plans.registry.WorkbookSheet`): the strength
table with its ranks as columns, as printed, and the field organisation."""

from django.utils.translation import gettext_lazy as _

from plans.workbook.book import one_row_sheet, plan_rows, sync
from plans.workbook.sheets import Column, TableSheet
from strength.models import Cadre, FieldOrganisation, Rank, StrengthEntry

STRENGTH_COLUMNS = [
    Column(_("Rank"), "rank", required=True),
    Column(_("Cadre"), "cadre", "choice", choices=tuple(Cadre.choices)),
    Column(_("Sanctioned"), "sanctioned", "int"),
    Column(_("Present"), "present", "int"),
    Column(_("Short"), "short", formula=lambda at: f"=MAX({at['sanctioned']}-{at['present']},0)"),
    Column(_("Excess"), "excess", formula=lambda at: f"=MAX({at['present']}-{at['sanctioned']},0)"),
]


def strength_rows(book):
    entries = {entry.rank_id: entry for entry in plan_rows(book, StrengthEntry.objects.filter(plan_id=book.plan_id))}
    rows = []
    for rank in book.references(Rank).values():
        entry = entries.get(rank.pk)
        if entry is not None or book.template:
            rows.append(
                {
                    "rank": rank.name,
                    "cadre": rank.cadre,
                    "sanctioned": entry and entry.sanctioned,
                    "present": entry and entry.present,
                }
            )
    return rows


def check_strength(reader, rows):
    for row in rows:
        if reader.book.is_new_reference(Rank, row["rank"]):
            if row["cadre"] is None:
                reader.errors.append(
                    f"{row.ref}: "
                    + str(
                        _("an unknown rank %(rank)r: the district has no such rank (give its cadre to add it)")
                        % {"rank": row["rank"]}
                    )
                )
            else:
                reader.new_references.append((str(_("rank")), row["rank"], row.ref))
        if (row["sanctioned"] is None) != (row["present"] is None):
            reader.errors.append(
                f"{row.ref}: "
                + str(
                    _("give both the sanctioned and the present posts of %(rank)s, or neither") % {"rank": row["rank"]}
                )
            )


def apply_strength(book, rows):
    existing = {
        entry.rank.name.lower(): entry
        for entry in plan_rows(book, StrengthEntry.objects.filter(plan_id=book.plan_id).select_related("rank"))
    }
    wanted = []
    for row in rows:
        fields = {"cadre": row["cadre"]} if row["cadre"] else {}
        rank = book.reference(Rank, row["rank"], row.ref, position=row.number, **fields)
        book.raise_errors()
        if row["sanctioned"] is not None:
            wanted.append((rank.name.lower(), row, rank))
    ranks = {key: rank for key, _row, rank in wanted}

    def fill(obj, row):
        obj.plan, obj.rank = book.plan, ranks[row["rank"].strip().lower()]
        obj.sanctioned, obj.present = row["sanctioned"], row["present"]

    sync(book, StrengthEntry, existing, [(key, row) for key, row, _rank in wanted], fill)


STRENGTH = TableSheet(
    "Strength",
    _("Present strength"),
    STRENGTH_COLUMNS,
    strength_rows,
    apply_strength,
    key=("rank",),
    transposed=True,
    check=check_strength,
    explanation=_(
        "Sanctioned and present posts with the ranks as columns, as printed; the cadre (executive, legal, "
        "ministerial) says which table a rank is counted in. A new rank needs its cadre."
    ),
)

FIELD_NAMES = ["sub_divisions", "police_stations", "posts_sanctioned", "posts_unsanctioned"]
FIELD_COLUMNS = [
    *(
        Column(str(FieldOrganisation._meta.get_field(name).verbose_name).capitalize(), name, "int", required=True)
        for name in FIELD_NAMES
    ),
    Column(
        _("Police posts total"),
        "posts_total",
        formula=lambda at: f"={at['posts_sanctioned']}+{at['posts_unsanctioned']}",
    ),
]


FIELD_ORGANISATION = one_row_sheet(
    FieldOrganisation,
    FIELD_NAMES,
    FIELD_COLUMNS,
    "Field organisation",
    _("Field organisations"),
    _("Sub-divisions, police stations and police posts as the strength chapter counts them, in column B."),
)

SHEETS = (STRENGTH.declare(60), FIELD_ORGANISATION.declare(62))
