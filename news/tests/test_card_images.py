"""The news card's image: a responsive <picture> (AVIF, WebP, JPEG fallback), lazy, decorative; SVG kept as SVG."""

import datetime

import pytest
from django.core.files.base import ContentFile
from PIL import features
from wagtail.images import get_image_model

from news.factories import NewsPageFactory
from pages.factories import ImageFactory
from tests.helpers import soup_of
from thematiques.factories import theme

pytestmark = pytest.mark.django_db

INDEX = "/ressources/actus-du-secteur/"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90" viewBox="0 0 160 90">'
    b'<rect width="160" height="90" fill="#0a5a70"/></svg>'
)


def card_of(client, title):
    cards = soup_of(client, INDEX + "?thematique=mena").select(".item-card")
    return next(card for card in cards if card.select_one(".item-card__title a").get_text(strip=True) == title)


def test_news_card_image_is_a_lazy_picture_with_avif_and_webp_sources(client):
    NewsPageFactory(
        title="Avec image",
        published_on=datetime.date(2027, 3, 1),
        thematiques=[theme("mena")],
        image=ImageFactory(file__width=1600, file__height=900),
    )
    picture = card_of(client, "Avec image").select_one("picture")
    sources = {source["type"]: source for source in picture.select("source")}
    assert list(sources) == (["image/avif", "image/webp"] if features.check("avif") else ["image/webp"])
    for mime, source in sources.items():
        extension = mime.split("/")[1]
        widths = [candidate.split()[1] for candidate in source["srcset"].split(", ")]
        assert widths == ["400w", "800w"] and f".{extension} " in source["srcset"] + " "
        assert source["sizes"] == "16rem"
    img = picture.select_one("img")
    assert img["src"].endswith(".jpg") and "800w" in img["srcset"]  # the fallback every browser reads
    assert (img["width"], img["height"]) == ("400", "225")
    assert img["loading"] == "lazy" and img["alt"] == "" and "item-card__image" in img["class"]


def test_news_card_keeps_an_svg_image_as_svg(client):
    svg = get_image_model().objects.create(
        title="Pictogramme", file=ContentFile(SVG, "pictogramme.svg"), width=160, height=90
    )
    NewsPageFactory(title="Avec SVG", published_on=datetime.date(2027, 3, 2), thematiques=[theme("mena")], image=svg)
    picture = card_of(client, "Avec SVG").select_one("picture")
    assert picture.select("source") == []
    img = picture.select_one("img")
    assert img["src"].endswith(".svg") and img["loading"] == "lazy" and img["alt"] == ""
