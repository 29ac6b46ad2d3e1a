"""Wagtail hooks of the editorial app: each capability registers its hooks in its own module, imported here."""
