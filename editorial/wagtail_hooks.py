"""Wagtail hooks of the editorial app: each capability registers its hooks in its own module, imported here."""

from . import (
    a11y_hooks,  # noqa: F401
    collections_hooks,  # noqa: F401
    dashboard_hooks,  # noqa: F401
    french_admin,  # noqa: F401
    guide_hooks,  # noqa: F401
    roles_hooks,  # noqa: F401
)
