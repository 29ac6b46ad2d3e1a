"""What an uncached page costs in SQL: at most 16 queries, whatever the number of items it lists.

A page is counted as a visitor gets it when the page itself is not cached: after a first view (which creates the
image renditions and fills Wagtail's own caches: the sites' root paths, the renditions). With every cache cleared
too (``count_queries``), Wagtail reads the sites' root paths once more: one query more at most.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from news.factories import NewsPageFactory
from news.models import NewsPage
from pages.factories import ImageFactory
from pages.listing import PAGE_SIZE, paginate
from publications.factories import PublicationPageFactory
from tests.helpers import count_queries
from thematiques.factories import theme
from trainings.factories import TrainingPageFactory

pytestmark = pytest.mark.django_db

MOST_QUERIES = 16


def page_queries(client, url):
    """SQL queries of a view of ``url`` once Wagtail's caches are filled, the page itself being rendered anew."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def costs(client, url):
    """The queries of ``url`` as a visitor gets it, and with every cache cleared: at most one more."""
    warm, cold = page_queries(client, url), count_queries(client, url, warm=True)
    assert cold <= warm + 1, url
    return warm


def add_news(count):
    for _ in range(count):
        NewsPageFactory(image=ImageFactory(), thematiques=[theme("sante"), theme("logement")])


def add_trainings(count):
    for _ in range(count):
        TrainingPageFactory(thematiques=[theme("sante")])


def add_publications(count):
    for _ in range(count):
        PublicationPageFactory(cover=ImageFactory(), thematiques=[theme("sante")])


def add_everything(count):
    add_news(count)
    add_trainings(count)
    add_publications(count)


def url_of(model_name):
    return Page.objects.get(content_type__model=model_name).specific.url


@pytest.mark.parametrize(
    ("index", "query", "add"),
    [
        ("newsindexpage", "", add_news),
        ("newsindexpage", "?thematique=sante", add_news),
        ("newsindexpage", "?thematique=sante&annee=2020", add_news),
        ("trainingindexpage", "", add_trainings),
        ("trainingindexpage", "?thematique=sante", add_trainings),
        ("publicationindexpage", "", add_publications),
        ("publicationindexpage", "?thematique=sante", add_publications),
    ],
)
def test_an_index_costs_the_same_queries_with_more_items(client, index, query, add):
    url = url_of(index) + query
    add(2)
    before = costs(client, url)
    add(3)
    assert costs(client, url) == before <= MOST_QUERIES


def test_the_second_page_of_an_index_costs_no_more_than_the_first(client):
    add_news(PAGE_SIZE + 2)
    url = url_of("newsindexpage")
    assert costs(client, url + "?page=2") <= costs(client, url)


def test_a_thematique_page_costs_the_same_queries_with_more_items(client):
    url = theme("sante").url
    add_everything(1)
    before = costs(client, url)
    add_everything(3)
    assert costs(client, url) == before <= MOST_QUERIES


def test_the_home_page_costs_at_most_16_queries(client):
    add_everything(3)
    assert costs(client, "/") <= MOST_QUERIES


class TestPaginate:
    """``paginate`` reads a page of a queryset and its count in one query, and behaves as ``Paginator.get_page``."""

    @pytest.fixture
    def items(self):
        add_news(PAGE_SIZE + 3)
        return NewsPage.objects.live()

    def test_a_page_and_the_count_come_from_one_query(self, items, django_assert_num_queries):
        total = items.count()
        with django_assert_num_queries(1):
            page_obj = paginate(items.order_by("path"), "2")
            assert page_obj.paginator.count == total
            assert page_obj.number == 2
            assert len(page_obj.object_list) == total - PAGE_SIZE
            assert page_obj.has_previous() and not page_obj.has_next()

    def test_the_first_page_lists_the_first_items_in_order(self, items):
        page_obj = paginate(items.order_by("path"), None)
        assert [page.pk for page in page_obj] == list(items.order_by("path").values_list("pk", flat=True)[:PAGE_SIZE])

    @pytest.mark.parametrize(("asked", "given"), [("99", 2), ("abc", 1), ("0", 2), ("-1", 2), ("", 1)])
    def test_a_page_out_of_range_or_not_a_number_gives_what_django_gives(self, items, asked, given):
        assert paginate(items.order_by("path"), asked).number == given

    def test_an_empty_result_gives_one_empty_page(self, items):
        page_obj = paginate(items.none(), "1")
        assert page_obj.paginator.count == 0
        assert list(page_obj) == []
