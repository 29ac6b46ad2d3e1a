"""RSS 2.0 and Atom feeds of the news index, optionally for one thématique."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from pages.models import SiteIdentity


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "fr-be"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        theme, items = self.index_page.feed_items(request)
        return {"theme": theme, "items": items, "identity": SiteIdentity.for_request(request)}

    def title(self, obj):
        parts = [self.index_page.title, obj["identity"].site_name, obj["theme"].title if obj["theme"] else ""]
        return " – ".join(part for part in parts if part)

    def link(self, obj):
        return self.index_page.get_full_url(self.request)

    def description(self, obj):
        if self.index_page.intro:
            return self.index_page.intro
        author = obj["identity"].short_name or obj["identity"].site_name
        return f"Les actualités du secteur de l'intégration, par {author}." if author else "Les actualités du secteur."

    def items(self, obj):
        return obj["items"]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.published_on, time(9, 0)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [theme.title for theme in item.ordered_thematiques()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
