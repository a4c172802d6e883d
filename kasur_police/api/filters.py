"""Filter backends that refuse what they cannot apply, instead of silently ignoring it."""

from django.utils.translation import gettext as _
from rest_framework import filters
from rest_framework.exceptions import ValidationError


class OrderingFilter(filters.OrderingFilter):
    """`?ordering=field,-other`: an unknown field is a 400 that lists the fields the resource orders by."""

    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param)
        if raw is None:
            return self.get_default_ordering(view)
        fields = [field.strip() for field in raw.split(",")]
        valid = self.remove_invalid_fields(queryset, fields, view, request)
        if len(valid) != len(fields) or not fields:
            allowed = sorted(name for name, _label in self.get_valid_fields(queryset, view, {"request": request}))
            raise ValidationError(
                {self.ordering_param: [_("Order by one or more of: %(fields)s.") % {"fields": ", ".join(allowed)}]}
            )
        return valid
