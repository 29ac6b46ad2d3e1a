"""Routing a URL to a page in one query, with Wagtail's precedence kept.

Wagtail's stock routing walks the tree one query per level. ``route_in_one_query`` fetches every page on the
requested path at once, then walks the same way Wagtail would: a page that routes its own sub-URLs (a
``RoutablePageMixin`` page's feeds, calendar or archive) answers them before any child with the same slug.
"""

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def has_sub_route(page_class, remaining):
    """Whether a routable page type has a route of its own for the path ``remaining``."""
    if not issubclass(page_class, RoutablePageMixin):
        return False
    try:
        page_class.get_resolver().resolve("/" + "/".join(remaining) + "/")
    except Http404:
        return False
    return True


def owns_route(page_class, page, remaining):
    """Whether ``page`` answers ``remaining`` itself instead of passing it to a child, as Wagtail decides."""
    if page_class.route is Page.route:
        return False
    if not issubclass(page_class, RoutablePageMixin):
        return True  # a custom route: let it decide everything below it
    return page.live and has_sub_route(page_class, remaining)


def reserved_by_parent(parent, slug):
    """Whether a child slugged ``slug`` would be hidden by one of ``parent``'s own routes (a feed, a calendar…)."""
    parent_class = parent.specific_class
    return parent_class is not None and has_sub_route(parent_class, [slug])


def route_in_one_query(root, request, path_components):
    """The ``RouteResult`` for ``path_components`` below ``root``; raises Http404 when nothing answers."""
    prefixes = [root.url_path + "/".join(path_components[:end]) + "/" for end in range(1, len(path_components) + 1)]
    by_url_path = {page.url_path: page for page in Page.objects.descendant_of(root).filter(url_path__in=prefixes)}
    deepest = None
    for consumed, prefix in enumerate(prefixes, start=1):
        page = by_url_path.get(prefix)
        if page is None:
            break
        remaining = path_components[consumed:]
        page_class = page.specific_class
        if page_class is None:  # a page whose model no longer exists: nothing below it can be served
            raise Http404
        if remaining and owns_route(page_class, page, remaining):
            return page.specific.route(request, remaining)
        deepest = (page, remaining)
    if deepest is None:
        raise Http404
    page, remaining = deepest
    return page.specific.route(request, remaining)
