"""What is filed under a thématique: the latest items of each kind, with a link to the full filtered list."""

from dataclasses import dataclass

from django.db.models import Min

from pages.navigation import public_q

LATEST = 4


@dataclass
class FacetGroup:
    key: str
    title: str
    items: list
    more_url: str = ""
    more_label: str = ""


def index_urls(models, request):
    """The URL of the live index page of each model, found in one query."""
    from wagtail.models import Page

    pages = Page.objects.live().type(*models).only("id", "url_path", "content_type")
    urls = {}
    for page in pages:
        urls.setdefault(page.specific_class, page.get_url(request))
    return urls


def filtered(urls, model, theme):
    url = urls.get(model)
    return f"{url}?thematique={theme.slug}" if url else ""


def items_filed_under(theme, request):
    from news.models import NewsIndexPage, NewsPage
    from pages.models import StandardPage
    from publications.models import PublicationIndexPage, PublicationPage
    from trainings import clock
    from trainings.models import TrainingIndexPage, TrainingPage, upcoming_q

    visible = public_q()
    now = clock.now()
    news = list(
        NewsPage.objects.live()
        .filter(visible, thematiques=theme)
        .defer_streamfields()
        .order_by("-published_on", "-pk")[:LATEST]
    )
    trainings = list(
        TrainingPage.objects.live()
        .filter(visible, thematiques=theme)
        .defer_streamfields()
        .annotate(next_date=Min("sessions__date", filter=upcoming_q(now)))
        .filter(next_date__isnull=False)
        .order_by("next_date", "title")[:LATEST]
    )
    publications = list(
        PublicationPage.objects.live()
        .filter(visible, thematiques=theme)
        .select_related("publication_type")
        .order_by("-year", "title")[:LATEST]
    )
    pages = list(StandardPage.objects.live().filter(visible, thematiques=theme).defer_streamfields().order_by("path"))
    urls = index_urls([NewsIndexPage, TrainingIndexPage, PublicationIndexPage], request)
    groups = [
        FacetGroup(
            "news", "Actualités", news, filtered(urls, NewsIndexPage, theme), "Toutes les actualités sur ce thème"
        ),
        FacetGroup(
            "trainings",
            "Prochaines formations",
            trainings,
            filtered(urls, TrainingIndexPage, theme),
            "Toutes les formations sur ce thème",
        ),
        FacetGroup(
            "publications",
            "Publications",
            publications,
            filtered(urls, PublicationIndexPage, theme),
            "Toutes les publications sur ce thème",
        ),
        FacetGroup("pages", "Pages", pages),
    ]
    return [group for group in groups if group.items]
