"""The grid framework's own rules: formulas (the same as grid.js), what a cell accepts, how values show."""

from decimal import Decimal

import pytest

from plans.editors.grid import Column, display, evaluate, format_value, parse_value

COUNT = Column("count", "Count")
QUANTITY = Column("quantity", "Quantity", decimal_places=3)


def test_formulas_follow_the_printed_tables():
    short = ["pos", ["-", "sanctioned", "present"]]
    assert evaluate(short, {"sanctioned": 10, "present": 7}) == 3
    assert evaluate(short, {"sanctioned": 7, "present": 10}) == 0
    assert evaluate(short, {"sanctioned": 7, "present": None}) is None
    assert evaluate(["sum", "a", "b", "c"], {"a": 1, "b": None, "c": 2}) == 3
    assert evaluate(["sum", "a", "b"], {"a": None, "b": None}) is None
    assert evaluate(["+", "a", "b"], {"a": 1, "b": None}) is None
    with pytest.raises(ValueError):
        evaluate(["*", "a", "b"], {"a": 1, "b": 2})


@pytest.mark.parametrize(
    ("text", "column", "value", "error"),
    [
        ("", COUNT, None, ""),
        ("  1,234 ", COUNT, 1234, ""),
        ("-", COUNT, 0, ""),
        ("12.0", COUNT, 12, ""),
        ("12.5", COUNT, None, "Enter a whole number."),
        ("-3", COUNT, None, "Enter a number of 0 or more."),
        ("many", COUNT, None, "Enter a number."),
        ("NaN", COUNT, None, "Enter a number."),
        ("Infinity", COUNT, None, "Enter a number."),
        ("11.125", QUANTITY, Decimal("11.125"), ""),
        ("1.2345", QUANTITY, None, "Enter at most 3 decimal places."),
    ],
)
def test_what_a_cell_accepts(text, column, value, error):
    assert parse_value(text, column) == (value, error)


def test_values_show_as_typed_and_changes_with_their_sign():
    assert format_value(Decimal("1000.000"), QUANTITY) == "1000"
    assert format_value(Decimal("11.920"), QUANTITY) == "11.920"
    assert format_value(None, COUNT) == ""
    signed = Column("change", "Change", formula=["-", "b", "a"], signed=True)
    assert (display(25, signed), display(-6, signed), display(0, signed), display(None, signed)) == (
        "+25",
        "-6",
        "0",
        "",
    )
