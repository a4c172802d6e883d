"""How the plan prints its figures, shared by the PDF and the portal so both show the same numbers.

Digit grouping follows `settings.DIGIT_GROUPING`: "lakh" groups the last three digits and then pairs
(1,88,06,42,128), "international" groups in threes (1,880,642,128). Counts print a dash for zero, as
the document does; changes carry their sign (+25, -6); quantities keep their decimals (11.920 kg).
"""

from decimal import Decimal

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import numberformat, translation
from django.utils.safestring import mark_safe

register = template.Library()

DASH = "-"


GROUPINGS = {"lakh": (3, 2, 0), "international": 3}  # digits per group from the right, for numberformat


def format_number(value, places=None):
    """A number with grouped digits; `places` decimals when given, else as many as the value carries."""
    number = Decimal(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    grouping = GROUPINGS["international" if getattr(settings, "DIGIT_GROUPING", "lakh") == "international" else "lakh"]
    return numberformat.format(number, ".", grouping=grouping, thousand_sep=",", force_grouping=True)


@register.filter
def grouped(value):
    """A figure with grouped digits, zero printed as 0; blank when there is no figure."""
    if value is None or value == "":
        return ""
    return format_number(value)


@register.filter
def figure(value):
    """A count as the plan prints it: grouped digits, a dash for zero, blank when there is no figure."""
    if value is None or value == "":
        return ""
    if value == 0:
        return DASH
    return format_number(value)


@register.filter
def signed(value):
    """A change with its sign: +25, -6, 0; blank when it cannot be computed."""
    if value is None or value == "":
        return ""
    return ("+" if value > 0 else "") + format_number(value)


@register.filter
def quantity(value):
    """A measured quantity: whole amounts without decimals (14,189), others with theirs (11.920)."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    if number == 0:
        return DASH
    if number == number.to_integral_value():
        return format_number(number.to_integral_value())
    return format_number(number)


@register.filter
def percent(value):
    """A share as a whole percentage where it is one (65%), else with its decimals (12.5%)."""
    if value is None or value == "":
        return ""
    number = Decimal(value).normalize()
    if number == number.to_integral_value():
        number = number.to_integral_value()
    return f"{number:f}%"


@register.filter
def css_string(value):
    """Text made safe to put inside a double-quoted CSS string: every non-alphanumeric character escaped."""
    escaped = "".join(char if char.isalnum() or char == " " else f"\\{ord(char):x} " for char in str(value))
    return mark_safe(escaped)


@register.simple_tag(takes_context=True)
def chapter(context, part):
    """Render one part of the plan (a `plans.document.Part`) with its own context and `part` itself.

    The templates escape everything they print, so their output is safe to insert as it is.
    """
    return mark_safe(render_to_string(part.template, {**part.context, "part": part}, request=context.get("request")))


def chart_language():
    """The language of a chart's labels: the document's, except in a right-to-left printed plan.

    WeasyPrint draws SVG text glyph by glyph, without joining letters or reordering them, so Urdu labels
    would print disjoined and backwards; the printed Urdu plan labels its charts in English instead
    (browsers shape SVG text, so the portal's charts stay in Urdu).
    """
    from plans.pdf import printing

    return "en" if printing() and translation.get_language_bidi() else translation.get_language()


@register.filter
def crime_chart(crime_table):
    """The crime trend chart (SVG) of a `crime_stats.figures.CrimeTable`."""
    from plans.charts import crime_trend_svg

    with translation.override(chart_language()):
        return crime_trend_svg(crime_table)


@register.filter
def strength_chart(strength_figures):
    """The sanctioned-against-present chart (SVG) of a `strength.figures.StrengthFigures`."""
    from plans.charts import strength_svg

    with translation.override(chart_language()):
        return strength_svg(strength_figures)
