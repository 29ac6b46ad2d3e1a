"""Wagtail's accessibility checker (the « Accessibilité » item of the userbar, and the checks of the preview panel),
set up for what editors write: every axe rule that applies to content, in French, and an ``alt-text-quality`` rule
that also flags an alt text repeating the file name or the title of an image of the page being checked."""

import re

from django.db.models import ForeignKey
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage

from pages.blocks import file_name_forms

# What a JavaScript RegExp reads as syntax (the check builds ``new RegExp(pattern, "i")``, without the "u" flag).
JS_REGEX_SYNTAX = re.compile(r"[.*+?^${}()|[\]\\/]")

# Wagtail's own pattern for the check: a file extension at the end, or an underscore anywhere.
FILE_LIKE_ALT = ContentCheckerItem.axe_custom_checks[0]["options"]["pattern"]

# French names and advice for the rules that content can break. Rules missing here would show axe's English text.
CONTENT_RULE_MESSAGES = {
    "image-alt": ("Image sans texte alternatif", "Décrivez l'image, ou cochez « Image décorative »"),
    "image-redundant-alt": (
        "Le texte alternatif répète le texte voisin",
        "Décrivez ce que l'image ajoute, ou marquez-la décorative",
    ),
    "alt-text-quality": (
        "Texte alternatif qui ressemble à un nom de fichier",
        "Il reprend le nom du fichier ou le titre de l'image : décrivez plutôt ce qu'elle montre",
    ),
    "role-img-alt": ("Image sans texte alternatif", "Donnez un texte alternatif à l'image"),
    "svg-img-alt": ("Image SVG sans texte alternatif", "Donnez un texte alternatif à l'image"),
    "object-alt": ("Objet intégré sans texte alternatif", "Décrivez le contenu intégré"),
    "area-alt": ("Zone d'image cliquable sans texte", "Décrivez la destination de chaque zone"),
    "input-image-alt": ("Bouton image sans texte", "Décrivez l'action du bouton"),
    "link-name": ("Lien sans texte", "Donnez au lien un texte qui dit où il mène"),
    "link-in-text-block": (
        "Lien qui ne se distingue que par sa couleur",
        "Le lien doit se voir autrement que par la couleur (soulignement)",
    ),
    "identical-links-same-purpose": (
        "Liens de même texte vers des pages différentes",
        "Rendez le texte de chaque lien propre à sa destination",
    ),
    "button-name": ("Bouton sans texte", "Donnez au bouton un texte compréhensible à l'écoute"),
    "input-button-name": ("Bouton sans texte", "Donnez au bouton un texte compréhensible à l'écoute"),
    "heading-order": ("Niveaux de titres sautés", "Un h3 suit un h2, un h4 suit un h3 : ne sautez pas de niveau"),
    "empty-heading": ("Titre vide", "Écrivez le titre ou retirez le bloc"),
    "page-has-heading-one": ("Page sans titre principal", "La page doit avoir un titre de niveau 1"),
    "p-as-heading": (
        "Paragraphe en gras utilisé comme titre",
        "Utilisez un bloc « Titre » plutôt qu'un texte en gras",
    ),
    "list": ("Liste mal construite", "Une liste ne contient que des éléments de liste"),
    "listitem": ("Élément de liste hors d'une liste", "Placez l'élément dans une liste"),
    "definition-list": ("Liste de définitions mal construite", "Vérifiez la structure de la liste"),
    "dlitem": ("Définition hors d'une liste de définitions", "Vérifiez la structure de la liste"),
    "empty-table-header": ("En-tête de tableau vide", "Donnez un texte à chaque en-tête de colonne ou de ligne"),
    "table-duplicate-name": ("Tableau dont la légende répète le résumé", "Écrivez une légende et un résumé différents"),
    "table-fake-caption": ("Légende de tableau écrite dans une cellule", "Utilisez la légende du tableau"),
    "td-has-header": ("Cellules sans en-tête", "Donnez des en-têtes au tableau"),
    "td-headers-attr": ("Cellule liée à un en-tête absent", "Vérifiez les en-têtes du tableau"),
    "th-has-data-cells": ("En-tête sans cellule de données", "Retirez l'en-tête ou complétez le tableau"),
    "scope-attr-valid": ("En-tête de tableau mal défini", "Vérifiez les en-têtes du tableau"),
    "frame-title": ("Cadre intégré sans titre", "Donnez un titre à la vidéo ou au contenu intégré"),
    "frame-title-unique": ("Cadres intégrés de même titre", "Donnez à chaque vidéo un titre différent"),
    "valid-lang": ("Langue de section inconnue", "Choisissez une langue proposée dans la liste"),
    "color-contrast": ("Contraste de couleur insuffisant", "Le texte doit se lire sur son fond"),
    "duplicate-id-aria": ("Identifiant répété", "Un identifiant ne sert qu'une fois par page"),
    "document-title": ("Page sans titre", "Donnez un titre à la page"),
    "empty-meta-description": (
        "Description pour les moteurs de recherche vide",
        "Écrivez une courte description dans l'onglet « Promotion »",
    ),
}


def js_literal(text):
    """``text`` matched literally by a JavaScript RegExp."""
    return JS_REGEX_SYNTAX.sub(lambda match: "\\" + match.group(0), text)


def file_name_pattern(images):
    """A pattern (JavaScript RegExp, case-insensitive) for an alt text that only repeats an image's file name or title.

    ``_``, ``-`` and spaces count alike, as in the body's image block (``pages.blocks.is_file_name_alt``).
    """
    alternatives = sorted(
        {
            r"[\s_-]+".join(js_literal(word) for word in form.split())
            for image in images
            for form in file_name_forms(image)
        }
    )
    if not alternatives:
        return ""
    return r"^\s*(?:" + "|".join(alternatives) + r")\s*$"


def images_of(obj):
    """The images an object shows: its image foreign keys and the images inside its StreamFields.

    Read from the object itself, not the reference index, so that a preview of unsaved changes is checked as well.
    """
    if obj is None:
        return []
    ids = set()
    for field in obj._meta.concrete_fields:
        if isinstance(field, ForeignKey) and issubclass(field.related_model, AbstractImage):
            ids.add(field.value_from_object(obj))
        elif isinstance(field, StreamField):
            value = field.value_from_object(obj)
            for model, object_id, _path, _content_path in field.stream_block.extract_references(value):
                if issubclass(model, AbstractImage):
                    ids.add(object_id)
    ids.discard(None)
    return list(get_image_model().objects.filter(pk__in=ids)) if ids else []


class ContentAccessibilityItem(ContentCheckerItem):
    """The checker with every axe rule that applies to content, and the file names of the page's images flagged.

    ``axe_run_only = None`` runs every non-experimental axe rule rather than a hand-kept list of « content » rules:
    a list would silently miss the rules each new axe version adds, and nearly every rule can be broken by what editors
    write (images, links, headings, lists, tables, videos, sections in another language). The rules about the page's
    frame (landmarks, language of the page) pass already: the browser suite runs axe over each kind of page. Three
    experimental rules that catch editors' mistakes are switched on by name, as Wagtail does for ``p-as-heading``.
    """

    axe_run_only = None
    axe_rules = {
        "p-as-heading": {"enabled": True},
        "table-fake-caption": {"enabled": True},
        "td-has-header": {"enabled": True},
    }

    def __init__(self, in_editor=False, page=None):
        super().__init__(in_editor=in_editor)
        self.page = page

    def get_axe_custom_checks(self, request):
        pattern = "|".join(filter(None, [FILE_LIKE_ALT, file_name_pattern(images_of(self.page))]))
        return [
            {**check, "options": {**check.get("options", {}), "pattern": pattern}}
            if check["id"] == "check-image-alt-text"
            else check
            for check in super().get_axe_custom_checks(request)
        ]

    def get_axe_messages(self, request):
        messages = dict(super().get_axe_messages(request))
        for rule, (error_name, help_text) in CONTENT_RULE_MESSAGES.items():
            messages[rule] = {"error_name": error_name, "help_text": help_text}
        return messages


@hooks.register("construct_wagtail_userbar")
def check_content_accessibility(request, items, page):
    """Put our checker in place of Wagtail's, in the userbar of live pages and in the preview panel."""
    items[:] = [
        ContentAccessibilityItem(in_editor=item.in_editor, page=page)
        if isinstance(item, ContentCheckerItem) and not isinstance(item, ContentAccessibilityItem)
        else item
        for item in items
    ]
