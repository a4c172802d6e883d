"""What the logistics app contributes to a plan (see `plans.registry`)."""

from django.utils.translation import gettext_lazy as _

from logistics import chapters, checks, comparison, demo, editors, exports, figures, workbook
from plans.registry import ApiField, Chapter, CsvTable, Dataset, Section, register, serializer_field

register(
    Section(
        "logistics",
        chapters=(
            Chapter(
                "vehicles",
                _("Logistics: vehicles"),
                position=70,
                build=chapters.vehicles,
                admin_items=("logistics.admin.VehicleCountInline",),
                edited_with=("logistics.VehicleCount",),
                tables=("vehicles",),
                editors=editors.vehicle_editors,
            ),
            Chapter(
                "stock",
                _("Stock statements"),
                position=80,
                build=chapters.stock,
                admin_items=("logistics.admin.StockStatementInline",),
                part_prefix="stock",
                part_model="logistics.StockStatement",
                tables=("stock",),
                editors=editors.stock_editors,
            ),
        ),
        tables=(
            CsvTable("vehicles", _("Vehicles"), exports.vehicles),
            CsvTable("stock", _("Stock statements"), exports.stock, per_object=True),
        ),
        datasets=(
            Dataset("vehicles", lambda data: figures.vehicle_table(data.plan)),
            Dataset("stock", lambda data: figures.stock_sheets(data.plan)),
        ),
        api_fields=(
            ApiField(
                "vehicles",
                80,
                serializer_field("logistics.api.serializers.VehicleTableSerializer", source="sections.vehicles"),
                models=("logistics.vehicletype", "logistics.deployment", "logistics.vehiclecount"),
            ),
            ApiField(
                "stock_statements",
                90,
                serializer_field("logistics.api.serializers.StockSheetSerializer", source="sections.stock", many=True),
                models=(
                    "logistics.stockcategory",
                    "logistics.equipmenttype",
                    "logistics.stockstatement",
                    "logistics.stockitem",
                ),
            ),
        ),
        computed_figures=lambda data: figures.computed_figures(data.plan, table=data["vehicles"], sheets=data["stock"]),
        check=checks.check,
        explained_figures=checks.explained_figures,
        # A stock statement's date is the day it was counted: next year's copy waits for a new count.
        cleared_on_carry=(("logistics.StockStatement", ("as_of",)),),
        to_enter_anew=figures.to_enter_anew,
        demo=((40, demo.logistics),),
        compare=comparison.compare,
        workbook_sheets=workbook.SHEETS,
    )
)
