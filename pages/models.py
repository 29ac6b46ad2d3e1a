"""The base page, the generic page types, the site identity settings and the footer sponsors."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction, PreviewableMixin
from wagtail.search import index

from .blocks import (
    RICH_TEXT_FEATURES,
    BodyStreamBlock,
    ExampleBlock,
    ExampleDomain,
    LinkBlock,
    MultilingualStreamBlock,
)
from .choosers import ImageChooserIn
from .collections import PARTNER_LOGOS
from .editing import slug_input
from .facets import ThematiquesMixin
from .forms import SitePageForm
from .queries import SitePageManager, public_q
from .sitewide import RememberedSiteSetting


class BasePage(Page):
    """What every page of the site shares: an intro for listings, a social image, a note for editors."""

    intro = models.TextField(
        "Introduction",
        blank=True,
        help_text="Une ou deux phrases, affichées en tête de page et dans les listes de pages.",
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Image de partage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Image utilisée quand la page est partagée sur les réseaux sociaux.",
    )
    editor_note = models.TextField(
        "Note pour l'équipe éditoriale",
        blank=True,
        help_text=(
            "Visible uniquement dans l'administration, jamais sur le site public. "
            "Sert à signaler ce qui reste à compléter ou à vérifier. Videz-la une fois le travail fait."
        ),
    )

    content_panels = [
        FieldPanel("editor_note", heading="Note pour l'équipe éditoriale"),
        *Page.content_panels,
        FieldPanel("intro"),
        # In the content tab, where editors look, rather than Wagtail's "Promotion" tab.
        FieldPanel(
            "show_in_menus",
            heading="Afficher dans le menu",
            help_text=(
                "Cochée : la page figure dans le menu principal du site, sous sa rubrique (le menu montre les "
                "rubriques et les pages placées directement sous elles). Cochée d'avance pour une nouvelle page "
                "d'une rubrique du menu."
            ),
        ),
    ]
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "slug",
                    widget=slug_input(),
                    heading="Adresse de la page",
                    help_text=(
                        "La fin de l'adresse web de la page, ex. « outils-et-publications » dans "
                        "/ressources/outils-et-publications/. Remplie d'après le titre : lettres sans accent, "
                        "chiffres et tirets. La changer après publication casse les liens déjà partagés."
                    ),
                ),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
            ],
            heading="Pour les moteurs de recherche",
        ),
        FieldPanel("social_image"),
    ]
    # The note feeds only the autocomplete index, which the admin's page search and choosers read; the public
    # search (sitesearch) queries SearchFields with .search(), never autocomplete, so visitors never match it.
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.AutocompleteField("editor_note")]

    objects = SitePageManager()
    base_form_class = SitePageForm

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail's rule (restrictions on the page or an ancestor; aliases use their source) in one query."""
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        alias_sources = Page.objects.filter(path__in=paths).exclude(alias_of=None).values("alias_of_id")
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page_id__in=alias_sources)
        )

    @property
    def listing_summary(self):
        """The short text shown on cards: the intro, else the search description."""
        return self.intro or self.search_description

    def sharing_image_ids(self):
        """The images that may illustrate the page when it is shared, by preference: its "Image de partage", then
        the image of its own a page type may have (a news item's ``image``). Ids only: read without a query."""
        return [image_id for image_id in (self.social_image_id, getattr(self, "image_id", None)) if image_id]


class BodyPage(BasePage):
    """A page with a body of blocks (headings, text, images, quotes, links, documents), searchable."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="Contenu")

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    class Meta:
        abstract = True


class ListItem(Orderable, models.Model):
    """An entry of a short list that editors extend and order (audiences, publication types…).

    Its slug names it in the query string of filtered lists.
    """

    name = models.CharField("Nom", max_length=100, unique=True)
    slug = models.SlugField(
        "Identifiant d'adresse",
        max_length=100,
        unique=True,
        blank=True,
        help_text="Utilisé dans l'adresse des listes filtrées. Rempli automatiquement à partir du nom.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug", widget=slug_input())]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name)
        super().save(*args, **kwargs)


class ChildListingMixin:
    """Lists the live, public children of a page as cards."""

    def get_listed_children(self):
        return self.get_children().live().filter(public_q()).specific().defer_streamfields()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = self.get_listed_children()
        return context


class SectionPage(ChildListingMixin, BodyPage):
    """A menu section (Présentation, Actions/Services…): an intro and its pages as cards."""

    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name="Contenu",
        help_text="Facultatif : affiché entre l'introduction et la liste des pages de la rubrique.",
    )

    page_description = (
        "Une rubrique du menu principal (Présentation, Ressources…) : une introduction et ses pages en cartes."
    )
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "pages.StandardPage",
        "contact.ContactPage",
        "offices.OfficeIndexPage",
        "directory.DirectoryPage",
        "news.NewsIndexPage",
        "trainings.TrainingIndexPage",
        "publications.PublicationIndexPage",
        "about.TeamPage",
        "about.MandatesPage",
        "figures.FiguresPage",
        "pages.CampaignPage",
        "pages.MultilingualPage",
    ]

    class Meta:
        verbose_name = "Rubrique"
        verbose_name_plural = "Rubriques"


class StandardPage(ThematiquesMixin, ChildListingMixin, BodyPage):
    """A content page: a body of headings, text, images, quotes, links and documents."""

    content_panels = [*BodyPage.content_panels, ThematiquesMixin.thematiques_panel()]

    page_description = "Une page de contenu : titres, textes, images, citations, liens et documents."
    parent_page_types = ["home.HomePage", "pages.SectionPage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = "Page de contenu"
        verbose_name_plural = "Pages de contenu"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["thematiques"] = self.ordered_thematiques()
        return context


class CampaignPage(BasePage):
    """An awareness campaign (Campagne Discrimination): what it is, examples, protected criteria, what to do."""

    definition = RichTextField("Qu'est-ce qu'une discrimination ?", features=RICH_TEXT_FEATURES, blank=True)
    examples = StreamField(
        [("example", ExampleBlock())], blank=True, verbose_name="Exemples", help_text="Logement, école, travail…"
    )
    criteria_intro = RichTextField("Introduction aux critères protégés", features=RICH_TEXT_FEATURES, blank=True)
    protected_criteria = models.TextField(
        "Critères protégés", blank=True, help_text="Un critère par ligne ; ils s'affichent sous forme de liste."
    )
    victim_text = RichTextField("Vous êtes victime", features=RICH_TEXT_FEATURES, blank=True)
    witness_text = RichTextField("Vous êtes témoin", features=RICH_TEXT_FEATURES, blank=True)
    help_links = StreamField(
        [("link", LinkBlock())], blank=True, verbose_name="Où trouver de l'aide", help_text="Ex. Unia."
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("definition"),
        FieldPanel("examples"),
        MultiFieldPanel([FieldPanel("criteria_intro"), FieldPanel("protected_criteria")], heading="Critères protégés"),
        FieldPanel("victim_text"),
        FieldPanel("witness_text"),
        FieldPanel("help_links"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("definition"),
        index.SearchField("protected_criteria"),
        index.SearchField("victim_text"),
        index.SearchField("witness_text"),
    ]

    page_description = "Une page de campagne de sensibilisation : définition, exemples, critères protégés, que faire."
    parent_page_types = ["home.HomePage", "pages.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Page de campagne"
        verbose_name_plural = "Pages de campagne"

    def example_items(self):
        """(domain label, text) pairs of the examples."""
        labels = dict(ExampleDomain.choices)
        return [(labels.get(block.value["domain"], ""), block.value["text"]) for block in self.examples]

    def criteria_list(self):
        return [line.strip() for line in self.protected_criteria.splitlines() if line.strip()]


class MultilingualPage(BodyPage):
    """A page in several languages (Ukraine: French and Ukrainian); each section carries its own language."""

    body = StreamField(MultilingualStreamBlock(), blank=True, verbose_name="Sections")

    page_description = "Une page en plusieurs langues (ex. français et ukrainien) : chaque section a sa langue."
    parent_page_types = ["home.HomePage", "pages.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Page multilingue"
        verbose_name_plural = "Pages multilingues"


@register_setting(icon="site")
class SiteIdentity(RememberedSiteSetting, BaseSiteSetting):
    """The centre's name and tagline (header and footer), the credits line and the privacy link."""

    site_name = models.CharField(
        "Nom du centre",
        max_length=200,
        blank=True,
        help_text="Affiché dans l'en-tête de chaque page, à côté du logo ou du sigle.",
    )
    short_name = models.CharField(
        "Sigle",
        max_length=20,
        blank=True,
        help_text=(
            "Forme courte du nom (ex. CAI Namur), utilisée dans le titre des onglets, et dans l'en-tête "
            "en grandes lettres tant qu'aucun logo n'est choisi."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Logo officiel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Le fichier officiel du logo du centre (SVG ou PNG, fond transparent). Tant qu'il est vide, l'en-tête "
            "affiche le sigle et le nom du centre en texte."
        ),
    )
    logo_alt = models.CharField(
        "Texte alternatif du logo",
        max_length=200,
        blank=True,
        help_text="Ce que le logo dit, pour les lecteurs d'écran (ex. « CAI Namur »). Obligatoire avec un logo.",
    )
    tagline = models.TextField(
        "Phrase de présentation",
        blank=True,
        help_text="Affichée une fois par page, dans le pied de page.",
    )
    description = models.TextField(
        "Description du site",
        blank=True,
        help_text=(
            "Une ou deux phrases (150 caractères environ) que les moteurs de recherche affichent sous le titre d'une "
            "page qui n'a ni description pour les moteurs de recherche ni introduction. Vide : la phrase de "
            "présentation."
        ),
    )
    default_sharing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Image de partage par défaut",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Montrée quand une page est partagée sur les réseaux sociaux et n'a pas d'image de partage à elle (ni "
            "d'image, pour une actualité). Format paysage, au moins 1200 × 630 pixels ; elle est recadrée à ce format."
        ),
    )
    credits = models.CharField(
        "Ligne de crédits",
        max_length=250,
        blank=True,
        help_text="Texte en bas du pied de page.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Page « Politique de confidentialité »",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Liée depuis le pied de page de chaque page.",
    )

    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Page « Déclaration d'accessibilité »",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Liée depuis le pied de page de chaque page.",
    )
    legal_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Page « Mentions légales »",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Liée depuis le pied de page de chaque page.",
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Page « Contact et horaires »",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Liée depuis l'en-tête de chaque page : le téléphone, l'adresse et les horaires à un clic.",
    )
    offices_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Page « Nous trouver »",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "La liste des bureaux d'accueil et de leurs horaires : le premier lien du menu sur téléphone, avant "
            "« Contact »."
        ),
    )

    panels = [
        MultiFieldPanel([FieldPanel("site_name"), FieldPanel("short_name"), FieldPanel("tagline")], heading="Identité"),
        MultiFieldPanel(
            [FieldPanel("logo", widget=ImageChooserIn(PARTNER_LOGOS)), FieldPanel("logo_alt")], heading="Logo"
        ),
        MultiFieldPanel(
            [FieldPanel("description"), FieldPanel("default_sharing_image")], heading="Moteurs de recherche et partage"
        ),
        MultiFieldPanel([FieldPanel("contact_page"), FieldPanel("offices_page")], heading="En-tête et menu"),
        MultiFieldPanel(
            [
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("legal_notice_page"),
                FieldPanel("credits"),
            ],
            heading="Pied de page",
        ),
    ]

    class Meta:
        verbose_name = "Identité du site"

    @classmethod
    def base_queryset(cls):
        return (
            super()
            .base_queryset()
            .select_related(
                "privacy_page",
                "accessibility_page",
                "legal_notice_page",
                "contact_page",
                "offices_page",
                "logo",
                "default_sharing_image",
            )
        )

    def clean(self):
        super().clean()
        if self.logo_id and not self.logo_alt.strip():
            raise ValidationError(
                {"logo_alt": "Indiquez le texte alternatif du logo : ce que le logo dit (ex. « CAI Namur »)."}
            )

    @property
    def default_description(self):
        """The meta description of a page that has none of its own: the site's description, else the tagline."""
        return self.description.strip() or self.tagline.strip()

    def legal_pages(self):
        """The footer's legal links, in order, leaving out pages that are missing or not published."""
        pages = (self.privacy_page, self.accessibility_page, self.legal_notice_page)
        return [page for page in pages if page is not None and page.live]

    def header_contact_page(self):
        """The page the header's "Contact et horaires" link opens, if it is published."""
        page = self.contact_page
        return page if page is not None and page.live else None

    def menu_shortcuts(self):
        """The direct links that open the menu on a phone: the offices ("Nous trouver"), then the contact page."""
        shortcuts = []
        for page, title, icon in (
            (self.offices_page, "Nous trouver", "map-pin"),
            (self.contact_page, "Contact", "phone"),
        ):
            if page is not None and page.live:
                shortcuts.append({"page": page, "title": title, "icon": icon})
        return shortcuts


class Sponsor(PreviewableMixin, Orderable, models.Model):
    """A partner in the footer (funders, partners), in the editors' order: its logo, else its name as text."""

    name = models.CharField(
        "Nom",
        max_length=150,
        help_text=(
            "Nom de l'organisme, ou mention à afficher (ex. « Cofinancé par l'Union européenne »). Affiché en texte "
            "tant qu'il n'y a pas de logo ; sert sinon de texte alternatif au logo."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Logo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=(
            "Facultatif. Uniquement le fichier officiel fourni par l'organisme (SVG ou PNG, fond transparent). "
            "Sans logo, le nom s'affiche en texte."
        ),
    )
    eu_emblem = models.BooleanField(
        "Emblème européen",
        default=False,
        help_text=(
            "Affiche l'emblème de l'Union européenne (dessiné d'après sa description officielle) à côté du nom, "
            "pour la mention « Cofinancé par l'Union européenne ». Ignoré si un logo est choisi."
        ),
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Lien vers une page du site",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Facultatif. Ne remplissez qu'un seul des deux liens.",
    )
    link_url = models.URLField(
        "Lien vers un site externe", blank=True, help_text="Facultatif. Adresse complète, https://…"
    )
    editor_note = models.TextField(
        "Note pour l'équipe éditoriale",
        blank=True,
        help_text=(
            "Visible uniquement dans l'administration, jamais sur le site public. "
            "Sert à signaler ce qui reste à compléter ou à vérifier. Videz-la une fois le travail fait."
        ),
    )

    panels = [
        FieldPanel("editor_note"),
        FieldPanel("name"),
        FieldPanel("logo", widget=ImageChooserIn(PARTNER_LOGOS)),
        FieldPanel("eu_emblem"),
        FieldPanel("link_page"),
        FieldPanel("link_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Partenaire du pied de page"
        verbose_name_plural = "Partenaires du pied de page"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.link_page_id and self.link_url:
            message = "Choisissez soit une page du site, soit un lien externe, pas les deux."
            raise ValidationError({"link_page": message, "link_url": message})

    def get_preview_template(self, request, mode_name):
        return "pages/previews/sponsor.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["preview_sponsors"] = [self]
        return context
