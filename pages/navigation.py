"""The main menu, built from the page tree.

``build_menu`` is a pure function over plain page records, tested without a database; ``menu_for`` fetches
those records for a site in one query (plus Wagtail's single view-restriction lookup), whatever the size of
the tree.
"""

from dataclasses import dataclass, field

from wagtail.models import Page

from . import sitewide
from .queries import public_q

MENU_DEPTH = 2  # the home page's children, and their children
STEPLEN = Page.steplen  # characters of a tree path per level (treebeard)


@dataclass
class MenuEntry:
    """A page as the menu needs it."""

    id: int
    title: str
    url: str
    path: str
    depth: int


@dataclass
class MenuItem:
    title: str
    url: str
    path: str
    children: list = field(default_factory=list)
    is_current: bool = False
    is_ancestor: bool = False

    @property
    def dom_id(self):
        """A stable, unique HTML id for the item's dropdown."""
        return f"sous-menu-{self.path}"


def build_menu(home, entries, current_path=None):
    """Arrange menu entries (in tree order) under the home entry.

    The home page comes first, then its children in tree order, each with its own children. Entries deeper
    than the menu, or whose parent is not in the menu, are left out. ``current_path`` is the tree path of the
    page being viewed: its item is marked current and the items above it ancestors.
    """

    def mark(item):
        if current_path is None:
            return item
        item.is_current = item.path == current_path
        item.is_ancestor = not item.is_current and current_path.startswith(item.path)
        return item

    home_item = MenuItem(title=home.title, url=home.url, path=home.path)
    home_item.is_current = current_path == home.path
    items = [home_item]
    by_path = {}
    for entry in sorted(entries, key=lambda e: e.path):
        level = entry.depth - home.depth
        if level == 1:
            item = mark(MenuItem(title=entry.title, url=entry.url, path=entry.path))
            items.append(item)
            by_path[entry.path] = item
        elif level == 2:
            parent = by_path.get(entry.path[:-STEPLEN])
            if parent is not None:
                parent.children.append(mark(MenuItem(title=entry.title, url=entry.url, path=entry.path)))
    return items


def ancestor_paths(page_path, home_path):
    """Tree paths of a page's ancestors from the home page down to its parent."""
    return [page_path[:end] for end in range(len(home_path), len(page_path), STEPLEN)]


def entry_for(page, home):
    """A menu entry for a page of ``home``'s site; its URL is derived from the URL path, without a query."""
    return entry_from_row((page.id, page.title, page.url_path, page.path, page.depth), home)


ENTRY_FIELDS = ("id", "title", "url_path", "path", "depth")


def entry_from_row(row, home):
    """A menu entry from a ``values_list(*ENTRY_FIELDS)`` row: plain values, no page instance to build."""
    page_id, title, url_path, path, depth = row
    return MenuEntry(page_id, title, "/" + url_path[len(home.url_path) :], path, depth)


def menu_entries(site, request=None):
    """The live, public pages of the menu, in tree order: one query, kept for the rest of the request, and for
    later requests until the content changes (``pages.sitewide``)."""
    cached = getattr(request, "_cai_menu_entries", None)
    if cached is not None:
        return cached
    home = site.root_page

    def rows():
        pages = (
            Page.objects.descendant_of(home)
            .filter(depth__lte=home.depth + MENU_DEPTH)
            .live()
            .in_menu()
            .filter(public_q())
            .order_by("path")
        )
        return list(pages.values_list(*ENTRY_FIELDS))

    entries = [entry_from_row(row, home) for row in sitewide.remembered(f"menu:{site.pk}", rows)]
    if request is not None:
        request._cai_menu_entries = entries
    return entries


def menu_for(site, request=None, current_page=None):
    """The main menu of ``site``, marked for ``current_page``."""
    home = site.root_page
    current_path = current_page.path if current_page is not None else None
    return build_menu(entry_for(home, home), menu_entries(site, request), current_path)


def breadcrumbs_for(site, page, request=None):
    """The pages above ``page``, from the home page down: taken from the menu, queried only when missing."""
    home = site.root_page
    known = {entry.path: entry for entry in menu_entries(site, request)}
    known[home.path] = entry_for(home, home)
    paths = ancestor_paths(page.path, home.path)
    missing = [path for path in paths if path not in known]
    if missing:
        for row in Page.objects.filter(path__in=missing).values_list(*ENTRY_FIELDS):
            entry = entry_from_row(row, home)
            known[entry.path] = entry
    return [known[path] for path in paths if path in known]
