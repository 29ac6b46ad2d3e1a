"""RSS 2.0 and Atom feeds of the news index, optionally for one thématique."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "fr-be"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        theme, items = self.index_page.feed_items(request)
        return {"theme": theme, "items": items}

    def title(self, obj):
        base = f"{self.index_page.title} – Centre d'action interculturelle de la province de Namur"
        return f"{base} – {obj['theme'].title}" if obj["theme"] else base

    def link(self, obj):
        return self.index_page.get_full_url(self.request)

    def description(self, obj):
        return self.index_page.intro or "Les actualités du secteur de l'intégration, par le CAI."

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
