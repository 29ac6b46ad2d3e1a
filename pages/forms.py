"""The admin form of every page of the site."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm

from .editing import ascii_slug, is_menu_section
from .routing import reserved_by_parent


class SitePageForm(WagtailAdminPageForm):
    """The page form; a page type's own form extends it.

    Publishing rules: ``publishing_gaps`` names what a page lacks to go live (a news item without text…). They are
    checked when the page is published or submitted for review, not when a draft is saved: Wagtail 7 defers
    validation for "Enregistrer le brouillon" and autosave (``is_deferred_validation``), so work in progress is
    never lost.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False  # left empty, it is made from the title (see clean_slug)
        if self.instance.pk is None and "show_in_menus" in self.fields:
            # A new page under a menu section joins the menu unless the editor unticks the box; elsewhere
            # (under the home page, a news index, a content page of the second level…) it stays out.
            self.initial["show_in_menus"] = is_menu_section(self.parent_page)

    def clean_slug(self):
        """The address in plain ASCII, as the browser makes it from the title ("Rapport d'activité" →
        "rapport-dactivite"): left empty, it is made from the title; typed with accents, it is transliterated;
        letters with no plain form are refused in French. An existing address left unchanged is kept as it is, so
        that no published URL moves."""
        slug = self.cleaned_data.get("slug", "")
        if not slug:
            return slugify(self.cleaned_data.get("title", ""), allow_unicode=False)
        if slug.isascii() or slug == self.initial.get("slug"):
            return slug
        plain = ascii_slug(slug)
        if not plain:
            raise forms.ValidationError(
                f"L'adresse « {slug} » contient des lettres qui n'existent pas sans accent dans les adresses web. "
                "Utilisez des lettres sans accent, des chiffres et des tirets, par exemple la traduction française "
                "du titre."
            )
        return plain

    def publishing_gaps(self):
        """What the page lacks to be published, as ``{field name or None: French message}``; none by default."""
        return {}

    def clean(self):
        checked_slug = self.cleaned_data.get("slug")  # Wagtail's clean() drops it from cleaned_data on a clash
        cleaned_data = super().clean()
        if not self.is_deferred_validation:
            for field, message in self.publishing_gaps().items():
                self.add_error(field, message)
        self.explain_slug_clash(checked_slug)
        slug = cleaned_data.get("slug")
        if slug and self.parent_page is not None and reserved_by_parent(self.parent_page, slug):
            self.add_error(
                "slug",
                forms.ValidationError(
                    f"L'adresse « {slug} » est déjà utilisée par la page parente (flux, agenda, archives…) : "
                    "la page serait introuvable. Choisissez un autre identifiant d'adresse."
                ),
            )
        return cleaned_data

    def explain_slug_clash(self, slug):
        """Wagtail's "slug already in use" in French, naming the sibling that holds it with a link to edit it: often
        a draft that Wagtail's autosave created from a new page an editor then abandoned."""
        if not slug or "slug" not in self.errors or self.parent_page is None:
            return
        siblings = self.parent_page.get_children()
        if self.instance.pk:
            siblings = siblings.not_page(self.instance)
        holder = siblings.filter(slug=slug).first()
        if holder is None:
            return
        state = "publiée" if holder.live else "brouillon, non publiée"
        del self.errors["slug"]
        self.add_error(
            "slug",
            forms.ValidationError(
                format_html(
                    "L'adresse « {slug} » est déjà prise, à cet endroit du site, par la page « {title} » ({state}). "
                    "S'il s'agit d'un brouillon abandonné, <a href=\"{url}\">ouvrez « {title} »</a> pour le "
                    "reprendre ou le supprimer ; sinon, choisissez une autre adresse.",
                    slug=slug,
                    title=holder.title,
                    state=state,
                    url=reverse("wagtailadmin_pages:edit", args=[holder.pk]),
                )
            ),
        )
