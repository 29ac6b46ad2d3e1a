"""Before deleting or unpublishing a page, editors see which pages link to it (Wagtail's reference index, in French).

Wagtail keeps the index up to date on every save (rich text links, page choosers in blocks); its delete and
unpublish confirmations show « Ce(tte) Page de contenu est référencé(e) N fois. », a link to the usage page, which
names the linking pages. Nothing of our own is needed: these tests prove the stock behaviour holds for our pages.
"""

from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.rich_text import RichText

from pages.factories import StandardPageFactory


@pytest.fixture
def linked_pages(page_at):
    """Page A, linked from B's rich text and from C's link list."""
    parent = page_at("/presentation/")
    target = StandardPageFactory(parent=parent, title="Page A (exemple)", slug="page-a-exemple")
    from_text = StandardPageFactory(
        parent=parent,
        title="Page B qui cite A",
        slug="page-b-exemple",
        body=[("paragraph", RichText(f'<p>Voir <a linktype="page" id="{target.pk}">la page A</a>.</p>'))],
    )
    from_block = StandardPageFactory(
        parent=parent,
        title="Page C avec une liste de liens",
        slug="page-c-exemple",
        body=[("link_list", {"title": "À lire", "links": [{"page": target, "url": "", "label": ""}]})],
    )
    for page in (from_text, from_block):
        page.save_revision().publish()  # the reference index is updated on save, as in the admin
    return target, from_text, from_block


def usage_summary(html):
    soup = BeautifulSoup(html, "html.parser")
    link = next(
        (anchor for anchor in soup.select("main a[href]") if "référencé" in anchor.get_text()),
        None,
    )
    assert link is not None, "no usage summary on the confirmation page"
    return " ".join(link.get_text().split()), link["href"]


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["delete", "unpublish"])
def test_confirmation_says_in_french_how_often_the_page_is_linked(admin_client, linked_pages, action):
    target, _, _ = linked_pages
    response = admin_client.get(reverse(f"wagtailadmin_pages:{action}", args=[target.pk]))
    assert response.status_code == 200
    text, href = usage_summary(response.content.decode())
    assert text == "Ce(tte) Page de contenu est référencé(e) 2 fois."
    assert href.partition("?")[0] == reverse("wagtailadmin_pages:usage", args=[target.pk])


@pytest.mark.django_db
def test_usage_page_names_the_pages_that_link_to_it(admin_client, linked_pages):
    target, from_text, from_block = linked_pages
    response = admin_client.get(reverse("wagtailadmin_pages:usage", args=[target.pk]))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert from_text.title in html and from_block.title in html


@pytest.mark.django_db
def test_a_page_nobody_links_to_is_referenced_zero_times(admin_client, page_at):
    lonely = StandardPageFactory(parent=page_at("/presentation/"), title="Page isolée", slug="page-isolee")
    response = admin_client.get(reverse("wagtailadmin_pages:delete", args=[lonely.pk]))
    assert usage_summary(response.content.decode())[0] == "Ce(tte) Page de contenu est référencé(e) 0 fois."
