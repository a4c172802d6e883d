"""Text in its own direction, in the portal and in print.

Whatever a user types (an Urdu paragraph in an English plan, an English name in an Urdu one) keeps the
direction of its first strong letter, whatever the page's direction. Browsers do this with dir="auto", but
WeasyPrint ignores it and has no `unicode-bidi: isolate`, so the printed plan gets the same result from
what both understand: an explicit `dir` computed here for blocks, and the Unicode isolate characters
(FSI/LRI ... PDI, invisible and skipped by text extraction) around inline text and number ranges.
"""

import re
import unicodedata

from django import template
from django.utils import translation
from django.utils.safestring import SafeData, mark_safe

register = template.Library()

FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"
RIGHT_TO_LEFT = {"R", "AL"}
# Years, ranges, ratios, dates and codes that must read left to right inside right-to-left text:
# 2023-2024, 2023–24, 1:2150, 12.05.2023, 302/34. Without the isolate, digits after an Urdu word become
# Arabic numbers and "2023-2024" prints as "2024-2023".
NUMBER_RUN = re.compile(r"\d+(?:[-–—/:.,]\d+)+")


def text_direction(text):
    """'rtl' or 'ltr' from the first strong letter of `text`; 'auto' when it has none (only digits, say)."""
    for character in str(text or ""):
        kind = unicodedata.bidirectional(character)
        if kind in RIGHT_TO_LEFT:
            return "rtl"
        if kind == "L":
            return "ltr"
    return "auto"


def keep_safety(value, result):
    return mark_safe(result) if isinstance(value, SafeData) else result


@register.filter
def direction(value):
    """For `dir="{{ text|direction }}"` on the block that holds a user's text."""
    return text_direction(value)


@register.filter(is_safe=True)
def isolate_numbers(value):
    """Number ranges and codes inside right-to-left text kept left to right; other text as it is."""
    text = str(value)
    if text_direction(text) != "rtl":
        return value
    return keep_safety(value, NUMBER_RUN.sub(lambda match: f"{LRI}{match.group()}{PDI}", text))


@register.filter(is_safe=True)
def isolated(value):
    """Inline text (a name, a label) in its own direction where the page runs the other way.

    Text already in the page's direction is left as typed: it needs no isolating.
    """
    text = str(value)
    page = "rtl" if translation.get_language_bidi() else "ltr"
    if not text or text_direction(text) == page:
        return value
    return keep_safety(value, f"{FSI}{isolate_numbers(text)}{PDI}")


@register.filter(is_safe=True)
def ltr(value):
    """A year, range or code ('2023-2024') that reads left to right, also after Urdu words in a right-to-left page."""
    text = str(value)
    if not text or not translation.get_language_bidi():
        return value
    return keep_safety(value, f"{LRI}{text}{PDI}")
