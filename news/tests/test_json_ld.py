"""A news item's page carries a schema.org NewsArticle: headline, dates, the centre as publisher, its image."""

import datetime
import json

import pytest

from news.factories import NewsPageFactory
from pages.factories import ImageFactory
from pages.models import SiteIdentity
from tests.helpers import soup_of

pytestmark = pytest.mark.django_db


def json_ld_blocks(client, url):
    return [json.loads(script.string) for script in soup_of(client, url).select('script[type="application/ld+json"]')]


def test_news_page_carries_a_news_article_with_exactly_its_properties(client, site, time_machine):
    time_machine.move_to(datetime.datetime(2026, 4, 2, 10, 15, tzinfo=datetime.UTC), tick=False)
    item = NewsPageFactory(title="Nouvelle permanence", published_on=datetime.date(2026, 4, 1))
    [article] = json_ld_blocks(client, item.url)
    assert article == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Nouvelle permanence",
        "datePublished": "2026-04-01",
        "dateModified": "2026-04-02T12:15:00+02:00",  # Brussels time, summer offset
        "publisher": {
            "@type": "NGO",
            "name": SiteIdentity.for_site(site).site_name,
            "url": "http://localhost/",
        },
    }


def test_news_article_names_the_items_own_image_never_the_sites_default(client, site):
    identity = SiteIdentity.for_site(site)
    identity.default_sharing_image = ImageFactory()
    identity.save()
    without = NewsPageFactory(title="Sans image")
    assert "image" not in json_ld_blocks(client, without.url)[0]

    item = NewsPageFactory(title="Avec image", image=ImageFactory(file__width=1600, file__height=900))
    [article] = json_ld_blocks(client, item.url)
    rendition = item.image.renditions.get(filter_spec="fill-1200x630")
    assert article["image"] == ["http://localhost" + rendition.url]


def test_a_title_cannot_close_the_json_ld_script(client):
    item = NewsPageFactory(title='</script><script>alert("x")</script>')
    html = client.get(item.url).content.decode()
    assert '<script>alert("x")</script>' not in html
    [article] = json_ld_blocks(client, item.url)
    assert article["headline"] == '</script><script>alert("x")</script>'
