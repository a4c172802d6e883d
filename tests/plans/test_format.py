"""How figures print: digit grouping per setting, dashes for zero counts, signed changes, quantities."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from plans.document import Part
from plans.templatetags.plan_format import css_string, figure, grouped, percent, quantity, signed


@pytest.mark.parametrize(
    ("value", "lakh", "international"),
    [
        (7, "7", "7"),
        (999, "999", "999"),
        (1000, "1,000", "1,000"),
        (100000, "1,00,000", "100,000"),
        (1829728, "18,29,728", "1,829,728"),
        (1880642128, "1,88,06,42,128", "1,880,642,128"),
        (-1067, "-1,067", "-1,067"),
    ],
)
def test_digit_grouping_follows_the_setting(settings, value, lakh, international):
    settings.DIGIT_GROUPING = "lakh"
    assert grouped(value) == lakh
    settings.DIGIT_GROUPING = "international"
    assert grouped(value) == international


def test_counts_print_a_dash_for_zero_and_nothing_when_missing():
    assert figure(0) == "-"
    assert figure(None) == ""
    assert figure(1632) == "1,632"
    assert grouped(0) == "0"


def test_changes_carry_their_sign():
    assert signed(25) == "+25"
    assert signed(-6) == "-6"
    assert signed(0) == "0"
    assert signed(1067) == "+1,067"
    assert signed(None) == ""


def test_quantities_keep_their_decimals_and_drop_empty_ones():
    assert quantity(Decimal("11.920")) == "11.920"
    assert quantity(Decimal("14189.000")) == "14,189"
    assert quantity(Decimal("123456.5")) == "1,23,456.5"
    assert quantity(Decimal("0.000")) == "-"


def test_percentages_print_whole_where_they_are():
    assert percent(Decimal("65.00")) == "65%"
    assert percent(Decimal("12.50")) == "12.5%"


def test_css_string_cannot_end_the_css_string():
    escaped = css_string('Kasur "}; body { display: none } \\')
    assert '"' not in escaped and "}" not in escaped and "\\5c " in escaped


def test_chapter_tag_renders_the_part_template_with_its_context_escaped(tmp_path, settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]},
    ]
    (tmp_path / "probe.html").write_text("<h1 id='{{ part.slug }}'>{{ part.title }}</h1><p>{{ text }}</p>")
    part = Part("probe", "Probe", "probe.html", {"text": "<script>alert(1)</script>"})
    html = Template("{% load plan_format %}{% chapter part %}").render(Context({"part": part}))
    assert "<h1 id='probe'>Probe</h1>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
