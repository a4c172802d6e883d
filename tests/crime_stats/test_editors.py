"""The performance chapter's operational results: each printed table a grid of the year's figures, with the
narcotics and illicit arms recoveries; a plan without results gets its row when a figure is entered."""

from decimal import Decimal

from crime_stats.models import IllicitArmsRecovery, NarcoticsRecovery, OperationalResult
from tests.editor_helpers import cell, edit_url, post_chapter


def test_the_results_tables_show_the_years_figures(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    html = client.get(edit_url(kasur_plan, "performance")).content.decode()
    result = OperationalResult.objects.get(plan=kasur_plan)
    assert f'value="{result.encounters}"' in cell(html, "encounters-encounters-value")
    assert f'value="{result.forensic_sent}"' in cell(html, "forensic-forensic_sent-value")
    recovery = NarcoticsRecovery.objects.filter(result=result).select_related("substance").first()
    assert f'value="{recovery.quantity}"' in cell(html, f"recovered-narcotics-{recovery.substance_id}-quantity")
    assert f">{recovery.substance}</th>" in html
    for title in ("I) Gangs smashed", "IV) Recovery of narcotics", "V) Recovery of illicit arms"):
        assert f">{title}</h2>" in html


def test_results_and_recoveries_save_with_the_crime_figures(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    result = OperationalResult.objects.get(plan=kasur_plan)
    recovery = NarcoticsRecovery.objects.filter(result=result).first()
    arms = IllicitArmsRecovery.objects.filter(result=result).first()
    changes = {
        "encounters-encounters-value": "12",
        "gangs-gang_property_recovered-value": "2,500,000",
        "absconders-court_absconders_arrested-value": "",
        f"recovered-narcotics-{recovery.substance_id}-quantity": "11.125",
        f"recovered-arms-{arms.arm_type_id}-count": "",
    }
    assert post_chapter(client, kasur_plan, "performance", changes).status_code == 302
    result.refresh_from_db()
    assert (result.encounters, result.gang_property_recovered, result.court_absconders_arrested) == (12, 2500000, 0)
    assert NarcoticsRecovery.objects.get(pk=recovery.pk).quantity == Decimal("11.125")
    assert not IllicitArmsRecovery.objects.filter(pk=arms.pk).exists()


def test_too_many_decimals_are_refused_in_their_cell(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    recovery = NarcoticsRecovery.objects.filter(result__plan=kasur_plan).first()
    name = f"recovered-narcotics-{recovery.substance_id}-quantity"
    encounters = OperationalResult.objects.get(plan=kasur_plan).encounters
    changes = {name: "1.2345", "encounters-encounters-value": str(encounters + 7)}
    html = post_chapter(client, kasur_plan, "performance", changes).content.decode()
    assert "Enter at most 3 decimal places." in html and 'aria-invalid="true"' in cell(html, name)
    assert OperationalResult.objects.get(plan=kasur_plan).encounters == encounters


def test_a_plan_without_results_gets_them_when_a_figure_is_entered(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    result = OperationalResult.objects.get(plan=kasur_plan)
    substance = NarcoticsRecovery.objects.filter(result=result).first().substance
    result.delete()
    assert post_chapter(client, kasur_plan, "performance").status_code == 302
    assert not OperationalResult.objects.filter(plan=kasur_plan).exists(), "a blank table adds no row"
    changes = {f"recovered-narcotics-{substance.pk}-quantity": "3"}
    assert post_chapter(client, kasur_plan, "performance", changes).status_code == 302
    result = OperationalResult.objects.get(plan=kasur_plan)
    assert result.year == kasur_plan.crime_last_year and result.encounters == 0
    assert result.narcotics.get().quantity == 3
