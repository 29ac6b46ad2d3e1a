"""No broken link: the demo site, crawled from the home page with the test client.

Every internal link, image (``src`` and each ``srcset`` candidate), stylesheet, script, document and feed item must
answer 200 once redirects are followed, and every anchor (``#id``) must name an element of its page. Static files
are looked up with the staticfiles finders (the test client does not serve them without DEBUG); everything else,
uploaded media included, is fetched through the site's own views. The admin is left out, and so is the search page
until it exists; a page reached with many query strings (filters, pagination) is crawled with the first one only.
"""

from collections import deque
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.signals import request_finished
from django.db import close_old_connections
from wagtail.models import Site

from seed.builder import SeedReport
from seed.demo import DemoBuilder
from seed.models import SeedMemory

LOCAL_HOSTS = {"", "testserver", "localhost", "127.0.0.1"}
SKIPPED_PREFIXES = ("/admin/",)
LINK_ATTRIBUTES = [("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src")]
SRCSET_TAGS = ("img", "source")
HTML = "text/html"
FEEDS = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


@dataclass
class Crawl:
    """What the crawl found: the pages' ids, the anchors to check, and the broken links with where they were seen."""

    hosts: set
    queue: deque = field(default_factory=deque)
    seen: set = field(default_factory=set)  # URLs (path + query) queued once
    query_variants: dict = field(default_factory=dict)  # path → the first query string seen
    ids: dict = field(default_factory=dict)  # an HTML page's URL (path + query) → its ids
    anchors: list = field(default_factory=list)  # (page where the link is, target URL, fragment)
    broken: list = field(default_factory=list)
    skipped: tuple = SKIPPED_PREFIXES
    feeds: int = 0

    def internal(self, base, link):
        """The path (with its query) of ``link`` if it points inside the site, else None."""
        link = link.strip()
        if not link or link.startswith(("mailto:", "tel:", "javascript:", "data:", "sms:")):
            return None
        url = urlsplit(urljoin(base, link))
        if url.scheme not in ("", "http", "https") or (url.hostname or "") not in self.hosts:
            return None
        path = url.path or "/"
        return path + (f"?{url.query}" if url.query else ""), url.fragment

    def add(self, base, link, source):
        found = self.internal(base, link)
        if found is None:
            return
        target, fragment = found
        path, _, query = target.partition("?")
        if fragment:
            self.anchors.append((source, target, fragment))
        if path.startswith(self.skipped):
            return
        if query:
            first = self.query_variants.setdefault(path, query)
            if first != query:
                return
        if target not in self.seen:
            self.seen.add(target)
            self.queue.append((target, source))


def srcset_urls(value):
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def links_of_html(soup):
    for tag, attribute in LINK_ATTRIBUTES:
        for element in soup.find_all(tag, attrs={attribute: True}):
            if tag == "link" and "preconnect" in element.get("rel", []):
                continue
            yield element[attribute]
    for tag in SRCSET_TAGS:
        for element in soup.find_all(tag, srcset=True):
            yield from srcset_urls(element["srcset"])


def links_of_feed(content):
    """Every URL of an RSS or Atom feed: items' links and GUIDs used as links, enclosures, Atom links."""
    root = ElementTree.fromstring(content)
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name == "link":
            yield element.get("href") or (element.text or "")
        elif name == "guid" and element.get("isPermaLink", "true") == "true":
            yield element.text or ""
        elif name == "enclosure":
            yield element.get("url", "")


def static_file_exists(path):
    return finders.find(unquote(path[len(settings.STATIC_URL) :])) is not None


def fetch(client, crawl, target, source):
    """Fetch one URL, record it if broken, and queue the links of an HTML page or a feed."""
    path = target.partition("?")[0]
    if path.startswith(settings.STATIC_URL):
        if not static_file_exists(path):
            crawl.broken.append((target, "fichier statique introuvable", source))
        return
    response = client.get(target, follow=True)
    try:
        if response.status_code != 200:
            crawl.broken.append((target, response.status_code, source))
            return
        final = response.request["PATH_INFO"]
        if response.request.get("QUERY_STRING"):
            final += "?" + response.request["QUERY_STRING"]
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if content_type == HTML:
            soup = BeautifulSoup(response.content, "html.parser")
            crawl.ids[final] = {element["id"] for element in soup.find_all(id=True)}
            if final != target:  # reached through a redirect: anchors are checked against the page it landed on
                crawl.ids.setdefault(target, crawl.ids[final])
            for link in links_of_html(soup):
                crawl.add(target, link, final)
        elif content_type in FEEDS:
            crawl.feeds += 1
            for link in links_of_feed(response.content):
                crawl.add(target, link, f"{final} (flux)")
    finally:
        close_file_response(response)


def close_file_response(response):
    """Close a streamed response (a media file, a document) the way the test client closes the others: without
    Django's close_old_connections, which would drop the test's PostgreSQL connection in the middle of its
    transaction (SQLite's in-memory database hides it)."""
    if not response.streaming:
        return  # the test client closed it already
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def crawl_site(client, start="/"):
    site = Site.objects.get(is_default_site=True)
    crawl = Crawl(hosts=LOCAL_HOSTS | {site.hostname})
    if client.get("/recherche/").status_code == 404:  # the search page is built by another part of issue 11
        crawl.skipped = (*crawl.skipped, "/recherche/")
    crawl.add("http://testserver/", start, "(départ)")
    while crawl.queue:
        target, source = crawl.queue.popleft()
        fetch(client, crawl, target, source)
    return crawl


def missing_anchors(crawl):
    """Anchors whose page was crawled as HTML and has no element with that id."""
    missing = []
    for source, target, fragment in crawl.anchors:
        ids = crawl.ids.get(target)
        if ids is not None and unquote(fragment) not in ids:
            missing.append((source, f"{target}#{fragment}"))
    return sorted(set(missing))


@pytest.fixture
def demo_site(db):
    DemoBuilder(SeedReport(), SeedMemory()).build()


@pytest.mark.django_db
def test_demo_site_has_no_broken_link_image_document_or_anchor(client, demo_site):
    crawl = crawl_site(client)
    assert crawl.broken == []
    assert missing_anchors(crawl) == []
    # The crawl really went through the site: pages of every kind, images, documents and feeds.
    assert len(crawl.ids) > 80
    assert any(target.startswith(settings.MEDIA_URL) for target in crawl.seen)
    assert any(target.startswith("/documents/") for target in crawl.seen)
    assert crawl.feeds >= 1


# The crawler itself finds what it is meant to find.


@pytest.mark.django_db
def test_crawler_reports_a_broken_link_image_and_anchor_on_a_page(client, page_at):
    from wagtail.rich_text import RichText

    page = page_at("/presentation/qui-sommes-nous/")
    page.body = [
        (
            "paragraph",
            RichText(
                '<p><a href="/nexiste-pas/">Lien cassé</a> <a href="#section-absente">Ancre absente</a> '
                '<a href="/contact/#introuvable">Ancre ailleurs</a></p>'
            ),
        )
    ]
    page.save_revision().publish()
    crawl = Crawl(hosts=LOCAL_HOSTS)
    crawl.add("http://testserver/", page.url, "(départ)")
    crawl.add("http://testserver/", "/media/images/absente.png", "(départ)")
    crawl.add("http://testserver/", "/static/css/absente.css", "(départ)")
    for _ in range(3):  # the page, then the two files
        fetch(client, crawl, *crawl.queue.popleft())
    fetch(client, crawl, "/nexiste-pas/", page.url)
    fetch(client, crawl, "/contact/", page.url)
    assert [(target, status) for target, status, _ in crawl.broken] == [
        ("/media/images/absente.png", 404),
        ("/static/css/absente.css", "fichier statique introuvable"),
        ("/nexiste-pas/", 404),
    ]
    assert missing_anchors(crawl) == [
        (page.url, "/contact/#introuvable"),
        (page.url, f"{page.url}#section-absente"),
    ]


def test_crawler_keeps_internal_links_and_leaves_out_the_others():
    crawl = Crawl(hosts=LOCAL_HOSTS | {"cai.example"})
    for link in [
        "/contact/",
        "http://cai.example/presentation/",
        "https://ailleurs.example/",
        "mailto:info@example.org",
        "tel:+3281000000",
        "/admin/pages/",
        "#contenu",
        "/actualites/?page=2",
        "/actualites/?page=3",
    ]:
        crawl.add("http://testserver/ressources/", link, "/ressources/")
    assert [target for target, _ in crawl.queue] == [
        "/contact/",
        "/presentation/",
        "/ressources/",
        "/actualites/?page=2",
    ]
    assert crawl.anchors == [("/ressources/", "/ressources/", "contenu")]


def test_crawler_reads_every_candidate_of_a_srcset_and_each_feed_link():
    soup = BeautifulSoup(
        '<picture><source srcset="/media/a.avif 1x, /media/b.avif 2x"><img src="/media/c.png" '
        'srcset="/media/c.png 400w,/media/d.png 800w"></picture>',
        "html.parser",
    )
    assert sorted(links_of_html(soup)) == [
        "/media/a.avif",
        "/media/b.avif",
        "/media/c.png",
        "/media/c.png",
        "/media/d.png",
    ]
    feed = b"""<rss version="2.0"><channel><link>http://localhost/actualites/</link><item>
    <link>http://localhost/actualites/a/</link><guid isPermaLink="false">tag:x</guid>
    <enclosure url="http://localhost/media/x.jpg" type="image/jpeg" length="1"/></item></channel></rss>"""
    assert list(links_of_feed(feed)) == [
        "http://localhost/actualites/",
        "http://localhost/actualites/a/",
        "http://localhost/media/x.jpg",
    ]


def test_missing_anchor_is_reported_with_the_page_it_is_on():
    crawl = Crawl(hosts=LOCAL_HOSTS)
    crawl.ids = {"/a/": {"contenu"}}
    crawl.anchors = [("/b/", "/a/", "contenu"), ("/b/", "/a/", "absent"), ("/b/", "/pas-crawle/", "x")]
    assert missing_anchors(crawl) == [("/b/", "/a/#absent")]
