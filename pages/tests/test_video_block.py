"""The video block: YouTube or Vimeo only, a notice that names the host, the player inert until the visitor agrees,
on YouTube's privacy-enhanced address; the privacy policy lists the hosts and lets the visitor withdraw a choice.

The oEmbed answers come from the local finder of the test settings (pages/tests/embed_finder.py), never from the
providers.
"""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedValue
from wagtail.embeds.finders import get_finders
from wagtail.embeds.models import Embed
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.blocks import VideoBlock, player_src, video_provider
from pages.factories import StandardPageFactory
from pages.models import StandardPage
from pages.privacy import registered_processings

YOUTUBE_URL = "https://www.youtube.com/watch?v=CAI-exemple"  # fictitious: never requested
VIMEO_URL = "https://vimeo.com/100000001"  # fictitious: never requested
NOTICE = (
    "Cette vidéo est hébergée par YouTube (Google). En l'affichant, vous acceptez que YouTube dépose des cookies et "
    "reçoive votre adresse IP."
)


def video(url=YOUTUBE_URL, title="Le CAI en deux minutes", transcript="<p>Bonjour, voici le CAI.</p>"):
    return ("video", {"video": url, "title": title, "transcript": transcript})


@pytest.fixture
def video_page(page_at):
    return StandardPageFactory(
        parent=page_at("/ressources/"),
        title="Une page avec des vidéos",
        slug="videos",
        body=[video(), video(VIMEO_URL, "Une formation filmée", "")],
    )


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_tests_use_the_local_finder_not_the_providers():
    assert settings.WAGTAILEMBEDS_FINDERS == [{"class": "pages.tests.embed_finder"}]


@pytest.mark.parametrize(
    "url, key",
    [
        (YOUTUBE_URL, "youtube"),
        ("https://youtu.be/CAI-exemple", "youtube"),
        ("https://m.youtube.com/watch?v=CAI-exemple", "youtube"),
        (VIMEO_URL, "vimeo"),
        ("https://www.dailymotion.com/video/x8abc", None),
        ("https://www.youtube.com.example.org/watch?v=x", None),
        ("javascript://www.youtube.com/%0aalert(1)", None),
        ("", None),
    ],
)
def test_only_youtube_and_vimeo_addresses_have_a_provider(url, key):
    provider = video_provider(url)
    assert (provider.key if provider else None) == key


@pytest.mark.django_db
def test_the_block_refuses_another_host_in_french_without_asking_it():
    block = VideoBlock()
    value = block.to_python({"video": "https://www.dailymotion.com/video/x8abc", "title": "Une vidéo"})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert error.value.block_errors["video"].messages == [
        "Seules les vidéos YouTube ou Vimeo sont acceptées : collez l'adresse de la vidéo sur l'un de ces deux sites."
    ]
    assert not Embed.objects.filter(url__contains="dailymotion").exists()


@pytest.mark.django_db
def test_the_block_needs_a_title_and_accepts_youtube_and_vimeo():
    block = VideoBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"video": YOUTUBE_URL, "title": ""}))
    assert set(error.value.block_errors) == {"title"}
    for url in (YOUTUBE_URL, VIMEO_URL):
        cleaned = block.clean(block.to_python({"video": url, "title": "Une vidéo"}))
        assert isinstance(cleaned["video"], EmbedValue) and cleaned["video"].url == url


def test_the_player_moves_to_youtubes_privacy_enhanced_address_and_asks_vimeo_not_to_track():
    youtube, vimeo = video_provider(YOUTUBE_URL), video_provider(VIMEO_URL)
    html = '<iframe width="200" src="https://www.youtube.com/embed/CAI-exemple?feature=oembed&amp;x=1"></iframe>'
    assert player_src(html, youtube) == "https://www.youtube-nocookie.com/embed/CAI-exemple?feature=oembed&x=1"
    html = "<iframe src='https://player.vimeo.com/video/100000001?app_id=122963&dnt=0'></iframe>"
    assert player_src(html, vimeo) == "https://player.vimeo.com/video/100000001?app_id=122963&dnt=1"
    # An answer whose player lives elsewhere, or that holds no player, gives none.
    assert player_src('<iframe src="https://evil.example.org/embed/x"></iframe>', youtube) is None
    assert player_src('<iframe src="http://www.youtube.com/embed/x"></iframe>', youtube) is None
    assert player_src('<iframe src="https://player.vimeo.com/video/1"></iframe>', youtube) is None
    assert player_src("<p>Pas de lecteur</p>", youtube) is None


@pytest.mark.django_db
def test_a_video_is_a_notice_naming_its_host_with_the_player_kept_inert(client, video_page):
    page = soup(client.get(video_page.url))
    youtube, vimeo = page.select("figure.video-embed")
    assert youtube["data-consent-embed"] == "youtube" and vimeo["data-consent-embed"] == "vimeo"
    assert youtube.figcaption.get_text() == "Le CAI en deux minutes"

    consent = youtube.select_one("[data-embed-consent]")
    assert consent.p.get_text() == NOTICE
    button = consent.select_one("button[type=button][data-embed-load]")
    assert button.get_text() == "Afficher la vidéo YouTube"
    remember = consent.select_one("label.video-embed__remember")
    assert remember.get_text(strip=True) == "Toujours afficher les vidéos YouTube"
    assert remember.select_one("input[type=checkbox][data-embed-remember]")
    # Without JavaScript the button and the box would do nothing: the script shows them.
    assert consent.select_one("[data-embed-actions]").has_attr("hidden")
    link = consent.select_one(".video-embed__link a")
    assert link["href"] == YOUTUBE_URL
    assert link.get_text() == "Regarder la vidéo sur le site de YouTube : Le CAI en deux minutes"

    # No frame in the page: the player waits in a <template>, whose content the browser does not load.
    assert youtube.select_one("[data-embed-player]").has_attr("hidden")
    assert page.select("main iframe") == []
    (template,) = youtube.select("template[data-embed-template]")
    frame = BeautifulSoup(template.decode_contents(), "html.parser").iframe
    assert frame["src"] == "https://www.youtube-nocookie.com/embed/CAI-exemple?feature=oembed"
    assert frame["title"] == "Vidéo YouTube : Le CAI en deux minutes"
    assert not frame.has_attr("style")
    vimeo_frame = BeautifulSoup(vimeo.select_one("template").decode_contents(), "html.parser").iframe
    assert vimeo_frame["src"] == "https://player.vimeo.com/video/100000001?app_id=122963&dnt=1"
    assert vimeo.select_one("[data-embed-load]").get_text() == "Afficher la vidéo Vimeo"
    assert vimeo.select_one("[data-embed-consent] p").get_text().startswith("Cette vidéo est hébergée par Vimeo.")

    # The transcript, when there is one, for whoever cannot watch.
    transcript = youtube.select_one("details.video-embed__transcript")
    assert transcript.summary.get_text() == "Transcription de la vidéo"
    assert transcript.select_one(".rich-text").get_text() == "Bonjour, voici le CAI."
    assert vimeo.select_one("details") is None

    # One static script, deferred; nothing inline.
    scripts = page.select("main script")
    assert {script["src"] for script in scripts} == {"/static/js/consent-embed.js"}
    assert all(script.has_attr("defer") and not script.string for script in scripts)


@pytest.mark.django_db
def test_the_script_comes_only_with_a_video(client, video_page):
    assert b"consent-embed.js" in client.get(video_page.url).content
    assert b"consent-embed.js" not in client.get("/presentation/qui-sommes-nous/histoire-du-centre/").content


@pytest.mark.django_db
def test_when_the_provider_cannot_be_asked_the_link_remains(client, page_at, settings):
    settings.WAGTAILEMBEDS_FINDERS = []  # no finder: Wagtail finds no embed
    get_finders.cache_clear()
    try:
        page = StandardPageFactory(parent=page_at("/ressources/"), slug="video-sans-lecteur", body=[video()])
        figure = soup(client.get(page.url)).select_one("figure.video-embed")
    finally:
        get_finders.cache_clear()
    assert figure.select_one("template") is None and figure.select_one("button") is None
    assert not figure.has_attr("data-consent-embed")
    assert figure.select_one("[data-embed-consent] p").get_text() == NOTICE
    assert figure.select_one(".video-embed__link a")["href"] == YOUTUBE_URL


def test_the_registry_lists_the_video_hosts_with_consent_and_their_own_policy():
    processings = {processing.key: processing for processing in registered_processings()}
    assert {"map-consent", "youtube-videos", "vimeo-videos"} <= set(processings)
    youtube, vimeo = processings["youtube-videos"], processings["vimeo-videos"]
    assert youtube.title == "Vidéos YouTube" and vimeo.title == "Vidéos Vimeo"
    assert youtube.legal_basis == "Votre consentement (le bouton « Afficher la vidéo YouTube »)."
    assert youtube.retention_label == "selon la politique de confidentialité de Google"
    assert youtube.retention_url == "https://policies.google.com/privacy?hl=fr"
    assert vimeo.retention_url == "https://vimeo.com/privacy"
    assert youtube.cutoff() is None  # nothing kept on the site: purge_personal_data has nothing to delete


@pytest.mark.django_db
def test_the_privacy_policy_shows_the_hosts_and_the_choices_a_visitor_can_withdraw(client):
    page = soup(client.get("/politique-de-confidentialite/"))
    rows = {row.th.get_text(): row.select("td") for row in page.select("table.personal-data tbody tr")}
    assert {"Cartes OpenStreetMap", "Vidéos YouTube", "Vidéos Vimeo"} <= set(rows)
    assert rows["Vidéos YouTube"][2].get_text().startswith("Votre consentement")
    policy = rows["Vidéos YouTube"][-1].a
    assert (policy.get_text(), policy["href"]) == (
        "selon la politique de confidentialité de Google",
        "https://policies.google.com/privacy?hl=fr",
    )
    assert rows["Vidéos Vimeo"][-1].a["href"] == "https://vimeo.com/privacy"

    settings_section = page.select_one("section.consent-settings[data-consent-settings]")
    assert settings_section.h3.get_text() == "Vos choix pour les vidéos et les cartes"
    assert "aucun choix" in settings_section.select_one("[data-consent-nojs]").get_text()
    assert settings_section.select_one("[data-consent-js]").has_attr("hidden")
    choices = {
        item["data-consent-choice"]: (item["data-consent-storage"], item.button.get_text())
        for item in settings_section.select("li[data-consent-choice]")
    }
    assert choices == {
        "cai-video-consent-youtube": ("local", "Retirer mon accord pour les vidéos YouTube"),
        "cai-video-consent-vimeo": ("local", "Retirer mon accord pour les vidéos Vimeo"),
        "cai-map-consent": ("session", "Retirer mon accord pour les cartes OpenStreetMap"),
    }
    assert settings_section.select_one("script")["src"] == "/static/js/consent-embed.js"


class AdminVideoTests(WagtailPageTestCase):
    """Editors add a video in the admin; an address of another host is refused there, in French."""

    def setUp(self):
        self.login()
        self.parent = Page.objects.get(slug="ressources", depth=3).specific

    def form(self, url, slug):
        return nested_form_data(
            {
                "title": "Une vidéo",
                "slug": slug,
                "intro": "",
                "editor_note": "",
                "body": streamfield(
                    [("video", {"video": url, "title": "Le CAI en deux minutes", "transcript": rich_text("")})]
                ),
                "action-publish": "publish",
            }
        )

    def test_an_editor_adds_a_youtube_video(self):
        self.assertCanCreate(self.parent, StandardPage, self.form(YOUTUBE_URL, "video-admin"))
        (block,) = StandardPage.objects.get(slug="video-admin").body
        self.assertEqual((block.block_type, block.value["video"].url), ("video", YOUTUBE_URL))

    def test_another_host_is_refused_in_french(self):
        url = f"/admin/pages/add/pages/standardpage/{self.parent.pk}/"
        response = self.client.post(url, self.form("https://www.dailymotion.com/video/x8abc", "video-refusee"))
        self.assertEqual(response.status_code, 200)
        # The stream's errors travel in the JSON that draws the form: read them from there.
        self.assertContains(response, "Seules les vid\\u00e9os YouTube ou Vimeo sont accept\\u00e9es")
        self.assertFalse(StandardPage.objects.filter(slug="video-refusee").exists())
