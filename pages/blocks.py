"""Stream blocks shared by every content page."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

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


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label="Image")
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
