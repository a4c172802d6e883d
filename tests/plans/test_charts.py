"""The server-made SVG charts: well-formed, labelled for readers, escaped, and complete where it matters."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

from crime_stats.figures import CrimeRow, CrimeTable
from plans.charts import crime_trend_svg, nice_ceiling, spread_labels, strength_svg
from strength.figures import StrengthFigures, StrengthTable
from strength.models import Rank, StrengthEntry

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & Co'


def parse(svg):
    return ET.fromstring(str(svg))


def texts(root):
    return [element.text for element in root.iter(f"{SVG}text")]


def crime_table(heads):
    """A crime table over 2020-2022 from (name, cases) pairs."""
    rows = [CrimeRow(SimpleNamespace(name=name, position=index), cases) for index, (name, cases) in enumerate(heads)]
    return CrimeTable(years=[2020, 2021, 2022], rows=rows)


def strength(*ranks):
    entries = [StrengthEntry(rank=Rank(name=name), sanctioned=total, present=present) for name, total, present in ranks]
    table = StrengthTable(entries)
    return StrengthFigures(police=table, ministerial=StrengthTable(), field_organisation=None)


def test_crime_chart_shows_the_top_heads_and_the_total_with_title_and_description():
    heads = [(f"Head {number}", [number * 10, number * 11, number * 12]) for number in range(1, 8)]
    root = parse(crime_trend_svg(crime_table(heads), top=5))
    assert root.find(f"{SVG}title").text.startswith("Crime trend by head, 2020 to 2022")
    description = root.find(f"{SVG}desc").text
    labels = " ".join(texts(root))
    for number in (7, 6, 5, 4, 3):  # the five heads with most cases in the last year
        assert f"Head {number} ({number * 12})" in labels
        assert f"Head {number} {number * 10}, {number * 11}, {number * 12}" in description
    assert "Head 2" not in labels and "Head 1 " not in description
    assert "All reported crime 280, 308, 336" in description  # 10 + 20 + ... + 70 = 280
    assert root.get("role") == "img" and root.get("aria-labelledby") == "crime-trend-title crime-trend-desc"


def test_chart_labels_are_escaped_before_the_svg_is_marked_safe():
    root = parse(crime_trend_svg(crime_table([(HOSTILE, [1, 2, 3])])))
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
    assert f"{HOSTILE} (3)" in texts(root)
    root = parse(strength_svg(strength((HOSTILE, 5, 4))))
    assert HOSTILE in texts(root) and not list(root.iter(f"{SVG}script"))


def test_crime_chart_survives_missing_years_and_empty_tables():
    root = parse(crime_trend_svg(crime_table([("Theft", [5, None, 9])])))
    assert "Theft 5, -, 9" in root.find(f"{SVG}desc").text
    paths = [path.get("d") for path in root.iter(f"{SVG}path")]
    assert any(d.count("M") == 2 and "L" not in d for d in paths)  # the gap year breaks the line
    assert crime_trend_svg(crime_table([])) == ""


def test_strength_chart_has_a_bar_and_figures_for_every_rank():
    root = parse(strength_svg(strength(("SSP", 1, 1), ("FC", 1632, 1573))))
    labels = texts(root)
    assert "SSP" in labels and "FC" in labels and "1,573 / 1,632 (96%)" in labels and "1 / 1 (100%)" in labels
    assert "FC 1,573 present of 1,632 sanctioned" in root.find(f"{SVG}desc").text
    assert len(list(root.iter(f"{SVG}rect"))) == 2 + 2 * 2  # legend, then the bar and its fill per rank


def test_strength_chart_scales_each_rank_to_its_own_sanctioned_strength():
    """A rank of 6 posts reads as clearly as one of 1,632: each bar is the rank's 100%, filled as far as present."""
    root = parse(strength_svg(strength(("FC", 1632, 816), ("Insp./ Legal", 6, 0), ("SP", 1, 1), ("ASI", 4, 6))))
    rects = list(root.iter(f"{SVG}rect"))[2:]  # after the legend: bar, fill, bar, fill ...
    bars, fills = rects[0::2], rects[1::2]
    assert len({bar.get("width") for bar in bars}) == 1  # every rank's bar is as long: its sanctioned strength
    full = float(bars[0].get("width"))
    assert [round(float(fill.get("width")) / full, 2) for fill in fills] == [0.5, 0.0, 1.0, 1.0]  # excess caps at full
    assert "0 / 6 (0%)" in texts(root) and "6 / 4 (150%)" in texts(root)


def test_strength_chart_of_many_ranks_keeps_the_largest_and_says_so():
    ranks = [(f"Rank {number}", number, number) for number in range(1, 31)]
    root = parse(strength_svg(strength(*ranks), limit=24))
    labels = texts(root)
    assert "Rank 30" in labels and "Rank 7" in labels and "Rank 6" not in labels
    assert root.find(f"{SVG}desc").text.startswith("The 24 of 30 ranks with the most sanctioned posts.")
    assert strength_svg(strength()) == ""


def test_axis_and_label_helpers():
    assert [nice_ceiling(value) for value in (0, 7, 16828, 2500, 2501)] == [1, 10, 20000, 2500, 5000]
    placed = spread_labels([100, 101, 102, 300], gap=12, lowest=305)
    assert sorted(placed) == placed and all(b - a >= 12 for a, b in zip(placed, placed[1:], strict=False))
    assert max(placed) <= 305
