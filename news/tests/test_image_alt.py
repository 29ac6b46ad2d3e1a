"""A news image needs alt text written by a person, or an explicit « Image décorative »: an empty alt text is
refused on publishing (a draft still saves), the file name never, and a decorative image renders with alt=""."""

from html import unescape

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from news.factories import NewsPageFactory
from news.models import FILE_NAME_ALT, IMAGE_WITHOUT_ALT, NewsIndexPage, NewsPage
from pages.factories import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo():
    return ImageFactory(title="IMG_2041", file__filename="IMG_2041.jpg")


@pytest.fixture
def editor(client):
    client.force_login(get_user_model().objects.create_superuser("alt", "alt@example.org", "un mot de passe solide"))
    return client


def add_news(client, photo, publish, **fields):
    data = {
        "title": "Une actualité illustrée",
        "slug": "une-actualite-illustree",
        "intro": "",
        "editor_note": "",
        "seo_title": "",
        "search_description": "",
        "published_on": "2026-11-20",
        "image": photo.pk,
        "image_alt": "",
        "body": streamfield([("paragraph", rich_text("<p>Un texte à lire.</p>"))]),
        "source_url": "",
        "source_name": "",
        **fields,
    }
    if publish:
        data["action-publish"] = "publish"
    parent = NewsIndexPage.objects.get()
    return client.post(f"/admin/pages/add/news/newspage/{parent.pk}/", nested_form_data(data))


def field_errors(response, name):
    return [unescape(str(message)) for message in response.context["form"].errors.get(name, [])]


def test_publishing_with_an_empty_alt_text_is_refused_unless_the_image_is_decorative(editor, photo):
    response = add_news(editor, photo, publish=True)
    assert response.status_code == 200
    assert field_errors(response, "image_alt") == [IMAGE_WITHOUT_ALT]
    assert not NewsPage.objects.filter(slug="une-actualite-illustree").exists()

    response = add_news(editor, photo, publish=True, image_decorative="on")
    assert response.status_code == 302
    assert NewsPage.objects.get(slug="une-actualite-illustree").live


def test_a_draft_saves_with_the_alt_text_still_to_write(editor, photo):
    response = add_news(editor, photo, publish=False)
    assert response.status_code == 302
    assert not NewsPage.objects.get(slug="une-actualite-illustree").live


@pytest.mark.parametrize("alt", ["IMG_2041", "img 2041", "IMG-2041.jpg"])
def test_the_file_name_is_never_accepted_as_alt_text_even_in_a_draft(editor, photo, alt):
    response = add_news(editor, photo, publish=False, image_alt=alt)
    assert field_errors(response, "image_alt") == [FILE_NAME_ALT]
    assert not NewsPage.objects.filter(slug="une-actualite-illustree").exists()


def test_a_written_alt_text_is_rendered(photo, client):
    news = NewsPageFactory(image=photo, image_alt="Une salle de formation vide")
    assert 'alt="Une salle de formation vide"' in client.get(news.url).content.decode()


def test_a_decorative_image_is_rendered_with_an_empty_alt_even_if_a_text_was_left(photo, client):
    news = NewsPageFactory(image=photo, image_alt="Une salle", image_decorative=True)
    html = client.get(news.url).content.decode()
    assert 'alt="Une salle"' not in html
    assert 'alt=""' in html
