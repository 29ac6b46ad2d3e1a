"""The home page's sections: what editors chose, or the latest items when they chose nothing."""

from django.db.models import Prefetch
from django.utils import timezone
from wagtail.images.models import Rendition
from wagtail.models import Site

from news.models import NewsPage
from pages.navigation import menu_entries
from publications.models import PublicationPage
from thematiques.models import ThematiquePage
from trainings.models import TrainingPage, TrainingSession, upcoming_q

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


def menu_sections(home, request):
    """The top level of the main menu (already loaded for the header): the quick links' fallback."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    return [entry for entry in menu_entries(site, request) if entry.depth == home.depth + 1]


def home_sections(home, request):
    chosen_news = [block.value.pk for block in home.featured_news if block.value]
    chosen_trainings = [block.value for block in home.featured_trainings if block.value]
    publication = home.featured_publication
    if publication is None or not publication.live:
        publication = latest_publication()
    return {
        "quick_links": [block.value for block in home.quick_links],
        "menu_sections": menu_sections(home, request),
        "news_items": news_cards(chosen_news),
        "sessions": next_sessions(timezone.localtime(), chosen_trainings or None),
        "publication": publication,
        "thematiques": ThematiquePage.objects.live().public().order_by("path"),
    }
