"""The home page's sections: the three actions first, then what editors chose, or the latest items."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch
from django.utils import timezone
from wagtail.images.models import Rendition
from wagtail.models import Page

from contact.models import ContactDetails, ContactPage
from news.models import NewsIndexPage, NewsPage
from offices.models import OfficePage
from pages.models import MultilingualPage, SiteIdentity
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
    """The chosen news items in the editors' order, or else the latest ones; ready for their cards."""
    items = (
        NewsPage.objects.live()
        .public()
        .defer_streamfields()
        .select_related("image")
        .prefetch_related("thematiques", Prefetch("image__renditions", queryset=Rendition.objects.all()))
    )
    if chosen_ids:
        by_id = {item.pk: item for item in items.filter(pk__in=chosen_ids)}
        chosen = [by_id[pk] for pk in chosen_ids if pk in by_id]
        if chosen:
            return chosen
    return list(items.order_by("-published_on", "-pk")[:limit])


def next_sessions(now, trainings=None, limit=HOME_ITEMS):
    """The next sessions: one per chosen training, or the next ``limit`` sessions of all live trainings."""
    sessions = (
        TrainingSession.objects.filter(upcoming_q(now, prefix="")).select_related("page").order_by("date", "starts_at")
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
    """Each session with ``seats_left`` (None: no limit), from one count of registrations for all of them."""
    training_ids = {session.page_id for session in sessions}
    rows = (
        Registration.objects.filter(training__in=training_ids, status=RegistrationStatus.REGISTERED)
        .values("training", "session")
        .annotate(count=Count("pk"))
        .order_by()
    )
    taken = {}
    for row in rows:
        taken.setdefault(row["training"], {})[row["session"]] = row["count"]
    for session in sessions:
        session.seats_left = session.page.seats_left(session, taken=taken.get(session.page_id, {}))
    return sessions


def first_live_pages(*models):
    """The first published page of each type (the full lists the home page's blocks link to), in one query."""
    pages = Page.objects.live().public().type(*models).order_by("-path")
    by_type = {page.content_type_id: page for page in pages}  # ordered by descending path: the first one wins
    return {model: by_type.get(ContentType.objects.get_for_model(model).pk) for model in models}


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
        TrainingIndexPage, MultilingualPage, NewsIndexPage, PublicationIndexPage, ThematiqueIndexPage
    )
    return {
        **tasks(home, request, indexes),
        "news_items": news_cards(chosen_news),
        "news_index": indexes[NewsIndexPage],
        "sessions": with_seats_left(next_sessions(timezone.localtime(), chosen_trainings or None)),
        "publication": publication,
        "publications_index": indexes[PublicationIndexPage],
        "thematiques": ThematiquePage.objects.live().public().order_by("path"),
        "thematiques_index": indexes[ThematiqueIndexPage],
    }
