"""The home page's sections: the three actions first, then what editors chose, or the latest items."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.images.models import Rendition
from wagtail.models import Page

from contact.models import ContactDetails, ContactPage
from news.models import NewsIndexPage, NewsPage
from offices.models import OfficePage
from pages.models import MultilingualPage, SiteIdentity
from pages.queries import public_q
from publications.models import PublicationIndexPage, PublicationPage
from thematiques.models import ThematiqueIndexPage, ThematiquePage
from trainings.models import (
    Registration,
    RegistrationStatus,
    TrainingIndexPage,
    TrainingPage,
    TrainingSession,
    upcoming_q,
)

HOME_ITEMS = 3


def news_cards(chosen_ids=(), limit=HOME_ITEMS):
    """The chosen news items in the editors' order, or else the latest ones; ready for their cards (their images'
    renditions are left to ``with_renditions``, which reads them for every image of the page at once)."""
    items = (
        NewsPage.objects.live().public().defer_streamfields().select_related("image").prefetch_related("thematiques")
    )
    if chosen_ids:
        by_id = {item.pk: item for item in items.filter(pk__in=chosen_ids)}
        chosen = [by_id[pk] for pk in chosen_ids if pk in by_id]
        if chosen:
            return chosen
    return list(items.order_by("-published_on", "-pk")[:limit])


def registered_count(**correlation):
    """The number of registered people (not waiting, not cancelled) matching ``correlation``, as a subquery."""
    rows = (
        Registration.objects.filter(status=RegistrationStatus.REGISTERED, **correlation)
        .order_by()
        .values("training")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(rows), 0)


def next_sessions(now, trainings=None, limit=HOME_ITEMS):
    """The next sessions: one per chosen training, or the next ``limit`` sessions of all live trainings.

    Each session carries the registrations that take its seats, counted in the same query: ``taken_here`` for the
    session itself, ``taken_whole`` for its training as a whole (``with_seats_left`` reads them).
    """
    sessions = (
        TrainingSession.objects.filter(upcoming_q(now, prefix=""))
        .select_related("page")
        .annotate(
            taken_here=registered_count(session=OuterRef("pk")),
            taken_whole=registered_count(training=OuterRef("page_id"), session__isnull=True),
        )
        .order_by("date", "starts_at")
    )
    if trainings is None:
        live = TrainingPage.objects.live().public().values("pk")
        return list(sessions.filter(page__in=live)[:limit])
    live_ids = [training.pk for training in trainings if training.live]
    first_by_training = {}
    for session in sessions.filter(page__in=live_ids):
        first_by_training.setdefault(session.page_id, session)
    return [first_by_training[pk] for pk in live_ids if pk in first_by_training]


def latest_publication():
    return (
        PublicationPage.objects.live()
        .public()
        .select_related("publication_type", "cover")
        .order_by("-year", "-first_published_at")
        .first()
    )


def with_seats_left(sessions):
    """Each session of ``next_sessions`` with ``seats_left`` (None: no limit), from the counts it carries."""
    for session in sessions:
        taken = {session.pk: session.taken_here, None: session.taken_whole}
        session.seats_left = session.page.seats_left(session, taken=taken)
    return sessions


def with_renditions(images):
    """Read the existing renditions of all ``images`` (None left out) in one query, for their ``{% picture %}``."""
    images = [image for image in images if image is not None]
    prefetch_related_objects(images, Prefetch("renditions", queryset=Rendition.objects.all()))
    return images


def first_live_pages(*models, every=()):
    """The first published page of each type of ``models`` (the full lists the home page's blocks link to), and
    every published page of the types of ``every`` in tree order, in one query: plain pages, enough for a link."""
    pages = (
        Page.objects.live()
        .filter(public_q())
        .type(*models, *every)
        .only("id", "title", "slug", "url_path", "path", "depth", "content_type", "live")
        .order_by("path")
    )
    firsts, lists = {}, {model: [] for model in every}
    models_by_type = {ContentType.objects.get_for_model(model).pk: model for model in (*models, *every)}
    for page in pages:
        model = models_by_type.get(page.content_type_id)
        if model in lists:
            lists[model].append(page)
        else:
            firsts.setdefault(model, page)
    return {**{model: firsts.get(model) for model in models}, **lists}


def main_office(identity):
    """The main office of the contact page the header links to, with its hours for today's status (3 queries)."""
    contact_page = identity.header_contact_page()
    if contact_page is None:
        return None
    chosen = ContactPage.objects.filter(pk=contact_page.pk).values("main_office")
    return OfficePage.with_hours(OfficePage.objects.live().public().filter(pk__in=chosen)).first()


def tasks(home, request, indexes):
    """The first screen's actions: find an office (with the main office's status), call, register; other languages."""
    identity = SiteIdentity.for_request(request)
    offices_page = identity.offices_page if identity.offices_page and identity.offices_page.live else None
    languages_page = home.languages_page if home.languages_page and home.languages_page.live else None
    return {
        "offices_page": offices_page,
        "main_office": main_office(identity),
        "centre": ContactDetails.for_request(request),
        "trainings_page": indexes[TrainingIndexPage],
        "languages_page": languages_page or indexes[MultilingualPage],
    }


def home_sections(home, request):
    chosen_news = [block.value.pk for block in home.featured_news if block.value]
    chosen_trainings = [block.value for block in home.featured_trainings if block.value]
    publication = home.featured_publication
    if publication is None or not publication.live:
        publication = latest_publication()
    indexes = first_live_pages(
        TrainingIndexPage,
        MultilingualPage,
        NewsIndexPage,
        PublicationIndexPage,
        ThematiqueIndexPage,
        every=[ThematiquePage],
    )
    news_items = news_cards(chosen_news)
    with_renditions([item.image for item in news_items] + [publication.cover if publication else None])
    return {
        **tasks(home, request, indexes),
        "news_items": news_items,
        "news_index": indexes[NewsIndexPage],
        "sessions": with_seats_left(next_sessions(timezone.localtime(), chosen_trainings or None)),
        "publication": publication,
        "publications_index": indexes[PublicationIndexPage],
        "thematiques": indexes[ThematiquePage],
        "thematiques_index": indexes[ThematiqueIndexPage],
    }
