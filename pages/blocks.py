"""Stream blocks shared by every content page."""

import copy
import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.admin.telepath import register
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds import embeds
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.exceptions import EmbedException
from wagtail.images.blocks import ImageBlock, ImageBlockAdapter, ImageChooserBlock
from wagtail.images.widgets import AdminImageChooser

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingLevel(models.TextChoices):
    H2 = "h2", "Titre de section (h2)"
    H3 = "h3", "Sous-titre (h3)"
    H4 = "h4", "Intertitre (h4)"


class SectionLanguage(models.TextChoices):
    FRENCH = "fr", "Français"
    UKRAINIAN = "uk", "Українська (ukrainien)"


class ExampleDomain(models.TextChoices):
    HOUSING = "logement", "Logement"
    SCHOOL = "ecole", "École"
    WORK = "travail", "Travail"
    OTHER = "autre", "Autre"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Texte du titre", max_length=200)
    level = blocks.ChoiceBlock(
        label="Niveau",
        choices=HeadingLevel.choices,
        default=HeadingLevel.H2,
        help_text="Respectez la hiérarchie : un h3 suit un h2, un h4 suit un h3.",
    )

    class Meta:
        icon = "title"
        label = "Titre"
        template = "pages/blocks/heading_block.html"


ALT_TEXT_MISSING = "Décrivez l'image pour les personnes qui ne la voient pas, ou cochez « Image décorative »."
ALT_TEXT_IS_FILE_NAME = (
    "Le texte alternatif reprend le titre ou le nom du fichier de l'image : décrivez plutôt ce qu'elle montre, "
    "ou cochez « Image décorative »."
)
FILE_EXTENSION = re.compile(r"\.[a-z0-9]{2,5}$")
# Django's storage keeps a second upload of "photo.jpg" as "photo_AbC12xY.jpg": the suffix is no part of the name.
STORAGE_SUFFIX = re.compile(r"_[A-Za-z0-9]{7}(?=\.[A-Za-z0-9]{2,5}$)")


def plain_words(text):
    """``text`` lowercased, ``_`` and ``-`` read as spaces, spaces collapsed: "Photo_Salle-1" → "photo salle 1"."""
    return " ".join(re.sub(r"[_\-]+", " ", text or "").lower().split())


def file_name_forms(image):
    """The ways an image's title and file name read as words, with and without the extension.

    Wagtail fills an uploaded image's title from its file name, so the title counts as a file name too.
    """
    names = {image.title or ""}
    if image.file and image.file.name:
        file_name = image.file.name.rsplit("/", 1)[-1]
        names.update({file_name, STORAGE_SUFFIX.sub("", file_name)})
    forms = set()
    for name in names:
        forms.add(plain_words(name))
        forms.add(plain_words(FILE_EXTENSION.sub("", name.strip().lower())))
    forms.discard("")
    return forms


def is_file_name_alt(alt_text, image):
    """Whether ``alt_text`` only repeats the image's title or file name (case, extension, ``_``/``-`` aside)."""
    return bool(alt_text) and plain_words(alt_text) in file_name_forms(image)


def human_alt_suggestion(image):
    """What the editor's alt text field may be pre-filled with: the description a person wrote, else nothing.

    Wagtail's ``default_alt_text`` falls back to the title, which Wagtail takes from the file name.
    """
    description = (getattr(image, "description", "") or "").strip()
    return "" if not description or is_file_name_alt(description, image) else description


class HumanAltImageChooser(AdminImageChooser):
    """The image chooser whose ``default_alt_text`` is only a description written by a person (never the title)."""

    def get_value_data_from_instance(self, instance):
        data = super().get_value_data_from_instance(instance)
        data["default_alt_text"] = human_alt_suggestion(instance)
        return data


class HumanAltImageChooserBlock(ImageChooserBlock):
    @cached_property
    def widget(self):
        return HumanAltImageChooser()


class AltTextImageBlock(ImageBlock):
    """Wagtail's ``ImageBlock`` whose alt text a person writes, or that a person marks as decorative.

    - Choosing an image pre-fills the alt text only with a description a person wrote, never with the title that
      Wagtail takes from the file name: ``HumanAltImageChooser`` for the saved image, and
      ``static/js/alt-text-image-block.js`` for an image chosen or uploaded in the chooser, whose answer carries the
      title as ``default_alt_text``.
    - An empty alt text without « Image décorative » is refused in French; drafts may still be saved incomplete
      (deferred validation), as Wagtail allows.
    - An alt text that repeats the image's title or file name is refused, drafts included: it is a mistake, not a gap.

    The stored value is the stock ``ImageBlock``'s, so migrations record it as one (``deconstruct``) and the content
    saved before this block keeps rendering.
    """

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        self.child_blocks["image"] = HumanAltImageChooserBlock(required=required, label="Image")
        self.child_blocks["image"].set_name("image")
        self.child_blocks["decorative"] = blocks.BooleanBlock(
            default=False,
            required=False,
            label="Image décorative",
            help_text="Cochez seulement si l'image n'apporte aucune information (un ornement) : "
            "les lecteurs d'écran la passeront.",
        )
        self.child_blocks["decorative"].set_name("decorative")
        self.child_blocks["alt_text"] = blocks.CharBlock(
            required=False,
            max_length=250,
            label="Texte alternatif",
            help_text="Ce que l'image montre, pour les personnes qui ne la voient pas (pas le nom du fichier).",
        )
        self.child_blocks["alt_text"].set_name("alt_text")

    def _struct_value_to_image(self, struct_value):
        # ImageBlock keeps the alt text on the image instance: give each use of an image its own copy, so that the
        # same image placed twice in one body (assigned from code, as the seed and tests do) keeps both alt texts.
        image = struct_value.get("image")
        if image is not None:
            struct_value = {**struct_value, "image": copy.copy(image)}
        return super()._struct_value_to_image(struct_value)

    def clean(self, value):
        if value and not value.decorative:
            alt_text = (value.contextual_alt_text or "").strip()
            value.contextual_alt_text = alt_text
            if not alt_text and not self.is_deferred_validation:
                raise StructBlockValidationError(block_errors={"alt_text": ValidationError(ALT_TEXT_MISSING)})
            if is_file_name_alt(alt_text, value):
                raise StructBlockValidationError(block_errors={"alt_text": ValidationError(ALT_TEXT_IS_FILE_NAME)})
        return super().clean(value)


class AltTextImageBlockAdapter(ImageBlockAdapter):
    js_constructor = "pages.blocks.AltTextImageBlock"

    @cached_property
    def media(self):
        media = super().media
        return forms.Media(js=[*media._js, "js/alt-text-image-block.js"], css=media._css)


register(AltTextImageBlockAdapter(), AltTextImageBlock)


class CaptionedImageBlock(blocks.StructBlock):
    image = AltTextImageBlock(label="Image")
    caption = blocks.CharBlock(
        label="Légende",
        required=False,
        max_length=250,
        help_text="Texte affiché sous l'image (crédit, explication). Facultatif.",
    )

    class Meta:
        icon = "image"
        label = "Image"
        template = "pages/blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label="Citation")
    attribution = blocks.CharBlock(label="Auteur ou source", required=False, max_length=200, help_text="Facultatif.")

    class Meta:
        icon = "openquote"
        label = "Citation"
        template = "pages/blocks/quote_block.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an external address, with an optional label."""

    page = blocks.PageChooserBlock(label="Page du site", required=False)
    url = blocks.URLBlock(label="Adresse externe", required=False, help_text="https://…")
    label = blocks.CharBlock(
        label="Texte du lien",
        required=False,
        max_length=150,
        help_text="Laissez vide pour utiliser le titre de la page choisie.",
    )

    class Meta:
        icon = "link"
        label = "Lien"
        template = "pages/blocks/link_block.html"

    def clean(self, value):
        value = super().clean(value)
        page, url = value.get("page"), value.get("url")
        errors = {}
        if bool(page) == bool(url):
            message = "Choisissez soit une page du site, soit une adresse externe (une seule des deux)."
            errors["page"] = ValidationError(message)
            errors["url"] = ValidationError(message)
        elif url and not value.get("label"):
            errors["label"] = ValidationError("Indiquez le texte du lien pour une adresse externe.")
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class LinkListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titre de la liste", required=False, max_length=150)
    links = blocks.ListBlock(LinkBlock(), label="Liens", min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Liste de liens"
        template = "pages/blocks/link_list_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Document")
    label = blocks.CharBlock(
        label="Texte du lien",
        required=False,
        max_length=200,
        help_text="Laissez vide pour utiliser le titre du document.",
    )

    class Meta:
        icon = "doc-full"
        label = "Document à télécharger"
        template = "pages/blocks/document_link_block.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titre", max_length=150)
    text = blocks.TextBlock(label="Texte", required=False)
    page = blocks.PageChooserBlock(label="Page du site", required=False)
    url = blocks.URLBlock(label="Adresse externe", required=False)
    button_label = blocks.CharBlock(label="Texte du bouton", max_length=80)

    class Meta:
        icon = "pick"
        label = "Appel à l'action"
        template = "pages/blocks/call_to_action_block.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = "Choisissez soit une page du site, soit une adresse externe (une seule des deux)."
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value


class FindUsBlock(blocks.StructBlock):
    """« Où nous trouver » : an office that editors pick, with its address, hours and status, and a link to all offices.

    The base app names the office page type and the template by strings, as it names the thématique page in the
    thématiques field: it imports no domain app, and the offices app owns what the block shows.
    """

    heading = blocks.CharBlock(label="Titre", max_length=100, default="Où nous trouver")
    office = blocks.PageChooserBlock(label="Bureau d'accueil", page_type="offices.OfficePage")

    class Meta:
        icon = "site"
        label = "Où nous trouver (bureau d'accueil)"
        template = "offices/blocks/find_us_block.html"


@dataclass(frozen=True)
class VideoProvider:
    """A video host the video block accepts: the addresses editors paste, and where its player lives."""

    key: str  # also the name of the visitor's remembered choice in static/js/consent-embed.js
    name: str  # "YouTube"
    company: str  # "YouTube (Google)": who receives the visitor's address
    hosts: frozenset  # the hosts of the addresses editors paste
    player_hosts: frozenset  # the hosts of the player the provider's oEmbed answer may point at
    player_host: str  # the host the player is loaded from (YouTube: its privacy-enhanced mode)
    player_query: tuple = ()  # parameters added to the player's address


VIDEO_PROVIDERS = (
    VideoProvider(
        key="youtube",
        name="YouTube",
        company="YouTube (Google)",
        hosts=frozenset({"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}),
        player_hosts=frozenset({"www.youtube.com", "youtube.com", "www.youtube-nocookie.com"}),
        player_host="www.youtube-nocookie.com",
    ),
    VideoProvider(
        key="vimeo",
        name="Vimeo",
        company="Vimeo",
        hosts=frozenset({"vimeo.com", "www.vimeo.com", "player.vimeo.com"}),
        player_hosts=frozenset({"player.vimeo.com"}),
        player_host="player.vimeo.com",
        player_query=(("dnt", "1"),),  # Vimeo's "do not track": no viewing data kept for the visitor
    ),
)

IFRAME_SRC = re.compile(r"<iframe\b[^>]*?\ssrc=(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)


def video_provider(url):
    """The provider of a video address (None for any other host or scheme)."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    return next((provider for provider in VIDEO_PROVIDERS if host in provider.hosts), None)


def player_src(embed_html, provider):
    """The player's address from the provider's oEmbed HTML, on the provider's privacy-friendly host.

    Only the address is kept: the template writes its own ``<iframe>`` (a title, no inline style), so no HTML from
    another site reaches the page. None when the answer holds no player of that provider.
    """
    match = IFRAME_SRC.search(embed_html or "")
    if not match:
        return None
    parts = urlsplit(unescape(match.group(1) or match.group(2)))
    if parts.scheme != "https" or (parts.hostname or "").lower() not in provider.player_hosts:
        return None
    query = [(name, value) for name, value in parse_qsl(parts.query) if name not in dict(provider.player_query)]
    query += list(provider.player_query)
    return urlunsplit(("https", provider.player_host, parts.path, urlencode(query), ""))


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video that loads only when the visitor asks: until then, a notice that names the host.

    The player's ``<iframe>`` waits in an inert ``<template>`` that ``static/js/consent-embed.js`` copies into the
    page on click (or at once when the visitor chose to always show that host's videos, in ``localStorage``).
    Without JavaScript, a link to the video on the host's site. The provider's oEmbed answer is fetched by the
    server (Wagtail embeds, kept in the database), never by the visitor's browser.
    """

    video = EmbedBlock(
        label="Adresse de la vidéo",
        help_text="L'adresse de la vidéo sur YouTube ou Vimeo, ex. https://www.youtube.com/watch?v=… ou "
        "https://vimeo.com/…",
    )
    title = blocks.CharBlock(
        label="Titre de la vidéo",
        max_length=200,
        help_text="Dit ce que montre la vidéo ; annoncé aux lecteurs d'écran et affiché au-dessus.",
    )
    transcript = blocks.RichTextBlock(
        label="Transcription",
        features=RICH_TEXT_FEATURES,
        required=False,
        help_text="Le texte de ce qui est dit et montré, pour les personnes qui ne peuvent pas voir ou entendre "
        "la vidéo. Recommandé.",
    )

    class Meta:
        icon = "media"
        label = "Vidéo (YouTube ou Vimeo)"
        template = "pages/blocks/video_block.html"

    def clean(self, value):
        video = value.get("video")
        if video and not video_provider(video.url):
            message = (
                "Seules les vidéos YouTube ou Vimeo sont acceptées : "
                "collez l'adresse de la vidéo sur l'un de ces deux sites."
            )
            raise StructBlockValidationError(block_errors={"video": ValidationError(message)})
        return super().clean(value)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        video = value.get("video")
        provider = video_provider(video.url) if video else None
        src = None
        if provider:
            try:
                src = player_src(embeds.get_embed(video.url).html, provider)
            except EmbedException:
                src = None  # the provider did not answer: the link to the video remains
        context.update(provider=provider, player_src=src)
        return context


class PersonalDataBlock(blocks.StaticBlock):
    """The table of the site's processings of personal data, from the registry in ``pages/privacy.py``."""

    class Meta:
        icon = "lock"
        label = "Tableau des données personnelles traitées par le site"
        admin_text = (
            "Affiche, à partir du code du site, chaque traitement de données personnelles : finalité, base légale, "
            "destinataires et durée de conservation. À placer dans la politique de confidentialité."
        )
        template = "pages/blocks/personal_data_block.html"

    def get_context(self, value, parent_context=None):
        # Under the table, the visitor's remembered choices for videos and maps, which they can withdraw there.
        context = super().get_context(value, parent_context=parent_context)
        context["video_providers"] = VIDEO_PROVIDERS
        return context


class PendingContentBlock(blocks.StructBlock):
    """Where the centre must still write the text: what it is preparing, and how to reach it meanwhile."""

    message = blocks.CharBlock(
        label="Ce que le centre prépare",
        max_length=250,
        default="Le CAI complète cette page.",
        help_text=(
            "Une phrase simple, ex. « Le CAI prépare la liste de ses coordinations locales. » Le téléphone, "
            "l'e-mail et la page de contact du centre s'affichent dessous. Retirez ce bloc quand le texte est prêt."
        ),
    )

    class Meta:
        icon = "help"
        label = "Contenu en préparation (avec les coordonnées du centre)"
        template = "pages/blocks/pending_content_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="Texte", features=RICH_TEXT_FEATURES, template="pages/blocks/paragraph_block.html"
    )
    image = CaptionedImageBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    link_list = LinkListBlock()
    document = DocumentLinkBlock()
    call_to_action = CallToActionBlock()
    find_us = FindUsBlock()
    personal_data = PersonalDataBlock()
    pending = PendingContentBlock()

    class Meta:
        label = "Contenu"


class LanguageSectionBlock(blocks.StructBlock):
    """A section written in one language, marked up with its ``lang`` so that screen readers switch voice."""

    language = blocks.ChoiceBlock(
        label="Langue de la section", choices=SectionLanguage.choices, default=SectionLanguage.FRENCH
    )
    heading = blocks.CharBlock(label="Titre", max_length=200)
    text = blocks.RichTextBlock(label="Texte", features=RICH_TEXT_FEATURES, required=False)
    links = blocks.ListBlock(LinkBlock(), label="Liens utiles", required=False, default=[])

    class Meta:
        icon = "globe"
        label = "Section dans une langue"
        template = "pages/blocks/language_section_block.html"


class MultilingualStreamBlock(blocks.StreamBlock):
    section = LanguageSectionBlock()
    find_us = FindUsBlock()

    class Meta:
        label = "Sections"


class ExampleBlock(blocks.StructBlock):
    domain = blocks.ChoiceBlock(label="Domaine", choices=ExampleDomain.choices)
    text = blocks.TextBlock(label="Exemple")

    class Meta:
        icon = "help"
        label = "Exemple"
