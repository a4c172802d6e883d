from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """`?limit=&offset=` with a ceiling, so no client can ask for an unbounded page.

    A limit or offset that is not a whole number in range is a 400, not silently the default.
    """

    default_limit = 50
    max_limit = 1000

    def whole_number(self, request, name, minimum, maximum=None):
        raw = request.query_params.get(name)
        if raw is None:
            return None
        text = raw.strip()
        value = int(text) if text.isascii() and text.isdigit() else None
        if value is None or value < minimum or (maximum is not None and value > maximum):
            bounds = f"{minimum}–{maximum}" if maximum is not None else _("%(minimum)d or more") % {"minimum": minimum}
            raise ValidationError({name: [_("Give a whole number, %(bounds)s.") % {"bounds": bounds}]})
        return value

    def get_limit(self, request):
        limit = self.whole_number(request, self.limit_query_param, 1, self.max_limit)
        return self.default_limit if limit is None else limit

    def get_offset(self, request):
        return self.whole_number(request, self.offset_query_param, 0) or 0

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": self.max_limit},
            self.offset_query_param: {"minimum": 0},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters
