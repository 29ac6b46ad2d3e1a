"""The home page's blocks: what editors chose, or the latest items when they chose nothing."""

from django.db.models import Prefetch
from wagtail.images.models import Rendition

from .navigation import public_q

HOME_ITEMS = 3


def latest_news(request, limit=HOME_ITEMS):
    from news.models import NewsPage

    return list(
        NewsPage.objects.live()
        .filter(public_q(request))
        .defer_streamfields()
        .select_related("image")
        .prefetch_related(Prefetch("image__renditions", queryset=Rendition.objects.all()))
        .order_by("-published_on", "-pk")[:limit]
    )


def next_sessions(request, now, trainings=None, limit=HOME_ITEMS):
    """The next sessions: one per chosen training, or the next ``limit`` sessions of all live trainings."""
    from trainings.models import TrainingPage, TrainingSession, upcoming_q

    sessions = (
        TrainingSession.objects.filter(upcoming_q(now, prefix="")).select_related("page").order_by("date", "starts_at")
    )
    if trainings is None:
        live = TrainingPage.objects.live().filter(public_q(request)).values("pk")
        return list(sessions.filter(page__in=live)[:limit])
    live_ids = [training.pk for training in trainings if training.live]
    first_by_training = {}
    for session in sessions.filter(page__in=live_ids):
        first_by_training.setdefault(session.page_id, session)
    return [first_by_training[pk] for pk in live_ids if pk in first_by_training]


def latest_publication(request):
    from publications.models import PublicationPage

    return (
        PublicationPage.objects.live()
        .filter(public_q(request))
        .select_related("publication_type", "cover")
        .order_by("-year", "-first_published_at")
        .first()
    )


def home_blocks(home, request):
    from thematiques.models import ThematiquePage
    from trainings import clock

    chosen_news = [block.value for block in home.featured_news if block.value and block.value.live]
    chosen_trainings = [block.value for block in home.featured_trainings if block.value]
    publication = home.featured_publication
    if publication is None or not publication.live:
        publication = latest_publication(request)
    return {
        "quick_links": [block.value for block in home.quick_links],
        "news_items": [item.specific for item in chosen_news] or latest_news(request),
        "sessions": next_sessions(request, clock.now(), chosen_trainings or None),
        "publication": publication,
        "thematiques": ThematiquePage.objects.live().filter(public_q(request)).order_by("path"),
    }
