"""What every page shows in its frame, read once per version of the content rather than once per request: the main
menu's pages, the site identity and contact details (header and footer), the footer's partners.

``remembered(name, compute)`` returns ``compute()``, kept by the store the page cache registers at start-up
(``pagecache.store.remembered_data``): in the page cache's own cache (files shared by the workers, or Redis),
under the current generation, so that the same content changes that clear the cached pages (``pagecache.signals``)
make these be read again. Without a store (the page cache off: tests, development), ``compute()`` runs every time.
It spares every page that is not in the page cache (a list with a new filter, a form page, the search, an editor's
visit) the same four queries; ``compute`` must return plain data or model instances that pickle.
"""

_store = None


def use_store(store):
    """Set the function ``store(name, compute)`` that keeps values (``None``: none)."""
    global _store
    _store = store


def remembered(name, compute):
    if _store is None:
        return compute()
    return _store(name, compute)


class RememberedSiteSetting:
    """A mixin for Wagtail's ``BaseSiteSetting``: ``for_site`` remembered (``Setting.for_request`` calls it once
    per request, through Wagtail's ``settings`` context processor)."""

    @classmethod
    def for_site(cls, site):
        if site is None:
            return super().for_site(site)
        return remembered(
            f"setting:{cls._meta.label}:{site.pk}", lambda: super(RememberedSiteSetting, cls).for_site(site)
        )
