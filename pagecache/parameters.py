"""The query parameters a cached page may carry: ``page`` and the filters of every public list.

Any other parameter (a tracking tag, a typo, a random value meant to get past the cache) is answered without the
cache and not stored, so junk URLs cannot push real pages out of it. The filters are read from the lists' filter
sets (every subclass of ``pages.listing.ListingFilterSet``), so a new filter is cached without a change here.
"""

import functools

from django.conf import settings

from pages.listing import ListingFilterSet


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


@functools.cache
def allowed_parameters():
    names = {"page", *settings.PAGE_CACHE_EXTRA_PARAMETERS}
    for filterset in _subclasses(ListingFilterSet):
        names.update(filterset.base_filters)
    return frozenset(names)
