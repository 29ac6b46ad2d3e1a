"""Search engines and sharing: titles, descriptions, canonical links, Open Graph and Twitter cards, the sitemap,
robots.txt and security.txt."""

import datetime
import json
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

from contact.models import ContactDetails
from news.factories import NewsPageFactory
from pages.factories import ImageFactory, StandardPageFactory
from pages.models import SiteIdentity, StandardPage
from pages.structured_data import json_ld_script
from tests.helpers import count_queries, soup_of

pytestmark = pytest.mark.django_db

HISTORY = "/presentation/qui-sommes-nous/histoire-du-centre/"
NEWS = "/ressources/actus-du-secteur/"
ORIGIN = "http://localhost"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def meta(soup, name):
    tag = soup.find("meta", attrs={"name": name}) or soup.find("meta", attrs={"property": name})
    return tag["content"] if tag else None


def soup_of_response(response):
    return BeautifulSoup(response.content, "html.parser")


def canonical(soup):
    return soup.find("link", rel="canonical")["href"]


@pytest.fixture
def identity(site):
    return SiteIdentity.for_site(site)


# Title and description --------------------------------------------------------------------------------------------


def test_title_is_the_page_then_the_short_name_and_the_home_page_is_titled_with_the_centre_name(client):
    assert soup_of(client, HISTORY).title.get_text() == "Histoire du Centre – CAI Namur"
    home = soup_of(client, "/")
    assert home.title.get_text() == "Centre d'action interculturelle de la province de Namur – CAI Namur"
    assert meta(home, "og:title") == "Centre d'action interculturelle de la province de Namur"


def test_description_is_the_search_description_else_the_intro_else_the_site_description(client, page_at, identity):
    history = page_at(HISTORY)
    assert meta(soup_of(client, HISTORY), "description") == history.intro

    history.search_description = "Une description\npour les moteurs."
    history.save_revision().publish()
    assert meta(soup_of(client, HISTORY), "description") == "Une description pour les moteurs."

    history.search_description = history.intro = ""
    history.save_revision().publish()
    assert meta(soup_of(client, HISTORY), "description") == identity.tagline  # no site description yet
    identity.description = "Le centre régional d'intégration de la province de Namur (texte de test)."
    identity.save()
    page = soup_of(client, HISTORY)
    assert meta(page, "description") == identity.description
    assert meta(page, "og:description") == identity.description


def test_every_seeded_page_has_one_description_and_one_canonical_link(client):
    for url in ["/", HISTORY, NEWS, "/actions-services/formations/", "/thematiques/sante/", "/contact/"]:
        page = soup_of(client, url)
        assert len(page.find_all("meta", attrs={"name": "description"})) == 1, url
        assert meta(page, "description").strip(), url
        assert [link["href"] for link in page.find_all("link", rel="canonical")] == [ORIGIN + url], url


# Canonical link ---------------------------------------------------------------------------------------------------


def test_canonical_link_drops_filters_and_stray_parameters_but_keeps_a_list_page_number(client):
    for number in range(13):  # one more than a list page holds
        NewsPageFactory(title=f"Actu {number}", published_on=datetime.date(2026, 1, number + 1))
    assert canonical(soup_of(client, NEWS + "?utm_source=lettre")) == ORIGIN + NEWS
    assert canonical(soup_of(client, NEWS + "?page=2")) == ORIGIN + NEWS + "?page=2"
    assert canonical(soup_of(client, NEWS + "?page=1")) == ORIGIN + NEWS
    assert canonical(soup_of(client, NEWS + "?page=abc")) == ORIGIN + NEWS  # shown as the first page
    assert canonical(soup_of(client, NEWS + "?annee=2026&page=2")) == ORIGIN + NEWS  # a filtered view of the list


def test_canonical_link_uses_the_sites_address_not_the_host_asked_for(client, site):
    site.hostname, site.port = "www.cai.example", 443
    site.save()
    assert canonical(soup_of(client, HISTORY)) == "https://www.cai.example" + HISTORY


# Open Graph and Twitter -------------------------------------------------------------------------------------------


def test_open_graph_and_twitter_tags_without_an_image(client, page_at):
    page = soup_of(client, HISTORY)
    assert meta(page, "og:type") == "website"
    assert meta(page, "og:title") == "Histoire du Centre"
    assert meta(page, "og:description") == page_at(HISTORY).intro
    assert meta(page, "og:url") == ORIGIN + HISTORY
    assert meta(page, "og:locale") == "fr_BE"
    assert meta(page, "og:site_name") == "Centre d'action interculturelle de la province de Namur"
    assert meta(page, "og:image") is None
    assert meta(page, "twitter:card") == "summary"


def test_the_pages_sharing_image_is_cropped_to_1200_by_630_with_its_size(client, page_at):
    history = page_at(HISTORY)
    history.social_image = ImageFactory(file__width=1600, file__height=1200)
    history.seo_title = "Un titre pour les moteurs"
    history.save_revision().publish()
    page = soup_of(client, HISTORY)
    image_url = meta(page, "og:image")
    assert image_url.startswith(ORIGIN + "/") and ".fill-1200x630" in image_url
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    assert meta(page, "og:title") == "Un titre pour les moteurs"
    assert meta(page, "twitter:card") == "summary_large_image"
    assert client.get(urlsplit(image_url).path).status_code == 200


def test_the_default_image_from_the_settings_stands_in_and_a_small_image_keeps_its_real_size(client, identity):
    identity.default_sharing_image = ImageFactory(file__width=600, file__height=600)
    identity.save()
    page = soup_of(client, HISTORY)
    rendition = identity.default_sharing_image.renditions.get(filter_spec="fill-1200x630")
    assert meta(page, "og:image") == ORIGIN + rendition.url
    assert (rendition.width, rendition.height) in {(600, 315), (600, 316)}  # cropped to the ratio, never enlarged
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == (
        str(rendition.width),
        str(rendition.height),
    )
    assert meta(page, "twitter:card") == "summary_large_image"


def test_a_news_item_is_an_article_shared_with_its_image_before_the_default(client, identity):
    identity.default_sharing_image = ImageFactory(title="Défaut")
    identity.save()
    item = NewsPageFactory(title="Avec image", image=ImageFactory(title="Illustration"))
    page = soup_of(client, item.url)
    assert meta(page, "og:type") == "article"
    assert item.image.renditions.get(filter_spec="fill-1200x630").url in meta(page, "og:image")


def test_an_svg_is_never_the_sharing_image(client, page_at, identity):
    svg = get_image_model().objects.create(
        title="Logo",
        file=ContentFile(b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', name="logo.svg"),
        width=10,
        height=10,
    )
    history = page_at(HISTORY)
    history.social_image = svg
    history.save_revision().publish()
    assert meta(soup_of(client, HISTORY), "og:image") is None
    identity.default_sharing_image = ImageFactory()
    identity.save()
    assert ".fill-1200x630" in meta(soup_of(client, HISTORY), "og:image")


def test_a_sharing_image_costs_at_most_one_query_once_its_rendition_exists(client, page_at, identity):
    without = count_queries(client, HISTORY, warm=True)
    history = page_at(HISTORY)
    history.social_image = ImageFactory()
    history.save_revision().publish()
    assert count_queries(client, HISTORY, warm=True) <= without + 1
    history.social_image = None
    history.save_revision().publish()
    identity.default_sharing_image = ImageFactory()
    identity.save()
    assert count_queries(client, HISTORY, warm=True) <= without + 1


def test_a_view_without_a_page_gets_the_site_description_and_no_canonical_or_open_graph(client, identity):
    response = client.get("/cette-page-nexiste-pas/")
    assert response.status_code == 404
    page = soup_of_response(response)
    assert meta(page, "description") == identity.default_description
    assert page.find("link", rel="canonical") is None and meta(page, "og:url") is None


# JSON-LD ----------------------------------------------------------------------------------------------------------


def test_json_ld_script_escapes_what_could_close_it():
    title = "</script><script>alert(1)</script> & <!-- « Été »"
    html = str(json_ld_script({"name": title}))
    inner = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == {"name": title}


# Sitemap ----------------------------------------------------------------------------------------------------------


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    return {
        entry.findtext("s:loc", namespaces=SITEMAP_NS): entry.findtext("s:lastmod", namespaces=SITEMAP_NS)
        for entry in root.findall("s:url", SITEMAP_NS)
    }


def test_sitemap_lists_every_public_live_page_with_its_last_modification(client, site):
    entries = sitemap_entries(client)
    public = Page.objects.live().public().descendant_of(site.root_page, inclusive=True)
    assert set(entries) == {page.get_full_url() for page in public}
    assert {ORIGIN + "/", ORIGIN + HISTORY, ORIGIN + NEWS} <= set(entries)
    assert all(lastmod and datetime.date.fromisoformat(lastmod) for lastmod in entries.values())


def test_every_address_in_the_sitemap_answers_200(client):
    for location in sitemap_entries(client):
        assert location.startswith(ORIGIN + "/")
        assert client.get(urlsplit(location).path).status_code == 200, location


def test_sitemap_leaves_out_drafts_private_and_expired_pages(client, page_at):
    section = page_at("/presentation/")
    draft = section.add_child(instance=StandardPage(title="Brouillon", slug="brouillon", live=False))
    private = StandardPageFactory(parent=section, title="Réservée", slug="reservee")
    below_private = StandardPageFactory(parent=private, title="Sous la page réservée", slug="dessous")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    expired = StandardPageFactory(parent=section, title="Expirée", slug="expiree")
    # Past its expiry time, before the scheduled unpublishing (publish_scheduled) has run.
    Page.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(hours=1))
    still_on = StandardPageFactory(parent=section, title="Expire demain", slug="expire-demain")
    Page.objects.filter(pk=still_on.pk).update(expire_at=timezone.now() + datetime.timedelta(days=1))

    locations = set(sitemap_entries(client))
    for page in (draft, private, below_private, expired):
        assert not any(location.endswith(f"/{page.slug}/") for location in locations), page.title
    assert ORIGIN + "/presentation/expire-demain/" in locations


# robots.txt and security.txt --------------------------------------------------------------------------------------


def test_robots_txt_points_at_the_sitemap_and_keeps_admin_search_and_feed_variants_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /admin/", "Disallow: /recherche/", "Disallow: /*/rss/?", "Disallow: /*/atom/?"} <= set(lines)
    assert "Disallow: /" not in lines  # never the whole site
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines


def test_security_txt_names_the_centres_email_and_expires_a_year_after_the_request(client, site, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 10, 23, 30, 15, tzinfo=datetime.UTC), tick=False)
    contact = ContactDetails.for_site(site)
    contact.email = "securite@cai.example"
    contact.save()
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "Contact: mailto:securite@cai.example",
        "Expires: 2027-03-10T23:30:15Z",
        "Preferred-Languages: fr, en",
        f"Canonical: {ORIGIN}/.well-known/security.txt",
    ]
    time_machine.move_to(datetime.datetime(2026, 8, 1, 9, 0, tzinfo=datetime.UTC), tick=False)
    assert "Expires: 2027-08-01T09:00:00Z" in client.get("/.well-known/security.txt").content.decode()


def test_security_txt_is_missing_rather_than_without_contact(client, site):
    contact = ContactDetails.for_site(site)
    contact.email = ""
    contact.save()
    assert client.get("/.well-known/security.txt").status_code == 404
