"""The site search: pages of every kind ranked together, the directory and the team as groups below.

Pages go through Wagtail's search (``wagtail.search``, database backend): PostgreSQL full-text search with the
``french_unaccent`` configuration, Wagtail's fuzzy matching when the plain search finds nothing, SQLite FTS (or
Wagtail's fallback) elsewhere. The directory and the team are small tables searched in the database, like the
directory page's own ``?q=``: partial words match, and no second index has to follow the imports.
"""

import contextlib
import logging
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Q, Window
from django.utils.html import strip_tags
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.backends.database.fallback import DatabaseSearchBackend as FallbackSearchBackend
from wagtail.search.query import Fuzzy, Or, PlainText
from wagtail.search.utils import normalise_query_string

from about.models import TeamMember, TeamPage
from directory.models import DirectoryEntry, DirectoryPage
from news.models import NewsPage
from offices.models import OfficePage
from pages.models import StandardPage
from pages.queries import public_q
from publications.models import PublicationPage
from thematiques.models import ThematiquePage
from trainings.models import TrainingPage

from .kinds import Kind
from .models import Synonym
from .text import engine_query, excerpt, fold, highlight, stems

logger = logging.getLogger(__name__)

GROUP_SIZE = 10  # directory entries and team members shown below the pages
PAGE_KINDS = {
    NewsPage: Kind.NEWS,
    TrainingPage: Kind.TRAINING,
    PublicationPage: Kind.PUBLICATION,
    OfficePage: Kind.OFFICE,
}
FILED_UNDER_THEMATIQUES = (NewsPage, TrainingPage, PublicationPage, StandardPage)


@dataclass
class Hit:
    """One result as the template shows it."""

    kind_label: str
    title: str
    url: str
    excerpt: str = ""
    promoted: bool = False


@dataclass
class Group:
    kind: str
    heading: str
    hits: list = field(default_factory=list)
    total: int = 0
    more_url: str = ""


def expansions(query):
    """The query's alternatives: itself, then the site's words for every visitors' word it contains."""
    folded = f" {fold(query)} "
    alternatives = [query]
    for synonym in Synonym.objects.all():
        if f" {synonym.folded_term} " in folded:
            alternatives.extend(term for term in synonym.site_term_list() if term not in alternatives)
    return alternatives


def search_query(alternatives):
    """Every word of one alternative (AND), any alternative (OR)."""
    queries = [PlainText(text, operator="and") for text in (engine_query(a) for a in alternatives) if text]
    return queries[0] if len(queries) == 1 else Or(queries)


def page_kind(model):
    return PAGE_KINDS.get(model, Kind.PAGE)


def candidate_pages(kind="", thematique=""):
    """Live public pages of the site, of one kind and filed under one thématique if asked.

    Given to the search as ``pk IN (subquery)``: Wagtail's search accepts filters on its declared filter fields
    only, and this keeps the privacy rule (``public_q``, an ``Exists``) and the thématique joins inside the subquery.
    """
    pages = Page.objects.live().filter(public_q(), depth__gt=1)
    if kind == Kind.PAGE:
        pages = pages.exclude(content_type__in=ContentType.objects.get_for_models(*PAGE_KINDS).values())
    elif kind:
        model = next(model for model, model_kind in PAGE_KINDS.items() if model_kind == kind)
        pages = pages.filter(content_type=ContentType.objects.get_for_model(model))
    if thematique:
        filed = Q(pk__in=ThematiquePage.objects.filter(slug=thematique).values("pk"))
        for model in FILED_UNDER_THEMATIQUES:
            filed |= Q(pk__in=model.objects.filter(thematiques__slug=thematique).values("pk"))
        pages = pages.filter(filed)
    return Page.objects.live().filter(pk__in=pages.values("pk"))


def promotions(query):
    """Editors' picks for exactly this query (Wagtail's search promotions): live public pages or external links."""
    picks = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order")
    )
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    visible = set(Page.objects.live().filter(public_q(), pk__in=page_ids).values_list("pk", flat=True))
    return [pick for pick in picks if (pick.page_id in visible) or (not pick.page_id and pick.external_link_url)]


def _evaluated(search):
    """The results of ``search()`` with their count taken, or None if the engine refused. Inside a transaction (a
    test, a caller's atomic block), in a savepoint, so that a refused query does not break the transaction; in
    autocommit (a visitor's request) a refused statement leaves nothing to undo, and no BEGIN/COMMIT is spent."""
    savepoint = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    try:
        with savepoint:
            results = search()
            results.count()
        return results
    except (DatabaseError, NotImplementedError) as error:
        logger.warning("The search engine refused a query: %s", error)
        return None


def _search(pages, query):
    """Wagtail's configured backend; if it refuses (an SQLite without its FTS table), Wagtail's plain fallback."""
    results = _evaluated(lambda: pages.search(query, order_by_relevance=True))
    if results is None and connection.vendor != "postgresql":
        results = _evaluated(lambda: FallbackSearchBackend({}).search(query, pages, order_by_relevance=True))
    return results


def search_pages(query, alternatives, kind="", thematique="", exclude=()):
    """The matching pages, best first (a lazy ``SearchResults``), and whether fuzzy matching found them."""
    pages = candidate_pages(kind, thematique).exclude(pk__in=list(exclude))
    results = _search(pages, search_query(alternatives))
    if connection.vendor == "postgresql" and (results is None or results.count() == 0):
        # A typo ("formaton") finds nothing in full text: try Wagtail's fuzzy matching (pg_trgm), accents ignored.
        fuzzy = _search(pages, Fuzzy(engine_query(query), unaccent=True))
        if fuzzy is not None and fuzzy.count():
            return fuzzy, True
    return (results if results is not None else Page.objects.none()), False


def body_text(page):
    """The start of a page's text: its first paragraphs of rich text, without markup."""
    body = getattr(page, "body", None)
    if body is None:
        return ""
    texts = []
    for block in body.raw_data:
        if block.get("type") in ("paragraph", "text") and isinstance(block.get("value"), str):
            texts.append(strip_tags(block["value"]))
        if sum(len(text) for text in texts) > 600:
            break
    return " ".join(texts)


def page_texts(page):
    """Candidate texts for a page's excerpt, in order of preference."""
    yield page.intro
    yield page.search_description
    yield strip_tags(getattr(page, "summary", "") or "")
    yield body_text(page)
    if isinstance(page, OfficePage):
        lines = page.address_lines
        yield ", ".join(lines() if callable(lines) else lines)


def best_excerpt(texts, word_stems):
    """The excerpt from the first text holding a matched word, else from the first text at all."""
    texts = [text for text in texts if text and text.strip()]
    for text in texts:
        if "<mark>" in (passage := excerpt(text, word_stems)):
            return passage
    return excerpt(texts[0], word_stems) if texts else ""


def page_hits(pages, word_stems, request, promoted=False):
    """Hits for a page of results: one query for the pages' specific rows per page type, whatever their number."""
    ids = [page.pk for page in pages]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()} if ids else {}
    hits = []
    for page_id in ids:
        page = specific.get(page_id)
        if page is None:
            continue
        hits.append(
            Hit(
                kind_label=Kind(page_kind(type(page))).label,
                title=highlight(page.title, word_stems),
                url=page.get_url(request),
                excerpt=best_excerpt(page_texts(page), word_stems),
                promoted=promoted,
            )
        )
    return hits


def promotion_hits(picks, word_stems, request):
    page_picks = page_hits([pick.page for pick in picks if pick.page_id], word_stems, request, promoted=True)
    for hit in page_picks:
        hit.kind_label = "Résultat mis en avant"
    links = [
        Hit(
            kind_label="Résultat mis en avant",
            title=highlight(pick.external_link_text or pick.external_link_url, word_stems),
            url=pick.external_link_url,
            excerpt=excerpt(pick.description, word_stems),
            promoted=True,
        )
        for pick in picks
        if not pick.page_id
    ]
    return page_picks + links


def _words_everywhere(alternatives, fields):
    """Every word of an alternative in one of ``fields`` (partial words too); any alternative."""
    matches = Q(pk__in=[])
    for alternative in alternatives:
        words = engine_query(alternative).split()[:10]
        if not words:
            continue
        every_word = Q()
        for word in words:
            any_field = Q()
            for name in fields:
                any_field |= Q(**{f"{name}__icontains": word})
            every_word &= any_field
        matches |= every_word
    return matches


def group_pages(request):
    """The pages the directory and team groups link to, in one query: {model: URL or ""}. ``run_search`` reads it
    once, when a group has something to show."""
    pages = Page.objects.live().filter(public_q()).type(DirectoryPage, TeamPage).only("id", "url_path", "content_type")
    urls = {}
    for page in pages.order_by("path"):
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        urls.setdefault(model, page.get_url(request) or "")
    return urls


def first_of(items):
    """The first GROUP_SIZE ``items`` and their total, in one query (``COUNT(*) OVER ()``)."""
    rows = list(items.annotate(group_total=Window(Count("pk")))[:GROUP_SIZE])
    return rows, rows[0].group_total if rows else 0


def directory_group(alternatives, word_stems, thematique, page_urls):
    entries = DirectoryEntry.objects.filter(_words_everywhere(alternatives, ("name", "description", "commune")))
    if thematique:
        entries = entries.filter(thematiques__slug=thematique)
    shown, total = first_of(entries.order_by("name", "pk"))
    group = Group(Kind.SERVICE, "Dans le répertoire des services", total=total)
    base_url = page_urls().get(DirectoryPage, "") if shown else ""
    for entry in shown:
        group.hits.append(
            Hit(
                kind_label=Kind.SERVICE.label,
                title=highlight(entry.name, word_stems),
                url=f"{base_url}#{entry.anchor}" if base_url else "",
                excerpt=best_excerpt([entry.description, entry.one_line_address], word_stems),
            )
        )
    if group.total > GROUP_SIZE and base_url:
        group.more_url = base_url
    return group


def team_group(alternatives, word_stems, page_urls):
    members = TeamMember.objects.filter(live=True).filter(_words_everywhere(alternatives, ("name", "role")))
    shown, total = first_of(members.order_by("sort_order", "pk"))
    group = Group(Kind.MEMBER, "Dans l'équipe", total=total)
    url = page_urls().get(TeamPage, "") if shown else ""
    for member in shown:
        group.hits.append(
            Hit(
                kind_label=Kind.MEMBER.label,
                title=highlight(member.name, word_stems),
                url=url,
                excerpt=highlight(member.role, word_stems),
            )
        )
    if group.total > GROUP_SIZE:
        group.more_url = url
    return group


def highlight_stems(alternatives):
    return stems(" ".join(alternatives).split())
