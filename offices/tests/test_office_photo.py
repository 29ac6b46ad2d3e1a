"""An office's photo: a responsive <picture> with its description, loaded at once (it sits near the top)."""

import pytest

from offices.factories import OfficePageFactory
from pages.factories import ImageFactory
from tests.helpers import soup_of

pytestmark = pytest.mark.django_db


def test_office_photo_is_a_picture_with_its_description_and_no_lazy_loading(client):
    office = OfficePageFactory(photo=ImageFactory(file__width=1600, file__height=1000), photo_alt="La porte d'entrée")
    picture = soup_of(client, office.url).select_one(".office-photo picture")
    assert [source["type"] for source in picture.select("source")][-1] == "image/webp"
    img = picture.select_one("img")
    assert img["alt"] == "La porte d'entrée" and img["src"].endswith(".jpg")
    assert (img["width"], img["height"]) == ("400", "250") and "1200w" in img["srcset"]
    assert "loading" not in img.attrs
