"""Every block of the content body renders, and link blocks refuse ambiguous input in French."""

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks.struct_block import StructBlockValidationError

from pages.blocks import CallToActionBlock, LinkBlock
from pages.factories import DocumentFactory, ImageFactory
from pages.models import StandardPage
from pages.phone import tel_href
from pages.templatetags.site_tags import file_summary


@pytest.fixture
def photo(db):
    return ImageFactory(title="Photo d'exemple", file__width=1600, file__height=900)


@pytest.fixture
def document(db):
    return DocumentFactory(title="Rapport annuel", size=1_258_300)


@pytest.mark.django_db
def test_standard_page_renders_every_block_type(client, page_at, photo, document):
    parent = page_at("/ressources/")
    page = StandardPage(title="Tous les blocs", slug="tous-les-blocs")
    parent.add_child(instance=page)
    missions = page_at("/presentation/missions-decretales/")
    page.body = [
        ("heading", {"text": "Un intertitre", "level": "h3"}),
        ("paragraph", "<p>Du <b>texte</b> riche.</p>"),
        (
            "image",
            {
                "image": {"image": photo, "alt_text": "Une salle de formation", "decorative": False},
                "caption": "Légende de la photo",
            },
        ),
        ("quote", {"quote": "Une citation.", "attribution": "Une personne"}),
        (
            "link_list",
            {
                "title": "Liens utiles",
                "links": [
                    {"page": missions, "url": "", "label": ""},
                    {"page": None, "url": "https://www.example.org/", "label": "Un site externe"},
                ],
            },
        ),
        ("document", {"document": document, "label": ""}),
        (
            "call_to_action",
            {
                "title": "Besoin d'aide ?",
                "text": "Contactez-nous.",
                "page": None,
                "url": "https://www.example.org/aide",
                "button_label": "Nous écrire",
            },
        ),
    ]
    page.save_revision().publish()

    soup = BeautifulSoup(client.get("/ressources/tous-les-blocs/").content, "html.parser")
    stream = soup.select_one(".stream")
    assert stream.find("h3").get_text() == "Un intertitre"
    assert stream.find("b").get_text() == "texte"
    picture = stream.select_one("figure.figure picture")
    assert picture.find("img")["alt"] == "Une salle de formation"
    assert {s["type"] for s in picture.find_all("source")} == {"image/avif", "image/webp"}
    assert stream.select_one(".figure__caption").get_text() == "Légende de la photo"
    assert stream.select_one("blockquote").get_text(strip=True) == "Une citation."
    links = [(a.get_text(), a["href"]) for a in stream.select(".link-list a")]
    assert links == [
        ("Missions décrétales", "/presentation/missions-decretales/"),
        ("Un site externe", "https://www.example.org/"),
    ]
    doc_link = stream.select_one(".document-link")
    assert doc_link.find("a").get_text() == "Rapport annuel"
    assert doc_link.select_one(".document-link__meta").get_text() == "(PDF, 1,2 Mo)"
    assert stream.select_one(".cta a.button")["href"] == "https://www.example.org/aide"


def test_link_block_refuses_both_or_neither_target_in_french():
    block = LinkBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean({"page": None, "url": "", "label": ""})
    assert "une seule des deux" in str(error.value.block_errors["url"])
    with pytest.raises(StructBlockValidationError) as error:
        block.clean({"page": None, "url": "https://example.org/", "label": ""})
    assert "Indiquez le texte du lien" in str(error.value.block_errors["label"])


def test_call_to_action_needs_exactly_one_target():
    with pytest.raises(StructBlockValidationError):
        CallToActionBlock().clean({"title": "T", "text": "", "page": None, "url": "", "button_label": "Go"})


@pytest.mark.django_db
def test_file_summary_gives_format_and_french_size(document):
    assert file_summary(document) == "PDF, 1,2 Mo"


@pytest.mark.parametrize(
    "number, href",
    [
        ("081 73 71 76", "tel:+3281737176"),
        ("+32 81 73 71 76", "tel:+3281737176"),
        ("0032 81 73 71 76", "tel:+3281737176"),
        ("", ""),
    ],
)
def test_tel_href_builds_international_links(number, href):
    assert tel_href(number) == href
