"""A rich-text link to a page or document that is gone, or whose id is malformed, renders as its text alone.

Hostile input: run on PostgreSQL as well as SQLite, the two databases refuse different ids.
"""

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.models import Collection, Page, ReferenceIndex
from wagtail.rich_text import RichText

from tests.helpers import soup_of

HISTORY = "/presentation/qui-sommes-nous/histoire-du-centre/"
CAMPAIGN = "/campagne-discrimination/"
BROKEN_TEXT = "le lien cassé"
MISSING_ID = "2147483000"  # a valid id that no page or document has

BROKEN_LINKS = {
    "page-id-letters": '<a linktype="page" id="abc">',
    "page-id-empty": '<a linktype="page" id="">',
    "page-id-too-big": '<a linktype="page" id="99999999999999999999">',
    "page-id-negative": '<a linktype="page" id="-1">',
    "page-id-decimal": '<a linktype="page" id="1.5">',
    "page-id-absent": '<a linktype="page">',
    "page-missing": f'<a linktype="page" id="{MISSING_ID}">',
    "document-id-letters": '<a linktype="document" id="abc">',
    "document-id-empty": '<a linktype="document" id="">',
    "document-id-too-big": '<a linktype="document" id="99999999999999999999">',
    "document-id-negative": '<a linktype="document" id="-1">',
    "document-id-decimal": '<a linktype="document" id="1.5">',
    "document-id-absent": '<a linktype="document">',
    "document-missing": f'<a linktype="document" id="{MISSING_ID}">',
}


@pytest.fixture
def document(db):
    return wagtail_factories.DocumentFactory(title="Rapport", collection=Collection.get_first_root_node())


def rich_text_with(broken_tag, home, document):
    """A broken link between two good ones: the good links must keep their href."""
    return (
        f'<p>Voir <a linktype="page" id="{home.id}">l\'accueil</a>, {broken_tag}{BROKEN_TEXT}</a> '
        f'et <a linktype="document" id="{document.id}">le rapport</a>.</p>'
    )


def assert_broken_link_is_plain_text(client, url, document):
    soup = soup_of(client, url)
    text = soup.find("main").get_text(" ", strip=True)
    assert BROKEN_TEXT in text
    broken = [a for a in soup.find_all("a") if a.get_text(strip=True) == BROKEN_TEXT]
    assert all(not a.has_attr("href") for a in broken)
    assert soup.find("a", string="l'accueil")["href"] == "/"
    assert soup.find("a", string="le rapport")["href"] == document.url


@pytest.mark.django_db
@pytest.mark.parametrize("broken_tag", BROKEN_LINKS.values(), ids=BROKEN_LINKS.keys())
def test_broken_link_in_a_body_paragraph_renders_as_text(client, page_at, home, document, broken_tag):
    page = page_at(HISTORY)
    page.body = [("paragraph", RichText(rich_text_with(broken_tag, home, document)))]
    page.save_revision().publish()
    assert_broken_link_is_plain_text(client, HISTORY, document)


@pytest.mark.django_db
@pytest.mark.parametrize("broken_tag", BROKEN_LINKS.values(), ids=BROKEN_LINKS.keys())
def test_broken_link_in_a_rich_text_field_renders_as_text(client, page_at, home, document, broken_tag):
    page = page_at(CAMPAIGN)
    page.definition = rich_text_with(broken_tag, home, document)
    page.save_revision().publish()
    assert_broken_link_is_plain_text(client, CAMPAIGN, document)


@pytest.mark.django_db
@pytest.mark.parametrize("broken_tag", BROKEN_LINKS.values(), ids=BROKEN_LINKS.keys())
def test_broken_link_does_not_break_the_reference_index(page_at, home, document, broken_tag):
    page = page_at(CAMPAIGN)
    page.definition = rich_text_with(broken_tag, home, document)
    page.save()
    # Saving enqueues the update as a task run after the commit, which a test never reaches: run it here.
    ReferenceIndex.create_or_update_for_object(page)
    references = {
        (ref.to_content_type.model_class(), ref.to_object_id) for ref in ReferenceIndex.get_references_for_object(page)
    }
    assert {(Page, str(home.id)), (type(document), str(document.id))} <= references


@pytest.mark.django_db
def test_editors_can_open_a_page_with_broken_links_in_the_admin(admin_client, page_at, home, document):
    """The editor (Draftail) opens every kind of broken link, all in one text, instead of answering 500."""
    page = page_at(CAMPAIGN)
    page.definition = "".join(rich_text_with(broken_tag, home, document) for broken_tag in BROKEN_LINKS.values())
    page.save_revision().publish()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("le lien cass") >= len(BROKEN_LINKS)  # "é" is escaped in the JSON
