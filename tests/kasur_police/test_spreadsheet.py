"""The one CSV writer: a byte-order mark for Excel, and no cell a spreadsheet would run as a formula."""

import csv
import io
from decimal import Decimal

from kasur_police.spreadsheet import write_csv


def written(rows):
    stream = io.StringIO()
    write_csv(stream, ["Name", "Value"], rows)
    return stream.getvalue()


def test_the_file_starts_with_a_byte_order_mark_and_keeps_urdu():
    text = written([["قصور", 1]])
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text.removeprefix("\ufeff")))) == [["Name", "Value"], ["قصور", "1"]]


def test_text_that_starts_like_a_formula_is_neutralised():
    rows = [['=HYPERLINK("http://x")', "+1"], ["@SUM(A1)", "-2+3"], ["\tx", "\rx"]]
    cells = list(csv.reader(io.StringIO(written(rows).removeprefix("\ufeff"))))[1:]
    assert cells == [['\'=HYPERLINK("http://x")', "'+1"], ["'@SUM(A1)", "'-2+3"], ["'\tx", "'\rx"]]


def test_numbers_stay_numbers_negative_ones_included():
    cells = list(csv.reader(io.StringIO(written([[-4, Decimal("-1.5")], ["plain", None]]).removeprefix("\ufeff"))))
    assert cells[1:] == [["-4", "-1.5"], ["plain", ""]]
