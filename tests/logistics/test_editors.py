"""The logistics chapters' editors: vehicle types × deployments; each stock statement's items × its columns."""

import datetime
from html import escape

from logistics.models import Deployment, EquipmentType, StockItem, StockStatement, VehicleCount, VehicleType
from tests.editor_helpers import cell, edit_url, output, post_chapter
from tests.editors.page_forms import read_form, unlabelled


def test_the_vehicles_grid_has_a_column_per_deployment_and_the_totals(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    html = client.get(edit_url(kasur_plan, "vehicles")).content.decode()
    counts = list(VehicleCount.objects.filter(plan=kasur_plan))
    some = counts[0]
    assert f'value="{some.count}"' in cell(html, f"vehicles-{some.vehicle_type_id}-d{some.deployment_id}")
    row_total = sum(count.count for count in counts if count.vehicle_type_id == some.vehicle_type_id)
    assert output(html, f"vehicles-row-{some.vehicle_type_id} vehicles-col-total") == str(row_total)
    assert output(html, "vehicles-row-total vehicles-col-total") == str(sum(count.count for count in counts))
    assert Deployment.objects.filter(district=kasur_plan.district).count() == html.count(
        'scope="col" id="vehicles-col-d'
    )


def test_a_vehicle_type_is_added_and_a_count_moved_in_one_save(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    some = VehicleCount.objects.filter(plan=kasur_plan).first()
    deployment = Deployment.objects.filter(district=kasur_plan.district).exclude(pk=some.deployment_id).first()
    changes = {
        f"vehicles-{some.vehicle_type_id}-d{some.deployment_id}": "",
        f"vehicles-{some.vehicle_type_id}-d{deployment.pk}": "4",
        "vehicles-new0-name": "Drone",
        f"vehicles-new0-d{deployment.pk}": "2",
    }
    assert post_chapter(client, kasur_plan, "vehicles", changes).status_code == 302
    assert not VehicleCount.objects.filter(pk=some.pk).exists()
    assert VehicleCount.objects.get(plan=kasur_plan, vehicle_type=some.vehicle_type, deployment=deployment).count == 4
    drone = VehicleType.objects.get(district=kasur_plan.district, name="Drone")
    assert VehicleCount.objects.get(plan=kasur_plan, vehicle_type=drone).count == 2


def test_each_stock_statement_is_a_grid_grouped_as_printed(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    html = client.get(edit_url(kasur_plan, "stock")).content.decode()
    statements = list(StockStatement.objects.filter(plan=kasur_plan).select_related("category"))
    for statement in statements:
        assert f'id="stock{statement.pk}-title">Statement of {escape(statement.category.name)}<' in html
    grouped = StockItem.objects.filter(statement__plan=kasur_plan).exclude(group="").first()
    assert f'<tr class="grid__group"><th scope="colgroup" colspan="6">{escape(grouped.group)}</th></tr>' in html
    item = StockItem.objects.filter(statement__plan=kasur_plan).first()
    prefix = f"stock{item.statement_id}"
    accounted = output(html, f"{prefix}-row-{item.equipment_type_id} {prefix}-col-accounted")
    assert accounted == str(item.distributed + item.at_headquarters)


def test_a_stock_line_changes_and_a_new_type_joins_its_category(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    item = StockItem.objects.filter(statement__plan=kasur_plan).select_related("statement").first()
    prefix = f"stock{item.statement_id}"
    changes = {
        f"{prefix}-{item.equipment_type_id}-at_headquarters": str(item.at_headquarters + 1),
        f"{prefix}-new0-name": "Body camera",
        f"{prefix}-new0-total_stock": "10",
        f"{prefix}-new0-distributed": "6",
        f"{prefix}-new0-at_headquarters": "4",
    }
    assert post_chapter(client, kasur_plan, "stock", changes).status_code == 302
    assert StockItem.objects.get(pk=item.pk).at_headquarters == item.at_headquarters + 1
    camera = EquipmentType.objects.get(name="Body camera")
    assert camera.category_id == item.statement.category_id
    line = StockItem.objects.get(equipment_type=camera)
    assert (line.statement_id, line.total_stock, line.new_demand) == (item.statement_id, 10, 0)


def test_a_bad_stock_figure_saves_no_statement(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    first, second = StockItem.objects.filter(statement__plan=kasur_plan).order_by("statement", "pk")[::30][:2]
    changes = {
        f"stock{first.statement_id}-{first.equipment_type_id}-total_stock": "12.5",
        f"stock{second.statement_id}-{second.equipment_type_id}-total_stock": "1",
    }
    response = post_chapter(client, kasur_plan, "stock", changes)
    assert "Enter a whole number." in response.content.decode()
    assert StockItem.objects.get(pk=second.pk).total_stock == second.total_stock


def test_a_statement_date_left_blank_by_the_carry_forward_is_entered_beside_its_figures(
    client, kasur_plan, kasur_clerk
):
    client.force_login(kasur_clerk)
    statement = StockStatement.objects.filter(plan=kasur_plan).first()
    StockStatement.objects.filter(pk=statement.pk).update(as_of=None)  # as "Start next year" leaves it
    page = read_form(client.get(edit_url(kasur_plan, "stock")))
    date_input = f"statement{statement.pk}-as_of"
    assert date_input in page.labels and not unlabelled(page)

    refused = post_chapter(client, kasur_plan, "stock", {date_input: "2024-02-31"})
    assert "Enter a valid date." in refused.content.decode()
    assert StockStatement.objects.get(pk=statement.pk).as_of is None

    assert post_chapter(client, kasur_plan, "stock", {date_input: "2024-06-30"}).status_code == 302
    assert StockStatement.objects.get(pk=statement.pk).as_of == datetime.date(2024, 6, 30)
