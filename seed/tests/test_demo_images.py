"""seed_site --demo: decorative illustrations drawn by code, shown on a few demo news items, made once."""

from io import BytesIO, StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from PIL import Image as PillowImage
from PIL import features
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

from news.factories import NewsPageFactory
from news.models import NewsIndexPage, NewsPage
from seed.demo import DEMO_NOTE
from seed.demo_images import COLLECTION, COUNT, DEEP, ILLUSTRATED_NEWS, PALETTE, SAND, draw_illustration

NEWS_INDEX = "/ressources/actus-du-secteur/"


def run_demo():
    out = StringIO()
    call_command("seed_site", "--demo", stdout=out)
    return out.getvalue()


def illustrations():
    return get_image_model().objects.filter(collection__name=COLLECTION).order_by("title")


def test_illustrations_are_the_same_on_every_run_and_differ_from_each_other():
    drawings = [draw_illustration(number) for number in range(1, COUNT + 1)]
    assert drawings == [draw_illustration(number) for number in range(1, COUNT + 1)]
    assert len(set(drawings)) == COUNT
    for data in drawings:
        picture = PillowImage.open(BytesIO(data))
        assert picture.format == "PNG" and picture.size == (1600, 900)
        colours = {colour for _, colour in picture.getcolors(maxcolors=1_000_000)}
        assert len(colours) > 2 and colours & {SAND, DEEP}  # shapes over a sand or deep background
        for channel in range(3):  # only the palette and blends of it: no white, black or other hue
            palette = [colour[channel] for colour in PALETTE]
            assert all(min(palette) <= colour[channel] <= max(palette) for colour in colours)


@pytest.mark.django_db
def test_demo_shows_decorative_illustrations_on_some_demo_news_only(client):
    run_demo()
    images = list(illustrations())
    assert [image.title for image in images] == [f"Illustration décorative (démo) n°{n}" for n in range(1, COUNT + 1)]
    assert all((image.width, image.height) == (1600, 900) for image in images)

    illustrated = NewsPage.objects.filter(image__in=images)
    assert sorted(page.slug for page in illustrated) == sorted(ILLUSTRATED_NEWS)
    assert all(page.editor_note == DEMO_NOTE and page.image_decorative for page in illustrated)
    for image in images:  # nothing else (a real page, a block in a body, a social image) uses them
        users = [source.specific for source, _ in ReferenceIndex.get_grouped_references_to(image)]
        assert users and all(isinstance(user, NewsPage) and user.editor_note == DEMO_NOTE for user in users)

    card = next(
        item
        for item in BeautifulSoup(client.get(NEWS_INDEX).content, "html.parser").select(".item-card")
        if item.select_one(".item-card__title a")["href"].endswith("/exemple-actualite-01/")
    )
    source_types = [source["type"] for source in card.select("picture source")]
    assert source_types == (["image/avif", "image/webp"] if features.check("avif") else ["image/webp"])
    img = card.select_one("picture img")
    assert img["alt"] == "" and img["loading"] == "lazy"
    assert (img["width"], img["height"]) == ("400", "225")
    article = BeautifulSoup(client.get(illustrated.get(slug="exemple-actualite-01").url).content, "html.parser")
    assert article.select_one(".figure picture img")["alt"] == ""  # decorative on the article too


@pytest.mark.django_db
def test_second_demo_run_makes_no_illustration_and_a_deleted_one_stays_deleted():
    run_demo()
    count = illustrations().count()
    output = run_demo()
    assert illustrations().count() == count == COUNT
    assert "0 élément(s) créé(s)" in output
    assert "ignoré : démo : illustration décorative n°1 (déjà créée une fois)" in output

    illustrations().first().delete()
    NewsPage.objects.filter(slug__in=ILLUSTRATED_NEWS).update(image=None)
    run_demo()
    assert illustrations().count() == COUNT - 1
    assert not NewsPage.objects.filter(slug__in=ILLUSTRATED_NEWS, image__isnull=False).exists()


@pytest.mark.django_db
def test_a_news_item_editors_made_with_a_demo_slug_gets_no_illustration():
    real = NewsPageFactory(parent=NewsIndexPage.objects.get(), title="Une vraie actualité", slug="exemple-actualite-01")
    output = run_demo()
    real.refresh_from_db()
    assert real.image is None
    assert "démo : illustration de l'actualité « exemple-actualite-01 » (page modifiée par les éditeurs)" in output
    assert NewsPage.objects.get(slug="exemple-actualite-02").image.collection.name == COLLECTION
