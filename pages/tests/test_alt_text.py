"""Images in the page body: alt text written by a person or an explicit « Image décorative », never the file name."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pages.blocks import ALT_TEXT_IS_FILE_NAME, ALT_TEXT_MISSING, AltTextImageBlock, CaptionedImageBlock
from pages.factories import ImageFactory
from pages.models import StandardPage


@pytest.fixture
def photo(db):
    """An image uploaded as ``Salle_de-formation.png``: Wagtail took its title from the file name."""
    return ImageFactory(title="Salle_de-formation", file__filename="Salle_de-formation.png")


@pytest.fixture
def block():
    block = AltTextImageBlock(label="Image")
    block.set_name("image")
    return block


def value(block, image, alt_text="", decorative=False):
    return block.normalize({"image": image, "alt_text": alt_text, "decorative": decorative})


def alt_error(error):
    return [message for e in error.value.block_errors["alt_text"].error_list for message in e.messages]


@pytest.mark.django_db
def test_an_empty_alt_text_without_decorative_is_refused_in_french(block, photo):
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value(block, photo, alt_text="   "))
    assert alt_error(error) == [ALT_TEXT_MISSING]
    assert "cochez « Image décorative »" in ALT_TEXT_MISSING


@pytest.mark.django_db
@pytest.mark.parametrize(
    "alt_text",
    [
        "Salle_de-formation",
        "salle de formation",
        "SALLE DE FORMATION.PNG",
        "Salle_de-formation.png",
        "salle-de formation",
    ],
)
def test_an_alt_text_repeating_the_title_or_file_name_is_refused(block, photo, alt_text):
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value(block, photo, alt_text=alt_text))
    assert alt_error(error) == [ALT_TEXT_IS_FILE_NAME]


@pytest.mark.django_db
def test_the_file_name_counts_even_when_the_title_was_changed(block, db):
    image = ImageFactory(title="Accueil", file__filename="IMG_2041.jpg")
    with pytest.raises(StructBlockValidationError):
        block.clean(value(block, image, alt_text="img 2041"))


@pytest.mark.django_db
def test_the_file_name_alt_is_refused_even_in_a_draft(block, photo):
    """Drafts may stay incomplete (deferred validation), but a file name is a mistake, not a gap."""
    assert block.clean_deferred(value(block, photo, alt_text="")).contextual_alt_text == ""
    with pytest.raises(StructBlockValidationError):
        block.clean_deferred(value(block, photo, alt_text="salle de formation"))


@pytest.mark.django_db
def test_a_human_alt_text_or_the_decorative_choice_is_accepted(block, photo):
    cleaned = block.clean(value(block, photo, alt_text="  Une salle de formation avec dix chaises  "))
    assert cleaned.contextual_alt_text == "Une salle de formation avec dix chaises"
    assert cleaned.decorative is False

    decorative = block.clean(value(block, photo, alt_text="", decorative=True))
    assert decorative.decorative is True and decorative.contextual_alt_text == ""


@pytest.mark.django_db
def test_decorative_wins_over_a_file_name_left_in_the_field(block, photo):
    """A ticked « Image décorative » empties the alt text (the field is disabled in the editor): nothing to refuse."""
    cleaned = block.clean(value(block, photo, alt_text="Salle_de-formation", decorative=True))
    assert cleaned.decorative is True and cleaned.contextual_alt_text == ""


@pytest.mark.django_db
def test_the_body_image_block_is_the_alt_text_block():
    image_block = StandardPage.body.field.stream_block.child_blocks["image"].child_blocks["image"]
    assert isinstance(image_block, AltTextImageBlock)
    assert isinstance(CaptionedImageBlock().child_blocks["image"], AltTextImageBlock)
    labels = {name: child.label for name, child in image_block.child_blocks.items()}
    assert labels == {"image": "Image", "decorative": "Image décorative", "alt_text": "Texte alternatif"}


def test_migrations_record_the_stock_image_block(block):
    """The stored value is the stock ImageBlock's: migrations keep seeing one, the content saved before renders."""
    assert block.deconstruct() == ("wagtail.images.blocks.ImageBlock", [], {"label": "Image"})


@pytest.mark.django_db
def test_the_page_renders_the_written_alt_text_or_an_empty_one_for_a_decorative_image(client, page_at, photo):
    page = StandardPage(title="Deux images", slug="deux-images")
    page_at("/ressources/").add_child(instance=page)
    page.body = [
        ("image", {"image": {"image": photo, "alt_text": "Une salle de formation", "decorative": False}}),
        ("image", {"image": {"image": photo, "alt_text": "", "decorative": True}}),
    ]
    page.save_revision().publish()

    soup = BeautifulSoup(client.get("/ressources/deux-images/").content, "html.parser")
    alts = [img["alt"] for img in soup.select(".stream figure.figure img")]
    assert alts == ["Une salle de formation", ""]


@pytest.mark.django_db
def test_the_editor_is_offered_no_alt_text_for_an_image_without_a_description(block, photo):
    widget = block.child_blocks["image"].widget
    assert photo.default_alt_text == "Salle_de-formation"  # Wagtail's own fallback: the title
    assert widget.get_value_data(photo)["default_alt_text"] == ""


@pytest.mark.django_db
def test_the_editor_is_offered_the_description_a_person_wrote(block, db):
    image = ImageFactory(title="IMG_2041", description="Deux personnes à l'accueil du centre")
    assert block.child_blocks["image"].widget.get_value_data(image)["default_alt_text"] == (
        "Deux personnes à l'accueil du centre"
    )


@pytest.mark.django_db
def test_the_page_editor_uses_the_alt_text_block_and_its_script(admin_client, page_at, photo):
    page = StandardPage(title="Une image", slug="une-image")
    page_at("/ressources/").add_child(instance=page)
    page.body = [("image", {"image": {"image": photo, "alt_text": "Une salle", "decorative": False}})]
    page.save_revision()

    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "js/alt-text-image-block" in html
    assert '"pages.blocks.AltTextImageBlock"' in html or "pages.blocks.AltTextImageBlock" in html
    # The saved image's suggestion sent to the editor is empty: the title is never offered as alt text.
    assert re.search(r'default_alt_text\\?": \\?"Salle_de-formation', html) is None


def publish_data(page, image, alt_text, decorative):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "body": streamfield(
                [("image", {"image": {"image": image.pk, "alt_text": alt_text, "decorative": decorative}})]
            ),
            "action-publish": "action-publish",
        }
    )


@pytest.mark.django_db
def test_publishing_through_the_admin_refuses_a_missing_alt_text_in_french(admin_client, page_at, photo):
    page = StandardPage(title="Une image", slug="une-image")
    page_at("/ressources/").add_child(instance=page)
    url = f"/admin/pages/{page.pk}/edit/"

    response = admin_client.post(url, publish_data(page, photo, "", ""))
    assert response.status_code == 200
    errors = json.dumps([str(m) for m in response.context["messages"]]) + response.content.decode()
    assert "ne la voient pas" in errors
    page.refresh_from_db()
    assert not page.live or not page.body

    response = admin_client.post(url, publish_data(page, photo, "", "on"))
    assert response.status_code == 302
    page.refresh_from_db()
    stored = page.body.raw_data[0]["value"]["image"]
    assert stored == {"image": photo.pk, "alt_text": "", "decorative": True}
