"""A news image needs alt text written by a person, or an explicit « Image décorative »."""

import pytest
from django.core.exceptions import ValidationError

from news.factories import NewsPageFactory
from pages.factories import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo():
    return ImageFactory(title="IMG_2041", file__filename="IMG_2041.jpg")


def alt_errors(news):
    try:
        news.clean()
    except ValidationError as error:
        return error.message_dict.get("image_alt", [])
    return []


def test_an_empty_alt_text_is_refused_unless_the_image_is_marked_decorative(photo):
    news = NewsPageFactory.build(image=photo, image_alt="")
    assert alt_errors(news) == [
        "Décrivez l'image pour les personnes qui ne la voient pas, ou cochez « Image décorative »."
    ]
    news.image_decorative = True
    assert alt_errors(news) == []


@pytest.mark.parametrize("alt", ["IMG_2041", "img 2041", "IMG-2041.jpg"])
def test_the_file_name_is_never_accepted_as_alt_text(photo, alt):
    news = NewsPageFactory.build(image=photo, image_alt=alt)
    assert "nom du fichier" in alt_errors(news)[0]


def test_a_written_alt_text_is_kept_and_rendered(photo, client):
    news = NewsPageFactory(image=photo, image_alt="Une salle de formation vide")
    news.clean()
    html = client.get(news.url).content.decode()
    assert 'alt="Une salle de formation vide"' in html


def test_a_decorative_image_is_rendered_with_an_empty_alt_even_if_a_text_was_left(photo, client):
    news = NewsPageFactory(image=photo, image_alt="Une salle", image_decorative=True)
    html = client.get(news.url).content.decode()
    assert 'alt="Une salle"' not in html
    assert 'alt=""' in html


def test_no_image_needs_no_alt_text():
    assert alt_errors(NewsPageFactory.build(image=None, image_alt="")) == []
