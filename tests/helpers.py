"""Helpers shared by the tests of every app."""

from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page


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


def shared_content(django_db_blocker, build):
    """Content for the tests of one module that only read it: built once, committed, deleted after the module.

    ``build()`` runs once with the database unblocked; each test still runs in its own rolled-back transaction,
    so what a test adds or changes disappears after it. Everything ``build()`` created (pages, images, documents)
    is deleted when the module's tests are done. Not for transactional tests, which empty the database.
    """
    with django_db_blocker.unblock():
        marks = {model: model.objects.aggregate(highest=Max("pk"))["highest"] or 0 for model in created_models()}
        content = build()
    try:
        yield content
    finally:
        with django_db_blocker.unblock():
            Page.objects.filter(pk__gt=marks[Page]).delete()  # treebeard's bulk delete keeps the tree consistent
            for model in created_models():
                if model is not Page:
                    for item in model.objects.filter(pk__gt=marks[model]):
                        item.delete()
            cache.clear()


def created_models():
    """What shared content may create; the image and document models are swappable, so they are read here."""
    return [Page, get_image_model(), get_document_model()]
