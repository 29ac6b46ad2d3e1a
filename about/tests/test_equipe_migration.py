"""The data migration that writes the team page's title "Équipe" (issue 10) on sites seeded with "Equipe"."""

import importlib

import pytest
from django.apps import apps

from about.models import TeamPage

migration = importlib.import_module("about.migrations.0002_equipe_title_with_accent")

pytestmark = pytest.mark.django_db


def old_spelling(page, title="Equipe"):
    """The team page as an older seed left it: published and drafted as ``title``."""
    page.title = page.draft_title = title
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_the_seed_titles_the_team_page_with_its_accent():
    assert TeamPage.objects.get().title == "Équipe"


def test_the_migration_adds_the_accent_to_title_draft_title_and_latest_revision_and_can_run_twice():
    page = old_spelling(TeamPage.objects.get())
    for _ in range(2):
        migration.add_accent(apps, None)
        page.refresh_from_db()
        assert (page.title, page.draft_title) == ("Équipe", "Équipe")
        assert page.latest_revision.content["title"] == "Équipe"
        assert page.slug == "equipe"


def test_the_migration_leaves_a_title_staff_chose_alone():
    page = old_spelling(TeamPage.objects.get(), title="Notre équipe")
    migration.add_accent(apps, None)
    page.refresh_from_db()
    assert (page.title, page.draft_title) == ("Notre équipe", "Notre équipe")
