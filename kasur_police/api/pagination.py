from rest_framework import pagination


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """`?limit=&offset=` with a ceiling, so no client can ask for an unbounded page."""

    default_limit = 50
    max_limit = 1000
