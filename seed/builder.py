"""Builds the seed site, creating each item once and never again.

Every item of the seed has an identifier of its own ("page:/presentation/", "setting:identity.tagline",
"redirect:/notre-histoire"…). The first run that meets an item creates it (or, if editors made one already,
adopts it as it is) and records the identifier in ``SeedRecord``. From then on the item is the editors': whatever
they do to it (delete, rename, move, empty), no later run touches it again. A seed item added in a later version of
the code has no record yet, so the next run creates it; a new page goes under its parent wherever editors moved it.
"""

import re
import types

from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from contact.models import ContactDetails
from editorial.collections import ensure_collections
from editorial.french_admin import name_root_page
from editorial.roles import ensure_roles
from home.models import HomePage
from pages.models import SiteIdentity, Sponsor
from publications.models import PublicationType
from sitesearch.models import Synonym
from trainings.models import Audience, Organiser

from . import content
from .demo import DemoBuilder
from .models import SeedMemory

PAGE_REF = re.compile(r"\{page:(/[^}]*)\}")
MISSING_PAGE_ID = "0"  # a link to a page editors deleted renders as plain text


class SeedReport:
    def __init__(self):
        self.created = []
        self.skipped = []

    def add_created(self, what):
        self.created.append(what)

    def add_skipped(self, what):
        self.skipped.append(what)


def page_key(path):
    return f"page:{path}"


class SeedBuilder:
    def __init__(self, report=None, demo=False):
        self.demo = demo
        self.report = report or SeedReport()
        self.memory = None
        self.home = None
        self._new_pages = []  # (page id, spec) of pages created in this run, filled once all pages exist

    @transaction.atomic
    def build(self):
        self.memory = SeedMemory()
        self.ensure_foundations()
        ensure_collections()  # the collections staff file images and documents in, and their permissions
        name_root_page()  # "Racine", not Wagtail's "Root", in the explorer and the breadcrumbs
        self.ensure_lists()
        self.ensure_collection(content.PUBLICATIONS_COLLECTION)
        self.home = self.ensure_home()
        if self.home is not None:
            site = self.ensure_site(self.home)
            self.ensure_children(self.home, content.TREE, "/")
            self.publish_new_pages()
            self.fill_settings(site)
        self.ensure_sponsors()
        self.link_eu_sponsor()
        self.ensure_redirects()
        self.report.created.extend(ensure_roles())  # the roles and the review, after the pages they apply to
        if self.demo:
            DemoBuilder(self.report, self.memory).build()
        return self.report

    def once(self, key, label):
        """True the first time the seed meets ``key``; afterwards the item is the editors' and is skipped."""
        if self.memory.knows(key):
            self.report.add_skipped(f"{label} (déjà créé une fois : laissé aux éditeurs)")
            return False
        return True

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
        key = page_key("/")
        if not self.once(key, "page d'accueil"):
            return self.memory.target(key, HomePage)
        home = HomePage.objects.first()
        if home is not None:
            self.report.add_skipped("page d'accueil (existait déjà)")
            return self.memory.remember(key, home)
        home = HomePage(**{name: content.HOME[name] for name in ("title", "slug", "lead", "intro")})
        home.show_in_menus = True
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
        self.report.add_created("page d'accueil /")
        return self.memory.remember(key, home)

    def ensure_site(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=content.SITE_IDENTITY["short_name"],
            )
            self.report.add_created("site par défaut")
        elif site.root_page_id != home.id and self.once("site:root", "site par défaut"):
            previous = site.root_page
            site.root_page = home
            site.site_name = site.site_name or content.SITE_IDENTITY["short_name"]
            site.save()
            self.memory.remember("site:root", site)
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
            page = self.ensure_page(parent, spec, parent_path, previous)
            if page is not None and page.get_parent().pk == parent.pk:
                previous = page

    def ensure_page(self, parent, spec, parent_path, previous):
        """The page of ``spec``: created under ``parent`` right after ``previous`` the first time, else left alone.

        Returns the page (wherever editors moved it, so that new seed children follow it), or None when editors
        deleted it.
        """
        path = f"{parent_path}{spec.slug}/"
        key = page_key(path)
        if self.memory.knows(key):
            page = self.memory.target(key, Page)
            if page is None:
                self.report.add_skipped(f"page {path} (supprimée par les éditeurs : pas recréée)")
                return None
            self.report.add_skipped(f"page {path} (existe déjà)")
        else:
            page = parent.get_children().filter(slug=spec.slug).first()
            if page is not None:
                self.report.add_skipped(f"page {path} (existait déjà)")
            else:
                page = self.create_page(parent, spec, previous)
                self.report.add_created(f"page {path}")
            self.memory.remember(key, page)
        self.ensure_children(page, spec.children, path)
        return page

    def create_page(self, parent, spec, previous):
        model = apps.get_model(spec.model)
        page = model(title=spec.title, slug=spec.slug, intro=spec.intro, editor_note=spec.editor_note)
        page.show_in_menus = spec.show_in_menus
        for name, value in spec.fields.items():  # plain values now (required fields), references once all exist
            if isinstance(value, str) and not PAGE_REF.search(value):
                setattr(page, name, value)
        first_child = parent.get_first_child()
        if previous is not None:
            previous.add_sibling(pos="right", instance=page)
        elif first_child is not None:
            first_child.add_sibling(pos="left", instance=page)
        else:
            parent.add_child(instance=page)
        self._new_pages.append((page.pk, spec))
        return page

    def publish_new_pages(self):
        # Pages are read again: inserting a sibling may have moved those created before it in the tree.
        for pk, spec in self._new_pages:
            page = Page.objects.get(pk=pk).specific
            if spec.body:
                page.body = [(kind, self.resolve_value(value)) for kind, value in spec.body]
            for name, value in spec.fields.items():
                setattr(page, name, self.resolve_value(value))
            page.save_revision().publish()
        self._new_pages = []

    def seeded_page(self, path):
        """The page the seed made for ``path`` (wherever it is now), else the page at that URL, else None."""
        page = self.memory.target(page_key(path), Page)
        if page is None and not self.memory.knows(page_key(path)):
            page = Page.objects.filter(url_path=self.home.url_path + path.lstrip("/")).first()
        return page

    def resolve_refs(self, text):
        def page_id(match):
            page = self.seeded_page(match.group(1))
            return str(page.pk) if page is not None else MISSING_PAGE_ID

        return PAGE_REF.sub(page_id, text)

    def resolve_value(self, value):
        if isinstance(value, types.FunctionType):  # child rows (form fields…) made fresh for each build
            return value()
        if isinstance(value, content.PageRef):
            page = self.seeded_page(value.path)
            return page.specific if page is not None else None
        if isinstance(value, content.ListRef):
            return self.memory.target(f"{value.kind}:{value.name}", apps.get_model(value.model))
        if isinstance(value, str):
            return self.resolve_refs(value)
        if isinstance(value, dict):
            return {key: self.resolve_value(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.resolve_value(item) for item in value)
        return value

    # Settings and sponsors

    def fill_settings(self, site):
        identity = SiteIdentity.for_site(site)
        self.fill_fields(identity, "identity", content.SITE_IDENTITY, "identité du site")
        legal_pages = {name: self.seeded_page(path) for name, path in content.LEGAL_PAGES.items()}
        legal_pages = {name: page for name, page in legal_pages.items() if page is not None}
        self.fill_fields(identity, "identity", legal_pages, "liens légaux du pied de page")
        site_pages = {name: self.seeded_page(path) for name, path in content.SITE_PAGES.items()}
        site_pages = {name: page for name, page in site_pages.items() if page is not None}
        self.fill_fields(identity, "identity", site_pages, "liens de l'en-tête et du menu (Contact, Nous trouver)")
        self.fill_fields(ContactDetails.for_site(site), "contact", content.CONTACT_DETAILS, "coordonnées du centre")

    def fill_fields(self, instance, prefix, values, label):
        """Fill each field once: an empty field the first time; later, even emptied by editors, it stays theirs."""
        filled = []
        for name, value in values.items():
            key = f"setting:{prefix}.{name}"
            if self.memory.knows(key):
                continue
            if not getattr(instance, name):
                setattr(instance, name, value)
                filled.append(name)
            self.memory.remember(key)
        if filled:
            instance.save()
            self.report.add_created(f"{label} : {len(filled)} champ(s) rempli(s)")
        else:
            self.report.add_skipped(f"{label} (rien à remplir)")

    def ensure_sponsors(self):
        """The footer's partners, each created once, without a logo: editors add the official files."""
        for order, item in enumerate(content.SPONSORS):
            key = f"sponsor:{item['name']}"
            if not self.once(key, f"partenaire {item['name']}"):
                continue
            existing = Sponsor.objects.filter(name=item["name"]).first()
            if existing is not None:
                self.memory.remember(key, existing)
                self.report.add_skipped(f"partenaire {item['name']} (existait déjà)")
                continue
            sponsor = Sponsor.objects.create(**item, sort_order=order)
            self.memory.remember(key, sponsor)
            self.report.add_created(f"partenaire {item['name']}")

    def link_eu_sponsor(self):
        """The EU statement links to the co-funded projects page, once, unless editors gave it a link already."""
        key = "sponsor-link:eu"
        if not self.once(key, "lien de la mention de l'Union européenne"):
            return
        sponsor = self.memory.target(f"sponsor:{content.EU_SPONSOR}", Sponsor)
        page = self.seeded_page(content.EU_PAGE_PATH) if self.home is not None else None
        if sponsor is None or page is None:
            return
        if not sponsor.link_page_id and not sponsor.link_url:
            sponsor.link_page = page
            sponsor.save()
            self.report.add_created(f"lien de « {sponsor.name} » vers {content.EU_PAGE_PATH}")
        self.memory.remember(key, sponsor)

    def ensure_redirects(self):
        """Permanent redirects from the previous sites' addresses, each created once."""
        for old_path, new_path in content.REDIRECTS.items():
            key = f"redirect:{old_path}"
            if not self.once(key, f"redirection {old_path}"):
                continue
            normalised = Redirect.normalise_path(old_path)
            redirect = Redirect.objects.filter(old_path=normalised).first()
            target = self.seeded_page(new_path) if self.home is not None else None
            if redirect is None and target is None:
                self.report.add_skipped(f"redirection {old_path} (la page {new_path} n'existe pas)")
                continue
            if redirect is None:
                redirect = Redirect.objects.create(old_path=normalised, redirect_page=target, is_permanent=True)
                self.report.add_created(f"redirection {old_path} → {new_path}")
            else:
                self.report.add_skipped(f"redirection {old_path} (existait déjà)")
            self.memory.remember(key, redirect)

    def ensure_lists(self):
        """The lists editors extend: target audiences, organisers, publication types."""
        for order, name in enumerate(content.AUDIENCES):
            self.ensure_named("audience", Audience, name, sort_order=order)
        for organiser in content.ORGANISERS:
            self.ensure_named("organiser", Organiser, organiser["name"], website=organiser["website"])
        for order, name in enumerate(content.PUBLICATION_TYPES):
            self.ensure_named("publication-type", PublicationType, name, sort_order=order)
        for term, site_terms in content.SEARCH_SYNONYMS.items():
            self.ensure_synonym(term, site_terms)

    def ensure_synonym(self, term, site_terms):
        """A word visitors type and the site's words for it (editors extend the list in Synonymes de recherche)."""
        label = f"synonyme de recherche « {term} »"
        key = f"synonym:{term}"
        if not self.once(key, label):
            return
        item, created = Synonym.objects.get_or_create(term=term, defaults={"site_terms": "\n".join(site_terms)})
        self.memory.remember(key, item)
        if created:
            self.report.add_created(label)
        else:
            self.report.add_skipped(f"{label} (existait déjà)")

    def ensure_named(self, kind, model, name, **defaults):
        label = f"{model._meta.verbose_name.lower()} « {name} »"
        key = f"{kind}:{name}"
        if not self.once(key, label):
            return
        item, created = model.objects.get_or_create(name=name, defaults=defaults)
        self.memory.remember(key, item)
        if created:
            self.report.add_created(label)
        else:
            self.report.add_skipped(f"{label} (existait déjà)")

    def ensure_collection(self, name):
        """The collection the seed made for ``name`` (created once; if editors deleted it, the root)."""
        key = f"collection:{name}"
        root = Collection.get_first_root_node()
        if self.memory.knows(key):
            return self.memory.target(key, Collection) or root
        collection = root.get_children().filter(name=name).first() or root.add_child(name=name)
        return self.memory.remember(key, collection)
