"""What the crime statistics app contributes to a plan (see `plans.registry`)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from crime_stats import chapters, checks, comparison, demo, editors, exports, figures, workbook
from plans.registry import ApiField, Chapter, CsvTable, Dataset, Section, register, serializer_field

register(
    Section(
        "crime_stats",
        chapters=(
            Chapter(
                "performance",
                _("Performance of the district"),
                position=100,
                build=chapters.performance,
                admin_items=("crime_stats.admin.CrimeFigureInline", "crime_stats.admin.OperationalResultInline"),
                edited_with=("crime_stats.CrimeFigure", "crime_stats.OperationalResult"),
                tables=("crime", "operational-results"),
                editors=editors.editors,
                printed_within="objectives",  # under the objectives' heading for it, as the Article-32 plan
            ),
        ),
        tables=(
            CsvTable("crime", _("Crime by head"), exports.crime),
            CsvTable("operational-results", _("Operational results"), exports.operational),
        ),
        datasets=(
            Dataset("crime", lambda data: figures.plan_crime_table(data.plan)),
            Dataset("operational_results", lambda data: figures.operational_results(data.plan)),
        ),
        api_fields=(
            ApiField(
                "crime",
                110,
                serializer_field("crime_stats.api.serializers.CrimeTableSerializer", source="sections.crime"),
                models=("crime_stats.crimehead", "crime_stats.crimefigure"),
            ),
            ApiField(
                "operational_results",
                120,
                serializer_field(
                    "crime_stats.api.serializers.OperationalResultWithRecoveriesSerializer",
                    source="sections.operational_results",
                    many=True,
                ),
                models=(
                    "crime_stats.operationalresult",
                    "crime_stats.substance",
                    "crime_stats.narcoticsrecovery",
                    "crime_stats.illicitarmtype",
                    "crime_stats.illicitarmsrecovery",
                ),
            ),
        ),
        computed_figures=lambda data: figures.computed_figures(data.plan, table=data["crime"]),
        check=checks.check,
        compare=comparison.compare,
        explained_figures=checks.explained_figures,
        # A year's measurements: next year's plan starts without them.
        not_carried_forward=(
            "crime_stats.OperationalResult",
            "crime_stats.NarcoticsRecovery",
            "crime_stats.IllicitArmsRecovery",
        ),
        # The years next year's crime window still covers come along; the new year is entered afresh.
        carried_in_part=(
            (
                "crime_stats.CrimeFigure",
                lambda new_plan: Q(year__gte=new_plan.crime_first_year, year__lte=new_plan.crime_last_year),
            ),
        ),
        to_enter_anew=figures.to_enter_anew,
        demo=((50, demo.crime),),
        plan_list_figures=figures.crime_on_plan_list,
        overview_figures=figures.crime_for_overview,
        overview_permissions=("crime_stats.view_crimefigure",),
        urls="crime_stats.urls",
        workbook_sheets=workbook.SHEETS,
    )
)
