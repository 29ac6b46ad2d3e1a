"""The kinds of content filed under thématiques, registered by the apps that own them.

The thématiques app sits below news, trainings and publications and never imports them: each of those apps
registers its kind here from its ``AppConfig.ready()``, and a thématique page asks this registry what to list.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FacetKind:
    """A kind of item filed under thématiques.

    ``latest(theme, now)`` returns the items to list on the thématique page (already limited and ordered);
    ``index_model`` is the page type whose list can be filtered with ``?thematique=<slug>`` (or None);
    ``item_template`` renders one item of the list.
    """

    key: str
    title: str
    order: int
    latest: Any
    index_model: Any = None
    more_label: str = ""
    item_template: str = "thematiques/includes/facet_item.html"


_kinds = {}


def register(kind):
    _kinds[kind.key] = kind


def registered_kinds():
    """Every registered kind, in display order."""
    return sorted(_kinds.values(), key=lambda kind: kind.order)
