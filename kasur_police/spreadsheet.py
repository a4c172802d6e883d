"""The one CSV writer of the portal and the API: what a spreadsheet opens correctly and safely.

A byte-order mark first, so Excel reads the file as UTF-8 (Urdu names included); a text cell that starts
with = + - @, a tab or a carriage return gets a leading apostrophe, so a spreadsheet shows it instead of
running it as a formula (OWASP "CSV injection"). Numbers, negative ones included, stay numbers.
"""

import csv
from decimal import Decimal

BYTE_ORDER_MARK = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, int | float | Decimal):  # bool is an int: written as True/False, never a formula
        return value
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def write_csv(stream, header, rows):
    """Write `header` and `rows` (sequences of cells) to `stream`, a file-like object with `write`."""
    stream.write(BYTE_ORDER_MARK)
    writer = csv.writer(stream)
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
