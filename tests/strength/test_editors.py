"""The strength chapter's editors: field organisation, and ranks × (sanctioned, present) with short and excess."""

from strength.models import Cadre, FieldOrganisation, Rank, StrengthEntry
from tests.editor_helpers import cell, edit_url, output, post_chapter


def entry(plan, rank):
    return StrengthEntry.objects.get(plan=plan, rank__name=rank)


def test_short_excess_and_totals_are_shown_as_the_plan_computes_them(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    html = client.get(edit_url(kasur_plan, "strength")).content.decode()
    si = entry(kasur_plan, "SI")
    assert 'value="177"' in cell(html, f"police-{si.rank_id}-sanctioned")
    assert output(html, f"police-row-{si.rank_id} police-col-short") == str(si.short) == "41"
    totals = StrengthEntry.objects.filter(plan=kasur_plan, rank__cadre__in=[Cadre.EXECUTIVE, Cadre.LEGAL]).totals()
    for column in ("sanctioned", "present", "short", "excess"):
        assert output(html, f"police-row-total police-col-{column}") == str(totals[column])
    field = FieldOrganisation.objects.get(plan=kasur_plan)
    assert output(html, "field-row-plan field-col-posts_total") == str(field.posts_total)


def test_a_save_changes_a_rank_adds_a_ministerial_rank_and_the_field_organisation(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    si = entry(kasur_plan, "SI")
    response = post_chapter(
        client,
        kasur_plan,
        "strength",
        {
            f"police-{si.rank_id}-present": "150",
            "ministerial-new0-name": "Record Keeper",
            "ministerial-new0-sanctioned": "2",
            "ministerial-new0-present": "1",
            "field-plan-police_stations": "21",
        },
    )
    assert response.status_code == 302
    assert entry(kasur_plan, "SI").present == 150
    keeper = entry(kasur_plan, "Record Keeper")
    assert (keeper.sanctioned, keeper.present, keeper.rank.cadre) == (2, 1, Cadre.MINISTERIAL)
    assert FieldOrganisation.objects.get(plan=kasur_plan).police_stations == 21


def test_a_half_filled_row_is_an_error_and_nothing_is_saved(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    si = entry(kasur_plan, "SI")
    response = post_chapter(
        client,
        kasur_plan,
        "strength",
        {
            f"police-{si.rank_id}-present": "",
            "field-plan-police_stations": "22",
            "police-new0-name": "Constable",
            "police-new0-sanctioned": "3",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="#police-{si.rank_id}-present">SI, Present: Enter a figure, or clear the row.</a>' in html
    assert '<a href="#police-new0-present">Constable, Present: Enter a figure, or clear the row.</a>' in html
    assert 'aria-invalid="true"' in cell(html, f"police-{si.rank_id}-present")
    assert entry(kasur_plan, "SI").present == 136
    assert FieldOrganisation.objects.get(plan=kasur_plan).police_stations == 20
    assert not Rank.objects.filter(name="Constable").exists()


def test_a_cleared_row_removes_the_ranks_entry(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    si = entry(kasur_plan, "SI")
    changes = {f"police-{si.rank_id}-sanctioned": "", f"police-{si.rank_id}-present": ""}
    assert post_chapter(client, kasur_plan, "strength", changes).status_code == 302
    assert not StrengthEntry.objects.filter(pk=si.pk).exists()
    assert Rank.objects.filter(pk=si.rank_id).exists()
