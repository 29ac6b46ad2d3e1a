"""Helpers shared by the tests of every app."""

from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def soup_of(client, url):
    """The parsed page at ``url``, which must answer 200."""
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def count_queries(client, url, warm=False):
    """SQL queries of one view of ``url`` with Django's caches cleared.

    With ``warm``, the page is viewed once before, so that image renditions already exist.
    """
    if warm:
        client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)
