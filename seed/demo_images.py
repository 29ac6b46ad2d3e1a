"""Decorative demo illustrations for ``seed_site --demo``, drawn by code.

Abstract shapes only (circles, waves, overlapping rectangles, stripes) in the site's palette: no photograph, no
person, nothing that could pass for a real logo. Each drawing is seeded by its number, so that every run draws the
same picture. The images live in their own collection, their titles say they are demo illustrations, and the demo
news items that show them leave their alternative text empty: they are decorative.

Like the rest of the seed, each image and each attachment is made once and remembered in ``SeedRecord``: an image
or a news item editors deleted (or an image they replaced) is never brought back.
"""

import math
import random
from io import BytesIO

from PIL import Image, ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection

from news.models import NewsPage
from pages.collections import SITE_IMAGES, collection_named
from pages.factories import ImageFactory

COLLECTION = "Illustrations de démonstration"
TITLE = "Illustration décorative (démo) n°{number}"
SIZE = (1600, 900)
COUNT = 6

# The site's palette: teal, warm orange, green, sand, deep.
TEAL = (10, 90, 112)
ORANGE = (168, 66, 13)
GREEN = (47, 110, 69)
SAND = (243, 233, 216)
DEEP = (7, 63, 79)
PALETTE = [TEAL, ORANGE, GREEN, SAND, DEEP]


def draw_illustration(number, size=SIZE):
    """The PNG bytes of demo illustration ``number``: the same picture for the same number, on every run."""
    rng = random.Random(f"cai-demo-illustration-{number}")
    background = SAND if number % 2 else DEEP
    image = Image.new("RGBA", size, (*background, 255))
    colours = [colour for colour in PALETTE if colour != background]
    motifs = [draw_circles, draw_waves, draw_rectangles, draw_stripes]
    motifs[(number - 1) % len(motifs)](image, rng, colours)
    output = BytesIO()
    image.convert("RGB").save(output, format="PNG")
    return output.getvalue()


def blend(image, rng, colours, shapes):
    """Draw each ``(method, coords)`` of ``shapes`` as a translucent layer over ``image`` (RGBA), so they overlap."""
    for method, coords in shapes:
        layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
        colour = (*rng.choice(colours), rng.randint(150, 230))
        getattr(ImageDraw.Draw(layer), method)(coords, fill=colour)
        image.alpha_composite(layer)


def draw_circles(image, rng, colours):
    width, height = image.size
    shapes = []
    for _ in range(rng.randint(5, 8)):
        radius = rng.randint(height // 8, height // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        shapes.append(("ellipse", [x - radius, y - radius, x + radius, y + radius]))
    blend(image, rng, colours, shapes)


def draw_waves(image, rng, colours):
    width, height = image.size
    shapes = []
    bands = rng.randint(4, 6)
    for band in range(bands):
        base = height * (band + 1) / (bands + 1)
        amplitude = rng.uniform(height / 20, height / 8)
        length = rng.uniform(width / 3, width)
        phase = rng.uniform(0, 2 * math.pi)
        crest = [(x, base + amplitude * math.sin(2 * math.pi * x / length + phase)) for x in range(0, width + 20, 20)]
        shapes.append(("polygon", [*crest, (width, height), (0, height)]))
    blend(image, rng, colours, shapes)


def draw_rectangles(image, rng, colours):
    width, height = image.size
    shapes = []
    for _ in range(rng.randint(5, 8)):
        x, y = rng.randint(-width // 8, width - width // 4), rng.randint(-height // 8, height - height // 4)
        right, bottom = x + rng.randint(width // 6, width // 2), y + rng.randint(height // 5, height // 2)
        shapes.append(("rectangle", [x, y, right, bottom]))
    blend(image, rng, colours, shapes)


def draw_stripes(image, rng, colours):
    width, height = image.size
    shapes = []
    slant = rng.randint(height // 3, height)
    x = -slant
    while x < width:
        stripe = rng.randint(width // 30, width // 10)
        if rng.random() < 0.6:
            shapes.append(("polygon", [(x, height), (x + stripe, height), (x + stripe + slant, 0), (x + slant, 0)]))
        x += stripe + rng.randint(width // 60, width // 20)
    blend(image, rng, colours, shapes)


# The demo news items that show an illustration, by slug, with the number of their illustration: some items of the
# first page of the list have one, others not, as on a real site.
ILLUSTRATED_NEWS = {
    "exemple-actualite-01": 1,
    "exemple-actualite-02": 2,
    "exemple-actualite-04": 3,
    "exemple-actualite-05": 4,
    "exemple-actualite-07": 5,
    "exemple-actualite-08": 6,
}


class DemoIllustrations:
    """Makes the demo illustrations once and shows them on a few demo news items, once."""

    def __init__(self, report, memory, demo_note):
        self.report = report
        self.memory = memory
        self.demo_note = demo_note  # what marks a page as demo content: only such pages get an illustration

    def build(self, count=COUNT):
        collection = self.collection()
        images = {number: self.illustration(number, collection) for number in range(1, count + 1)}
        for slug, number in ILLUSTRATED_NEWS.items():
            self.illustrate_news(slug, images.get(number))

    def collection(self):
        """The collection of the illustrations, created once (if editors deleted it, the root)."""
        key = f"collection:{COLLECTION}"
        root = Collection.get_first_root_node()
        if self.memory.knows(key):
            return self.memory.target(key, Collection) or root
        parent = collection_named(SITE_IMAGES) or root  # inside "Images du site": its permissions reach them
        collection = parent.get_children().filter(name=COLLECTION).first() or parent.add_child(name=COLLECTION)
        return self.memory.remember(key, collection)

    def illustration(self, number, collection):
        """Illustration ``number``: drawn and stored the first time, then the stored one (None if deleted)."""
        key = f"demo:illustration:{number}"
        if self.memory.knows(key):
            self.report.add_skipped(f"démo : illustration décorative n°{number} (déjà créée une fois)")
            return self.memory.target(key, get_image_model())
        image = ImageFactory(
            title=TITLE.format(number=number),
            collection=collection,
            file__from_file=BytesIO(draw_illustration(number)),
            file__filename=f"illustration-demo-{number:02d}.png",
        )
        self.report.add_created(f"démo : {image.title}")
        return self.memory.remember(key, image)

    def illustrate_news(self, slug, image):
        """Show ``image`` on the demo news item ``slug``, decorative (empty alternative text), once.

        Only a demo item the seed made, still without an image and without a draft in progress, gets one: an
        item editors made, gave an image or are editing stays as it is.
        """
        key = f"demo:illustration:actualité:{slug}"
        label = f"illustration de l'actualité « {slug} »"
        if self.memory.knows(key):
            self.report.add_skipped(f"démo : {label} (déjà faite une fois)")
            return
        page = self.memory.target(f"demo:actualité:{slug}", NewsPage)  # the key DemoBuilder.page_to_create gives
        if page is None or image is None:
            return  # not made yet (it may be later), or deleted by editors
        if page.editor_note != self.demo_note or page.image_id or page.has_unpublished_changes:
            self.memory.remember(key, page)
            self.report.add_skipped(f"démo : {label} (page modifiée par les éditeurs)")
            return
        page.image = image
        page.image_alt = ""
        page.image_decorative = True  # the title beside it says everything
        page.save_revision().publish()
        self.memory.remember(key, page)
        self.report.add_created(f"démo : {label}")
