"""Query helpers of the base app: which pages the public may see, at the cost of the page query alone."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


def public_q():
    """Pages outside any private section, as a filter evaluated inside the page query itself.

    A page is private when a view restriction stands on it or on one of its ancestors.
    """
    restricted_ancestor = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return ~Exists(restricted_ancestor)


class SitePageQuerySet(PageQuerySet):
    def public(self):
        """Wagtail's ``public()`` with the same result, without its extra query loading every restriction first."""
        return self.filter(public_q())


SitePageManager = PageManager.from_queryset(SitePageQuerySet)
