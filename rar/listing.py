"""Paging for list pages: the page of objects and the query string to keep filters across pages."""

from django.core.paginator import Paginator

PAGE_SIZE = 50


def paginate(request, queryset, size=PAGE_SIZE):
    page = Paginator(queryset, size).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    query.pop("export", None)
    return page, query.urlencode()
