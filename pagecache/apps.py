from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Cache des pages"

    def ready(self):
        from pages import sitewide

        from . import signals, store

        signals.connect()
        sitewide.use_store(store.remembered_data)
