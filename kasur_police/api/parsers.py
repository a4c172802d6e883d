"""A JSON parser that refuses deeply nested documents with 400 instead of failing on Python's recursion limit."""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json


def nesting_depth_exceeds(text, limit):
    """Whether brackets in the JSON text nest deeper than `limit` (brackets inside strings do not count)."""
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with a nesting limit (`API_JSON_MAX_DEPTH`): a deeper body is a 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding)
        except UnicodeDecodeError as error:
            raise ParseError(_("The body is not valid %(encoding)s.") % {"encoding": encoding}) from error
        limit = settings.API_JSON_MAX_DEPTH
        if nesting_depth_exceeds(text, limit):
            raise ParseError(_("The JSON body nests deeper than %(limit)d levels.") % {"limit": limit})
        try:
            return json.loads(text)  # DRF's strict loads: NaN and Infinity are not JSON
        except ValueError as error:
            raise ParseError(_("The body is not valid JSON: %(error)s") % {"error": error}) from error
