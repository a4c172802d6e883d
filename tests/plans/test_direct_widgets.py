"""Widgets written in Python for pages with many of them: the same HTML as Django's templates write."""

import pytest
from django import forms
from django.test.html import parse_html

from plans.forms import DirectSelect, DirectTextarea


def django_select(choices, value, attrs):
    return forms.Select(attrs=attrs, choices=choices).render("other", value)


@pytest.mark.parametrize("value", ["", "2", "x"])
def test_the_long_select_writes_the_same_html_as_djangos(value):
    choices = [
        ("", "(none)"),
        ("1", "Kasur 2023-2024"),
        ("2", 'Lahore <b>"2024"</b> & more'),
        ("Region N", [("3", "Okara 2022-2023"), ("x", "Sahiwal")]),
    ]
    attrs = {"id": "id_other", "required": True, "disabled": False, "aria-describedby": "help"}
    ours = DirectSelect(attrs=attrs, choices=choices).render("other", value)
    assert parse_html(ours) == parse_html(django_select(choices, value, attrs))
    assert "<b>" not in ours


@pytest.mark.parametrize("value", ["", None, 'a note <with> "markup" & more\nover two lines'])
def test_the_direct_textarea_writes_the_same_html_as_djangos(value):
    attrs = {"id": "id_note", "rows": 2, "required": False, "maxlength": "500"}
    ours = DirectTextarea(attrs=attrs).render("note", value)
    assert parse_html(ours) == parse_html(forms.Textarea(attrs=attrs).render("note", value))
    assert "<with>" not in ours
