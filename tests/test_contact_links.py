"""Every phone number and e-mail address shown on the public site is a tel: / mailto: link."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from pages.phone import CONTACT, link_contacts
from seed.builder import SeedReport
from seed.demo import DemoBuilder
from seed.models import SeedMemory
from tests.seed_tree import all_urls


@pytest.mark.parametrize(
    "text, href",
    [
        ("081 73 71 76", "tel:+3281737176"),
        ("02 123 45 67", "tel:+3221234567"),
        ("0470 12 34 56", "tel:+32470123456"),
        ("+32 81 73 71 76", "tel:+3281737176"),
        ("081/73.71.76", "tel:+3281737176"),
        ("info@cainamur.be", "mailto:info@cainamur.be"),
    ],
)
def test_numbers_and_addresses_written_as_text_become_links(text, href):
    soup = BeautifulSoup(link_contacts(f"<p>Contact : {text}.</p>"), "html.parser")
    assert soup.a["href"] == href and soup.a.get_text() == text
    assert soup.get_text() == f"Contact : {text}."


@pytest.mark.parametrize(
    "html",
    [
        "<p>En 2021 : 1 046 personnes accompagnées, 5,29 % de la population.</p>",
        "<p>Le 12/03/2024 de 9h00 à 12h00, 5002 Saint-Servais, BCE 0123.456.789 ?</p>",
        '<p>Déjà un lien : <a href="tel:+3281737176">081 73 71 76</a></p>',
    ],
)
def test_other_numbers_and_existing_links_are_left_alone(html):
    assert link_contacts(html) == html


def unlinked_contacts(html):
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "head"]):
        tag.decompose()
    found = []
    for text in soup.find_all(string=CONTACT):
        link = text.find_parent("a")
        if link is None or not link.get("href", "").startswith(("tel:", "mailto:")):
            found.extend(match.group(0) for match in CONTACT.finditer(text))
    return found


@pytest.mark.django_db
def test_no_seeded_page_shows_a_phone_or_email_that_is_not_a_link(client):
    found = {url: unlinked_contacts(client.get(url).content.decode()) for url in all_urls()}
    assert not {url: contacts for url, contacts in found.items() if contacts}


@pytest.mark.django_db
def test_no_demo_page_shows_a_phone_or_email_that_is_not_a_link(client):
    DemoBuilder(SeedReport(), SeedMemory()).build()
    urls = [page.url for page in Page.objects.live().specific() if page.url and page.depth > 1]
    assert len(urls) > 60
    found = {url: unlinked_contacts(client.get(url).content.decode()) for url in urls}
    assert not {url: contacts for url, contacts in found.items() if contacts}


def test_the_page_check_finds_a_number_left_as_text():
    assert unlinked_contacts("<p>Appelez le 081 73 71 76 ou <a href='/contact/'>info@cainamur.be</a></p>") == [
        "081 73 71 76",
        "info@cainamur.be",
    ]
