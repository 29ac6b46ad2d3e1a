"""The accessibility checker of the userbar: every content rule, in French, and file-name alt texts flagged."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory

from editorial.a11y_hooks import ContentAccessibilityItem, file_name_pattern
from pages.factories import ImageFactory
from pages.models import StandardPage


@pytest.fixture
def photo(db):
    return ImageFactory(title="IMG_2041 accueil", file__filename="IMG_2041-accueil.jpg")


@pytest.fixture
def illustrated(page_at, photo):
    page = StandardPage(title="Page illustrée", slug="page-illustree")
    page_at("/ressources/").add_child(instance=page)
    page.body = [("image", {"image": {"image": photo, "alt_text": "Deux personnes à l'accueil", "decorative": False}})]
    page.save_revision().publish()
    return page


def axe_configuration(response):
    soup = BeautifulSoup(response.content, "html.parser")
    script = soup.find("script", id="checker-axe-configuration")
    assert script is not None, "the userbar's checker is missing"
    return json.loads(script.string)


def alt_pattern(configuration):
    (check,) = [c for c in configuration["spec"]["checks"] if c["id"] == "check-image-alt-text"]
    return check["options"]["pattern"]


@pytest.mark.django_db
def test_the_checker_runs_every_rule_and_the_experimental_content_ones(admin_client, illustrated):
    configuration = axe_configuration(admin_client.get("/ressources/page-illustree/"))
    options = configuration["options"]
    assert "runOnly" not in options  # axe runs every non-experimental rule
    assert options["rules"] == {
        "p-as-heading": {"enabled": True},
        "table-fake-caption": {"enabled": True},
        "td-has-header": {"enabled": True},
    }
    rules = {rule["id"]: rule for rule in configuration["spec"]["rules"]}
    assert rules["alt-text-quality"]["enabled"] is True and rules["alt-text-quality"]["any"] == ["check-image-alt-text"]


@pytest.mark.django_db
def test_the_alt_text_pattern_flags_the_file_name_and_title_of_the_pages_images(admin_client, illustrated):
    pattern = re.compile(alt_pattern(axe_configuration(admin_client.get("/ressources/page-illustree/"))), re.I)
    for alt in ["IMG_2041-accueil.jpg", "img 2041 accueil", "IMG_2041 accueil", "img-2041-accueil.JPG"]:
        assert pattern.search(alt), alt
    assert not pattern.search("Deux personnes à l'accueil")
    assert not pattern.search("Accueil du centre, 2041 visiteurs")
    # Wagtail's own pattern stays: any alt ending with an extension, or with an underscore.
    assert pattern.search("photo.png") and pattern.search("une_photo")


@pytest.mark.django_db
def test_the_messages_are_french(admin_client, illustrated):
    messages = axe_configuration(admin_client.get("/ressources/page-illustree/"))["messages"]
    assert messages["alt-text-quality"]["error_name"] == "Texte alternatif qui ressemble à un nom de fichier"
    assert messages["image-alt"]["help_text"] == "Décrivez l'image, ou cochez « Image décorative »"
    assert messages["heading-order"]["error_name"] == "Niveaux de titres sautés"


@pytest.mark.django_db
def test_a_preview_of_unsaved_changes_is_checked_against_its_own_images(admin_user, home, db):
    """The preview panel checks the page as edited: an image just added counts before it is saved."""
    image = ImageFactory(title="Atelier cuisine", file__filename="atelier_cuisine.png")
    unsaved = StandardPage(title="Brouillon", slug="brouillon")
    unsaved.body = [("image", {"image": {"image": image, "alt_text": "atelier cuisine", "decorative": False}})]
    request = RequestFactory().get("/")
    request.user = admin_user
    pattern = re.compile(alt_pattern(ContentAccessibilityItem(page=unsaved).get_axe_configuration(request)), re.I)
    assert pattern.search("atelier cuisine") and pattern.search("Atelier_Cuisine.PNG")


def test_file_names_with_regex_syntax_are_matched_literally(db):
    image = ImageFactory.build(title="plan (v2) + légende?")
    pattern = re.compile(file_name_pattern([image]), re.I)
    assert pattern.search("Plan (v2) + légende?")
    assert not pattern.search("plan v2 légende")


@pytest.mark.django_db
def test_visitors_get_the_page_without_the_checker(client, illustrated):
    soup = BeautifulSoup(client.get("/ressources/page-illustree/").content, "html.parser")
    assert soup.find(id="checker-axe-configuration") is None
    assert [img["alt"] for img in soup.select(".stream img")] == ["Deux personnes à l'accueil"]
