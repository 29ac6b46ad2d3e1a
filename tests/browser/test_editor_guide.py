"""The editors' guide (docs/guide-redaction.md), screen by screen, in the real admin of the demo site: a superuser
signs in and opens each screen the guide shows; each one must show what the guide says it shows.

With GUIDE_SCREENSHOTS_DIR set (``python scripts/guide_screenshots.py`` sets it to docs/guide/), each screen is also
saved there as a 1280×800 PNG reduced to a palette; without it nothing is written. Every request to another origin is
answered locally (an empty 204) and recorded: there must be none.
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from PIL import Image
from wagtail.models import Page

from contact.models import ContactFormPage
from news.models import NewsIndexPage
from offices.models import OfficePage
from publications.models import PublicationPage
from tests.browser.helpers import answer_other_origins_locally, sign_in
from trainings.models import TrainingPage

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 1280, 800
PASSWORD = "un mot de passe pour le guide"
HISTORY = "/presentation/qui-sommes-nous/histoire-du-centre/"


def save(browser_page, name):
    """The visible screen as docs/guide/<name>.png (when GUIDE_SCREENSHOTS_DIR is set), with at most 64 colours: an
    admin screen has few, and text stays sharp without dithering."""
    folder = os.environ.get("GUIDE_SCREENSHOTS_DIR")
    if not folder:
        return
    path = Path(folder) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    browser_page.mouse.move(0, HEIGHT - 1)  # no hover effect on what the last click left under the pointer
    browser_page.screenshot(path=str(path), animations="disabled", caret="hide")
    with Image.open(path) as shot:
        reduced = shot.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    reduced.save(path, optimize=True)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": WIDTH, "height": HEIGHT}, "locale": "fr-BE"}


@pytest.fixture
def signed_in(page, demo_site_url):
    """A superuser signed in to the demo site's admin, through its login form; requests to other origins."""
    get_user_model().objects.create_superuser("guide", "guide@example.org", PASSWORD, first_name="Camille")
    elsewhere = answer_other_origins_locally(page, demo_site_url)
    sign_in(page, demo_site_url, "guide", PASSWORD)
    return demo_site_url, elsewhere


def show(browser_page, url, *texts):
    """Open ``url`` and check that each of ``texts`` is visible on the screen."""
    response = browser_page.goto(url)
    assert response.status == 200, url
    browser_page.wait_for_load_state("networkidle")
    for text in texts:
        assert browser_page.locator("main").get_by_text(text, exact=True).first.is_visible(), f"{url}: « {text} »"


def scroll_to_heading(browser_page, heading):
    """Bring an edit form's panel to the top of the screen, by its heading."""
    title = browser_page.locator("h2", has_text=heading).first
    assert title.is_visible(), heading
    title.evaluate("element => element.scrollIntoView({block: 'start'})")
    browser_page.evaluate("window.scrollBy(0, -80)")  # below the sticky header


def test_every_screen_of_the_guide_shows_what_the_guide_says(signed_in, page, leaves_admin):
    base, elsewhere = signed_in
    home = Page.objects.get(depth=2)
    history = Page.objects.get(url_path=home.url_path + HISTORY.lstrip("/"))
    news_index = NewsIndexPage.objects.first()
    training = TrainingPage.objects.live().first()
    publication = PublicationPage.objects.live().first()
    office = OfficePage.objects.live().order_by("path").first()
    assert ContactFormPage.objects.exists()

    show(page, f"{base}/admin/", "Besoin d'aide ?", "Guide de rédaction")
    save(page, "tableau-de-bord")

    show(page, f"{base}/admin/pages/{home.pk}/", "Présentation", "Actions/Services")
    save(page, "pages")

    show(page, f"{base}/admin/pages/{history.pk}/edit/", "Note pour l'équipe éditoriale")
    save(page, "page-contenu")
    page.get_by_role("tab", name="Promotion").click()
    assert page.get_by_text("Image de partage").first.is_visible()
    save(page, "page-promotion")

    show(page, f"{base}/admin/pages/add/news/newspage/{news_index.pk}/", "Date de publication")
    save(page, "actualite-ajouter")

    show(page, f"{base}/admin/pages/{training.pk}/edit/")
    scroll_to_heading(page, "Séances")
    save(page, "formation-seances")

    show(page, f"{base}/admin/pages/{publication.pk}/edit/")
    scroll_to_heading(page, "Documents")
    save(page, "publication-documents")

    show(page, f"{base}/admin/snippets/about/teammember/", "Membres de l'équipe")
    save(page, "equipe-membres")

    show(page, f"{base}/admin/settings/pages/siteidentity/", "Identité du site", "Logo")
    save(page, "parametres-identite")

    show(page, f"{base}/admin/settings/contact/contactdetails/", "Coordonnées du centre", "Rue et numéro")
    save(page, "parametres-coordonnees")

    show(page, f"{base}/admin/snippets/pages/sponsor/", "Partenaires du pied de page")
    save(page, "partenaires")

    show(page, f"{base}/admin/pages/{office.pk}/edit/")
    scroll_to_heading(page, "Heures d'ouverture")
    assert page.locator("h2", has_text="Fermetures et ouvertures exceptionnelles").count() == 1
    save(page, "bureau-horaires")

    show(page, f"{base}/admin/forms/", "Formulaires")
    assert page.get_by_role("link", name="Écrire au centre").first.is_visible()
    save(page, "formulaires")

    show(page, f"{base}/admin/inscriptions/", "Inscriptions aux formations")
    save(page, "inscriptions")

    show(page, f"{base}/admin/images/", "Images")
    save(page, "images")

    # The guide itself, as staff read it in the admin: every screenshot it shows loads.
    show(page, f"{base}/admin/guide-de-redaction/", "Guide de rédaction", "Sommaire")
    images = page.locator(".editorial-guide__body img")
    assert images.count() >= 10
    broken = page.evaluate(
        "() => Array.from(document.querySelectorAll('.editorial-guide__body img'))"
        ".filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.src)"
    )
    assert broken == []

    assert elsewhere == []
