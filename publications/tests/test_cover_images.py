"""Publication covers: responsive <picture>s, lazy in the list, loaded at once on the publication's own page."""

import pytest

from pages.factories import ImageFactory
from publications.factories import PublicationPageFactory
from tests.helpers import soup_of

pytestmark = pytest.mark.django_db


def test_cover_is_a_lazy_picture_in_the_list_and_an_eager_one_on_the_page(client):
    publication = PublicationPageFactory(title="Avec couverture", cover=ImageFactory(file__width=600, file__height=800))
    card = next(
        card
        for card in soup_of(client, "/ressources/outils-et-publications/").select(".item-card")
        if card.select_one(".item-card__title a").get_text(strip=True) == "Avec couverture"
    )
    listed = card.select_one("picture img.item-card__cover")
    assert "image/webp" in [source["type"] for source in card.select("picture source")]
    assert (listed["width"], listed["height"]) == ("120", "160") and "240w" in listed["srcset"]
    assert listed["loading"] == "lazy" and listed["alt"] == ""

    page = soup_of(client, publication.url).select_one(".publication picture img.publication__cover")
    assert (page["width"], page["height"]) == ("120", "160") and "loading" not in page.attrs
