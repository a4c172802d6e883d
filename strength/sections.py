"""What the strength app contributes to a plan (see `plans.registry`)."""

from django.utils.translation import gettext_lazy as _

from plans.registry import ApiField, Chapter, CsvTable, Dataset, Section, register, serializer_field
from strength import chapters, checks, comparison, demo, editors, exports, figures, workbook


def load_strength(data):
    strength = figures.strength_figures(data.plan)
    if strength.field_organisation is not None:
        strength.field_organisation.plan = data.plan  # its display names the plan: no second fetch
    return strength


register(
    Section(
        "strength",
        chapters=(
            Chapter(
                "strength",
                _("Present strength"),
                position=60,
                build=chapters.strength,
                admin_items=("strength.admin.FieldOrganisationInline", "strength.admin.StrengthEntryInline"),
                edited_with=("strength.FieldOrganisation", "strength.StrengthEntry"),
                tables=("field-organisation", "strength", "ministerial"),
                editors=editors.editors,
            ),
        ),
        tables=(
            CsvTable("field-organisation", _("Field organisations"), exports.field_organisation),
            CsvTable("strength", _("Strength"), exports.police_strength),
            CsvTable("ministerial", _("Ministerial staff"), exports.ministerial_strength),
        ),
        datasets=(
            Dataset("strength", load_strength),
            Dataset("present_police", lambda data: data["strength"].present_police),
        ),
        api_fields=(
            ApiField(
                "strength",
                70,
                serializer_field("strength.api.serializers.StrengthSectionSerializer", source="sections.strength"),
                models=("strength.rank", "strength.strengthentry", "strength.fieldorganisation"),
            ),
        ),
        computed_figures=lambda data: figures.computed_figures(data.plan, figures=data["strength"]),
        check=checks.check,
        checked_figures=frozenset(checks.checked_figures),
        explained_figures=checks.explained_figures,
        demo=((30, demo.strength),),
        plan_list_figures=figures.police_strength_on_plan_list,
        overview_figures=figures.all_cadres_strength,
        overview_permissions=("strength.view_strengthentry",),
        compare=comparison.compare,
        workbook_sheets=workbook.SHEETS,
    )
)
