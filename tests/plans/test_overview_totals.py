"""Totals over districts compare crime like with like."""

from plans.overview import Figures, Totals


def test_a_district_without_last_years_figure_does_not_inflate_the_change():
    totals = Totals()
    totals.add(Figures(crime=100, crime_previous=90))
    totals.add(Figures(crime=50))  # reports this year only

    assert totals.crime == 150
    assert totals.crime_previous == 90
    assert totals.crime_change == 10
    assert totals.crime_change_percent == 11.1


def test_region_totals_carry_up_to_the_province():
    region = Totals()
    region.add(Figures(crime=100, crime_previous=90))
    region.add(Figures(crime=50))
    province = Totals()
    province.add(region)
    province.add(Figures(crime=20, crime_previous=25))

    assert province.crime == 170
    assert province.crime_change == (100 + 20) - (90 + 25)
