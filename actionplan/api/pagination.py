"""Page-number pagination with a client-chosen page size, capped, and its position in the
response headers too (Link, X-Total-Count), where a CSV body has no room for it."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.utils.urls import replace_query_param

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


def _whole_number(raw: str) -> int | None:
    """A positive whole number written in ASCII digits, None for anything else."""
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        return None
    return int(raw)


class PagePagination(PageNumberPagination):
    """`?page=2&page_size=50`. A page size above MAX_PAGE_SIZE is lowered to it; a page past
    the last is a 404; a page or page size that is not a whole number from 1 is a 400."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_size_query_description = (
        f"Results per page: {DEFAULT_PAGE_SIZE} unless given, at most {MAX_PAGE_SIZE} "
        "(a larger value is lowered to the maximum)."
    )

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = _whole_number(raw)
        if size is None:
            raise ValidationError({self.page_size_query_param: [_("Give a whole number from 1.")]})
        return min(size, self.max_page_size)

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param)
        if raw is None:
            return 1
        if raw in self.last_page_strings:
            return paginator.num_pages
        number = _whole_number(raw)
        if number is None:
            raise ValidationError(
                {self.page_query_param: [_("Give a whole number from 1, or “last”.")]}
            )
        return number

    def check_query(self, request) -> None:
        """The 400 of a malformed page or page size, raised before any page is read (for a
        view that answers a conditional request first)."""
        self.get_page_size(request)
        if request.query_params.get(self.page_query_param) not in (None, *self.last_page_strings):
            self.get_page_number(request, paginator=None)  # "last" is the one that reads it

    def pagination_headers(self) -> dict[str, str]:
        """X-Total-Count and Link (first, prev, next, last) of the page just served."""
        links = {
            "first": self._page_link(1),
            "prev": self.get_previous_link(),
            "next": self.get_next_link(),
            "last": self._page_link(self.page.paginator.num_pages),
        }
        headers = {"X-Total-Count": str(self.page.paginator.count)}
        link = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items() if url)
        if link:
            headers["Link"] = link
        return headers

    def _page_link(self, number: int) -> str:
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.page_query_param, number)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_query_param:
                parameter["description"] = (
                    "The page, from 1 (or `last`); a page past the last is a 404."
                )
        return parameters

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        descriptions = {
            "count": "How many results there are in all (on every page).",
            "next": "The address of the next page; null on the last.",
            "previous": "The address of the previous page; null on the first.",
            "results": "The results on this page.",
        }
        for name, description in descriptions.items():
            response["properties"][name]["description"] = description
        return response
