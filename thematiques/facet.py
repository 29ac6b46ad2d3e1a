"""What is filed under a thématique: the latest items of each registered kind, with a link to the full list."""

from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import Page

from .registry import registered_kinds

LATEST = 4


@dataclass
class FacetGroup:
    key: str
    title: str
    items: list
    item_template: str
    more_url: str = ""
    more_label: str = ""


def index_urls(models, request):
    """The URL of the live index page of each model, found in one query."""
    if not models:
        return {}
    pages = Page.objects.live().type(*models).only("id", "url_path", "content_type")
    urls = {}
    for page in pages:
        urls.setdefault(page.specific_class, page.get_url(request))
    return urls


def items_filed_under(theme, request):
    """One group per kind with items filed under ``theme``, in the registry's order; empty kinds are left out."""
    kinds = registered_kinds()
    now = timezone.localtime()
    urls = index_urls([kind.index_model for kind in kinds if kind.index_model is not None], request)
    groups = []
    for kind in kinds:
        items = list(kind.latest(theme, now))
        if not items:
            continue
        url = urls.get(kind.index_model)
        groups.append(
            FacetGroup(
                key=kind.key,
                title=kind.title,
                items=items,
                item_template=kind.item_template,
                more_url=f"{url}?thematique={theme.slug}" if url else "",
                more_label=kind.more_label if url else "",
            )
        )
    return groups
