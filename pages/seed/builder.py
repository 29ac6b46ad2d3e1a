"""Builds the seed site on a database, creating only what is missing.

Rules, so that running it again is always safe:
- a page is identified by its URL path; if a page already stands there it is left exactly as it is (edited or
  not), and only its missing children are created. One exception: a generic content page standing where the
  seed now wants a more specific type is converted in place (same id, children and shared fields), and only the
  new type's own fields get the seed content;
- site settings: only empty fields are filled (the EU logo gets its link only while it has none);
- sponsors: created only while the sponsor list is empty, so that logos editors removed stay removed;
- redirects and editors' lists (audiences, organisers, publication types): matched by path or name.
"""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from contact.models import ContactDetails
from pages.models import HomePage, SiteIdentity, Sponsor, StandardPage
from publications.models import PublicationType
from trainings.models import Audience, Organiser

from . import content
from .convert import convert_page

LOGO_DIR = Path(__file__).resolve().parent / "logos"
PAGE_REF = re.compile(r"\{page:(/[^}]*)\}")


class SeedReport:
    def __init__(self):
        self.created = []
        self.skipped = []

    def add_created(self, what):
        self.created.append(what)

    def add_skipped(self, what):
        self.skipped.append(what)


class SeedBuilder:
    def __init__(self, report=None, demo=False):
        self.demo = demo
        self.report = report or SeedReport()
        self.home = None
        self._new_pages = []  # ids of pages created in this run, whose bodies are filled once all pages exist
        self.spec_by_path = dict(content.iter_specs())

    @transaction.atomic
    def build(self):
        self.ensure_foundations()
        self.home = self.ensure_home()
        site = self.ensure_site(self.home)
        self.ensure_children(self.home, content.TREE, "/")
        self.publish_new_pages()
        self.fill_settings(site)
        self.ensure_sponsors()
        self.link_eu_sponsor()
        self.ensure_redirects()
        self.ensure_lists()
        self.ensure_collection(content.PUBLICATIONS_COLLECTION)
        if self.demo:
            from .demo import DemoBuilder

            DemoBuilder(self.report).build()
        return self.report

    # Pages

    def ensure_foundations(self):
        """Wagtail's own base rows (made by its migrations), in case the database was emptied since."""
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        if Page.get_first_root_node() is None:
            Page.add_root(title="Root", slug="root")
            self.report.add_created("racine de l'arborescence")
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")

    def ensure_home(self):
        home = HomePage.objects.first()
        if home is not None:
            self.report.add_skipped("page d'accueil (existe déjà)")
            return home
        root = Page.get_first_root_node()
        home = HomePage(
            title=content.HOME["title"],
            slug=content.HOME["slug"],
            intro=content.HOME["intro"],
            show_in_menus=True,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        self.report.add_created("page d'accueil /")
        return home

    def ensure_site(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="CAI Namur"
            )
            self.report.add_created("site par défaut")
        elif site.root_page_id != home.id:
            previous = site.root_page
            site.root_page = home
            site.site_name = site.site_name or "CAI Namur"
            site.save()
            self.report.add_created("site par défaut pointé vers la page d'accueil")
            self.remove_wagtail_welcome_page(previous)
        return site

    def remove_wagtail_welcome_page(self, page):
        """Delete Wagtail's placeholder "Welcome" page, and nothing else."""
        is_placeholder = page.specific_class is Page and page.depth == 2 and page.numchild == 0 and page.slug == "home"
        if is_placeholder:
            page.delete()
            self.report.add_created("page d'exemple de Wagtail supprimée")

    def ensure_children(self, parent, specs, parent_path):
        previous = None
        for spec in specs:
            previous = self.ensure_page(parent, spec, parent_path, previous)

    def ensure_page(self, parent, spec, parent_path, previous):
        """Find or create the page of ``spec`` under ``parent``, right after ``previous`` (its seeded elder)."""
        path = f"{parent_path}{spec.slug}/"
        page = parent.get_children().filter(slug=spec.slug).first()
        if page is None:
            model = apps.get_model(spec.model)
            page = model(
                title=spec.title,
                slug=spec.slug,
                intro=spec.intro,
                editor_note=spec.editor_note,
                show_in_menus=spec.show_in_menus,
            )
            first_child = parent.get_first_child()
            if previous is not None:
                previous.add_sibling(pos="right", instance=page)
            elif first_child is not None:
                first_child.add_sibling(pos="left", instance=page)
            else:
                parent.add_child(instance=page)
            self._new_pages.append(page.pk)
            self.report.add_created(f"page {path}")
        else:
            page = self.convert_if_generic(page, spec, path)
        self.ensure_children(page, spec.children, path)
        return page

    def convert_if_generic(self, page, spec, path):
        """A seeded content page whose URL now has its own type is converted, keeping its children."""
        model = apps.get_model(spec.model)
        current = page.specific_class
        if current is model or current is not StandardPage:
            self.report.add_skipped(f"page {path} (existe déjà)")
            return page
        converted = convert_page(page, model)
        self._new_pages.append(converted.pk)  # its new fields get the seed content
        self.report.add_created(f"page {path} convertie en « {model._meta.verbose_name} »")
        return converted

    def resolve_refs(self, text):
        def page_id(match):
            url_path = self.home.url_path + match.group(1).lstrip("/")
            return str(Page.objects.only("id").get(url_path=url_path).id)

        return PAGE_REF.sub(page_id, text)

    def publish_new_pages(self):
        # Pages are read again: inserting a sibling may have moved those created before it in the tree.
        for pk in self._new_pages:
            page = Page.objects.get(pk=pk).specific
            spec = self.spec_by_path[page.url_path[len(self.home.url_path) - 1 :]]
            if spec.body:
                page.body = [(kind, self.resolve_value(value)) for kind, value in spec.body]
            for name, value in spec.fields.items():
                setattr(page, name, self.resolve_value(value))
            page.save_revision().publish()
        self._new_pages = []

    def resolve_value(self, value):
        if isinstance(value, str):
            return self.resolve_refs(value)
        if isinstance(value, dict):
            return {key: self.resolve_value(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.resolve_value(item) for item in value)
        return value

    # Settings and sponsors

    def fill_settings(self, site):
        self.fill_empty_fields(SiteIdentity.for_site(site), content.SITE_IDENTITY, "identité du site")
        legal_pages = {
            name: self.page_at(path) for name, path in content.LEGAL_PAGES.items() if self.page_at(path) is not None
        }
        self.fill_empty_fields(SiteIdentity.for_site(site), legal_pages, "liens légaux du pied de page")
        self.fill_empty_fields(ContactDetails.for_site(site), content.CONTACT_DETAILS, "coordonnées du centre")

    def page_at(self, path):
        return Page.objects.filter(url_path=self.home.url_path + path.lstrip("/")).first()

    def fill_empty_fields(self, instance, values, label):
        filled = [name for name, value in values.items() if not getattr(instance, name)]
        for name in filled:
            setattr(instance, name, values[name])
        if filled:
            instance.save()
            self.report.add_created(f"{label} : {len(filled)} champ(s) rempli(s)")
        else:
            self.report.add_skipped(f"{label} (déjà rempli)")

    def ensure_sponsors(self):
        if Sponsor.objects.exists():
            self.report.add_skipped("logos partenaires (la liste n'est pas vide)")
            return
        collection = self.ensure_collection(content.SPONSOR_COLLECTION)
        Image = get_image_model()
        for order, item in enumerate(content.SPONSORS):
            with open(LOGO_DIR / item["logo"], "rb") as handle:
                logo = Image(
                    title=f"Logo {item['name']}",
                    collection=collection,
                    file=ImageFile(handle, name=item["logo"]),
                )
                logo.save()
            Sponsor.objects.create(name=item["name"], caption=item["caption"], logo=logo, sort_order=order)
            self.report.add_created(f"logo partenaire {item['name']}")

    def link_eu_sponsor(self):
        """The EU logo links to the co-funded projects page, unless editors gave it a link already."""
        sponsor = Sponsor.objects.filter(name=content.EU_SPONSOR, link_page=None, link_url="").first()
        page = self.page_at(content.EU_PAGE_PATH)
        if sponsor is not None and page is not None:
            sponsor.link_page = page
            sponsor.save()
            self.report.add_created(f"lien du logo « {sponsor.name} » vers {content.EU_PAGE_PATH}")

    def ensure_redirects(self):
        """Permanent redirects from the previous sites' addresses; an existing redirect is left as it is."""
        for old_path, new_path in content.REDIRECTS.items():
            normalised = Redirect.normalise_path(old_path)
            if Redirect.objects.filter(old_path=normalised).exists():
                self.report.add_skipped(f"redirection {old_path} (existe déjà)")
                continue
            Redirect.objects.create(old_path=normalised, redirect_page=self.page_at(new_path), is_permanent=True)
            self.report.add_created(f"redirection {old_path} → {new_path}")

    def ensure_lists(self):
        """The lists editors extend: target audiences, organisers, publication types (matched by name)."""
        for order, name in enumerate(content.AUDIENCES):
            self.ensure_named(Audience, name, sort_order=order)
        for organiser in content.ORGANISERS:
            self.ensure_named(Organiser, organiser["name"], website=organiser["website"])
        for order, name in enumerate(content.PUBLICATION_TYPES):
            self.ensure_named(PublicationType, name, sort_order=order)

    def ensure_named(self, model, name, **defaults):
        _, created = model.objects.get_or_create(name=name, defaults=defaults)
        label = model._meta.verbose_name.lower()
        if created:
            self.report.add_created(f"{label} « {name} »")
        else:
            self.report.add_skipped(f"{label} « {name} » (existe déjà)")

    def ensure_collection(self, name):
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=name).first()
        if collection is None:
            collection = root.add_child(name=name)
        return collection
