"""Queue pages that never count a million rows.

A company-wide queue at a million orders takes seconds to ``COUNT(*)``; nobody pages past the
first few hundred orders of it, they narrow the filters. So a queue counts at most
``QUEUE_COUNT_CAP + 1`` rows: a small queue gets its exact count, a big one "1,000+".
"""

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

# Twenty pages of fifty: more than a desk reads before it narrows the queue, and counting this
# many rows through an index stays in the low milliseconds at any table size.
QUEUE_COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """A ``Paginator`` whose ``count`` stops at ``cap``; ``capped`` tells whether there were more."""

    cap = QUEUE_COUNT_CAP
    _seen = 0

    @cached_property
    def count(self) -> int:
        if not isinstance(self.object_list, QuerySet):
            self._seen = super().count
            return self._seen
        # Without ORDER BY the database may stop at the first cap + 1 rows it finds.
        self._seen = self.object_list.order_by()[: self.cap + 1].count()
        return min(self._seen, self.cap)

    @property
    def capped(self) -> bool:
        return self.count < self._seen


class QueuePagination(PageNumberPagination):
    """Page-number pages with ``count`` capped; ``count_capped`` says the queue holds more."""

    django_paginator_class = CappedPaginator

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        paginator = self.page.paginator if self.page is not None else None
        assert isinstance(paginator, CappedPaginator)  # a response follows paginate_queryset(), which set the page
        response.data["count_capped"] = paginator.capped
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        result = super().get_paginated_response_schema(schema)
        result["properties"]["count_capped"] = {"type": "boolean"}
        return result
