"""The strength app's resources: ranks, strength by rank with its computed gaps, field organisation."""

from strength import models
from tests.api import factories as f
from tests.api.resource import DistrictListTests, PlanRowTests


class TestRanks(DistrictListTests):
    model = models.Rank
    update_data = {"cadre": models.Cadre.LEGAL}
    invalid_data = {"cadre": "general"}

    def make(self, side):
        return f.RankFactory(district=side.district)

    def create_data(self, side):
        return {"district": side.district.pk, "name": "Insp./ Legal", "cadre": "legal", "position": 9}

    def test_a_rank_in_use_cannot_be_deleted_and_the_answer_names_its_users(self, world, api):
        entry = f.StrengthEntryFactory(plan=world.a.plan)

        response = api("clerk").delete(self.detail_url(entry.rank))

        assert response.status_code == 409
        assert response.json() == {
            "detail": "This object is still referred to and cannot be deleted.",
            "referred_to_by": [f"strength by rank: {entry.rank.name}: 33/47"],
        }
        assert models.Rank.objects.filter(pk=entry.rank.pk).exists()

    def test_filters_by_cadre_and_district_and_searches_names(self, world, api):
        legal = f.RankFactory(district=world.a.district, name="DSP/ Legal", cadre=models.Cadre.LEGAL)
        f.RankFactory(district=world.a.district, name="SSP")
        clerk = api("clerk")

        assert [row["id"] for row in clerk.get(self.list_url(), {"cadre": "legal"}).json()["results"]] == [legal.pk]
        assert [row["id"] for row in clerk.get(self.list_url(), {"search": "legal"}).json()["results"]] == [legal.pk]
        assert clerk.get(self.list_url(), {"district": world.a.district.slug}).json()["count"] == 2
        assert clerk.get(self.list_url(), {"district_id": world.a.district.pk}).json()["count"] == 2
        assert clerk.get(self.list_url(), {"district": world.b.district.slug}).json()["count"] == 0


class TestStrengthEntries(PlanRowTests):
    model = models.StrengthEntry
    update_data = {"present": 50}
    invalid_data = {"present": -1, "sanctioned": "many"}

    def make(self, side):
        return f.StrengthEntryFactory(plan=side.plan)

    def create_data(self, side):
        return {"plan": side.plan.pk, "rank": f.RankFactory(district=side.district).pk, "sanctioned": 47, "present": 33}

    def test_short_and_excess_are_computed(self, world, api):
        short = f.StrengthEntryFactory(plan=world.a.plan, sanctioned=47, present=33)
        excess = f.StrengthEntryFactory(plan=world.a.plan, sanctioned=1, present=3)
        clerk = api("clerk")

        rows = {row["id"]: row for row in clerk.get(self.list_url()).json()["results"]}

        assert (rows[short.pk]["short"], rows[short.pk]["excess"]) == (14, 0)
        assert (rows[excess.pk]["short"], rows[excess.pk]["excess"]) == (0, 2)
        created = self.post(clerk, {**self.create_data(world.a), "sanctioned": 10, "present": 4}).json()
        assert (created["short"], created["excess"]) == (6, 0)

    def test_a_rank_is_given_only_once_per_plan(self, world, api):
        entry = f.StrengthEntryFactory(plan=world.a.plan)

        response = self.post(api("clerk"), {**self.create_data(world.a), "rank": entry.rank.pk})

        assert response.status_code == 400
        assert response.json() == {"non_field_errors": ["This rank already has a strength entry in the plan."]}

    def test_district_b_plan_cannot_take_a_row_from_district_a(self, world, api):
        response = self.post(api("clerk"), {**self.create_data(world.a), "plan": world.b.plan.pk})

        assert response.status_code == 400
        assert set(response.json()) == {"plan"}

    def test_filters_by_rank_name_and_id_and_plan(self, world, api):
        entry = f.StrengthEntryFactory(plan=world.a.plan, rank__name="SSP")
        f.StrengthEntryFactory(plan=world.a.plan)
        f.StrengthEntryFactory(plan=f.PlanFactory(district=world.a.district))
        clerk = api("clerk")

        def found(**params):
            return [row["id"] for row in clerk.get(self.list_url(), params).json()["results"]]

        assert found(rank="ssp") == [entry.pk]
        assert found(rank_id=entry.rank_id) == [entry.pk]
        assert len(found(plan_id=world.a.plan.pk)) == 2
        assert len(found(fiscal_year="2023-2024")) == 2


class TestFieldOrganisations(PlanRowTests):
    model = models.FieldOrganisation
    update_data = {"posts_unsanctioned": 13}
    invalid_data = {"police_stations": None}

    def make(self, side):
        return f.FieldOrganisationFactory(plan=f.PlanFactory(district=side.district))

    def create_data(self, side):
        return {
            "plan": side.plan.pk,
            "sub_divisions": 4,
            "police_stations": 20,
            "posts_sanctioned": 18,
            "posts_unsanctioned": 0,
        }
