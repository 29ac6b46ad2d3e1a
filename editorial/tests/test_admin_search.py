"""The admin's page search finds pages by their note for editors; the public search never does.

The note is an ``AutocompleteField`` of the base page: Wagtail's admin page search (``autocomplete()``) reads it,
the public search (``search()`` and its fuzzy fallback) reads the ``SearchField`` texts only.

On SQLite the test database is built without migrations: in place of the FTS5 table that Wagtail's migration creates,
it holds a plain table of that name, where a full-text query fails. The ``full_text_index`` fixture replaces it with
the migration's own SQL (in the test's transaction, rolled back after it). PostgreSQL runs need
``--migrations`` (``DATABASE_URL=postgres://… pytest editorial/tests/test_admin_search.py --migrations``).
"""

import importlib

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations import RunSQL, SeparateDatabaseAndState
from wagtail.search.models import IndexEntry

from pages.models import StandardPage

OFFICES = "/contact/bureau-daccueil/"
NOTE_ONLY_WORD = "Beauraing"  # in the seeded note of the offices' page, in no text visitors read


@pytest.fixture
def full_text_index(db):
    """SQLite: Wagtail's FTS5 table and its triggers (from its own migration), filled from the index entries."""
    if connection.vendor != "sqlite":
        return
    migration = importlib.import_module("wagtail.search.migrations.0006_customise_indexentry").Migration
    statements = [
        operation.sql
        for step in migration.operations
        if isinstance(step, SeparateDatabaseAndState)
        for operation in step.database_operations
        if isinstance(operation, RunSQL)
    ]
    assert statements, "this SQLite has no FTS5"
    table = IndexEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {table}_fts")  # the plain table Django created for the unmanaged-looking model
        for sql in statements:
            cursor.execute(sql)
        columns = "title, body, autocomplete"
        cursor.execute(f"INSERT INTO {table}_fts(rowid, {columns}) SELECT id, {columns} FROM {table}")


@pytest.fixture
def admin_search(client, full_text_index):
    client.force_login(get_user_model().objects.create_superuser("chef", "chef@example.org", "mot de passe solide"))

    def search(query):
        response = client.get("/admin/pages/search/", {"q": query})
        assert response.status_code == 200
        return response.content.decode()

    return search


def public_titles(client, query):
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [title.get_text() for title in soup.select(".search-hit__title")]


def edit_link(page):
    return f"/admin/pages/{page.pk}/edit/"


@pytest.mark.django_db
def test_the_seeded_word_is_only_in_the_note(page_at):
    offices = page_at(OFFICES)
    assert NOTE_ONLY_WORD in offices.editor_note
    visible = [offices.title, offices.intro, offices.search_description, str(offices.body.raw_data)]
    assert not any(NOTE_ONLY_WORD.lower() in text.lower() for text in visible)


@pytest.mark.django_db
def test_the_admin_search_finds_a_seeded_page_by_a_word_of_its_note(admin_search, page_at):
    html = admin_search(NOTE_ONLY_WORD)
    assert edit_link(page_at(OFFICES)) in html
    assert edit_link(page_at(OFFICES)) not in admin_search("Xylophonique")


@pytest.mark.django_db
def test_the_public_search_does_not_list_a_page_for_a_word_of_its_note(client, full_text_index, page_at):
    offices = page_at(OFFICES)
    assert public_titles(client, NOTE_ONLY_WORD) == []
    assert public_titles(client, "Beaurain") == []  # nor through fuzzy matching (PostgreSQL)
    assert offices.title in public_titles(client, "bureaux")  # the same search does find the page by its title


@pytest.mark.django_db
def test_a_note_written_in_the_admin_is_found_and_a_removed_one_no_longer(admin_search, client, page_at):
    page = StandardPage(title="Permanence sociale", intro="Une introduction.", editor_note="Vérifier le quorglub.")
    page_at("/presentation/").add_child(instance=page)
    page.save_revision().publish()
    assert edit_link(page) in admin_search("quorglub")
    assert public_titles(client, "quorglub") == []

    page.editor_note = ""
    page.save_revision().publish()
    assert edit_link(page) not in admin_search("quorglub")
    assert edit_link(page) in admin_search("Permanence")
