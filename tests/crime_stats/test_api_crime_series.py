"""Cases by head and year for a district over any years, assembled from all its plans; JSON and CSV."""

import csv
import io

import pytest
from django.urls import reverse

from tests.api.factories import CrimeFigureFactory, CrimeHeadFactory, PlanFactory

URL = reverse("api:crime-series")


@pytest.fixture
def series(world):
    """Two plans of district A: 2023-24 holds 2020-2022, 2024-25 holds 2021-2023 with a revised 2022."""
    district = world.a.district
    murder = CrimeHeadFactory(district=district, name="Murder", law_sections="302 PPC", position=1)
    theft = CrimeHeadFactory(district=district, name="Theft", position=2)
    later = PlanFactory(district=district, year_start=2024, crime_first_year=2021, crime_last_year=2023)
    for plan, figures in (
        (world.a.plan, {murder: [146, 135, 160], theft: [883, 1638, 1812]}),
        (later, {murder: [135, 170, 150], theft: [1638, 1800, 1900]}),
    ):
        for head, cases in figures.items():
            for year, count in zip(plan.crime_years, cases, strict=True):
                CrimeFigureFactory(plan=plan, head=head, year=year, cases=count)
    CrimeFigureFactory(plan=world.b.plan, year=2021, cases=999)
    return {"district": district, "murder": murder, "theft": theft}


def test_cases_by_head_and_year_with_change_where_the_later_plan_wins(series, api):
    response = api("clerk").get(URL, {"district": series["district"].slug, "year_min": 2020, "year_max": 2023})

    assert response.status_code == 200
    data = response.json()
    assert data["district"]["slug"] == series["district"].slug
    assert data["years"] == [2020, 2021, 2022, 2023]
    rows = {row["head"]["name"]: row for row in data["rows"]}
    assert list(rows) == ["Murder", "Theft"]
    assert rows["Murder"]["cases"] == [146, 135, 170, 150]
    assert rows["Murder"]["changes"] == [None, -11, 35, -20]
    assert rows["Murder"]["change"] == -20
    assert rows["Theft"]["cases"] == [883, 1638, 1800, 1900]
    assert data["total"]["head"] is None
    assert data["total"]["cases"] == [1029, 1773, 1970, 2050]
    assert data["total"]["changes"] == [None, 744, 197, 80]


def test_a_range_of_years_and_one_head(series, api):
    client = api("clerk")

    narrow = client.get(URL, {"district": series["district"].slug, "year_min": 2021, "year_max": 2022}).json()
    by_name = client.get(URL, {"district": series["district"].slug, "head": "murder"}).json()
    by_id = client.get(URL, {"district": series["district"].slug, "head_id": series["theft"].pk}).json()

    assert narrow["years"] == [2021, 2022]
    assert [row["cases"] for row in narrow["rows"]] == [[135, 170], [1638, 1800]]
    assert by_name["years"] == [2020, 2021, 2022, 2023]
    assert [row["head"]["name"] for row in by_name["rows"]] == ["Murder"]
    assert [row["head"]["name"] for row in by_id["rows"]] == ["Theft"]


def test_years_without_figures_are_null(series, api):
    data = api("clerk").get(URL, {"district": series["district"].slug, "year_min": 2019, "year_max": 2020}).json()

    assert data["rows"][0]["cases"] == [None, 146]
    assert data["rows"][0]["changes"] == [None, None]


def test_csv_has_a_header_and_a_line_per_head_and_year(series, api):
    response = api("clerk").get(URL, {"district": series["district"].slug, "year_min": 2022, "format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"crime-series-{series['district'].slug}-2022-2023.csv" in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == ["district", "head", "law_sections", "year", "cases", "change"]
    slug = series["district"].slug
    assert lines[1:] == [
        [slug, "Murder", "302 PPC", "2022", "170", ""],
        [slug, "Murder", "302 PPC", "2023", "150", "-20"],
        [slug, "Theft", "", "2022", "1800", ""],
        [slug, "Theft", "", "2023", "1900", "100"],
        [slug, "All reported crime", "", "2022", "1970", ""],
        [slug, "All reported crime", "", "2023", "2050", "80"],
    ]


def test_an_empty_series_is_still_a_csv_with_its_header(world, api):
    response = api("clerk").get(URL, {"district": world.a.district.slug, "format": "csv"})

    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").splitlines() == ["district,head,law_sections,year,cases,change"]


def test_another_district_is_404_and_bad_queries_are_400(series, world, api):
    client = api("clerk")

    assert client.get(URL, {"district": world.b.district.slug}).status_code == 404
    assert client.get(URL, {"district": "nowhere"}).status_code == 404
    assert client.get(URL).json() == {"district": ["This field is required."]}
    for params in ({"year_min": "2020a"}, {"year_min": 2023, "year_max": 2020}, {"year_max": 10**12}, {"head_id": -1}):
        response = client.get(URL, {"district": series["district"].slug, **params})
        assert response.status_code == 400, params
    assert (
        client.get(URL, {"district": series["district"].slug, "year_min": 1}, HTTP_ACCEPT="text/csv").status_code == 400
    )


def test_anonymous_is_401_and_without_view_permission_403(series, api):
    params = {"district": series["district"].slug}

    assert api().get(URL, params).status_code == 401
    assert api("stranger").get(URL, params).status_code == 403
    assert api("reader").get(URL, params).status_code == 200
