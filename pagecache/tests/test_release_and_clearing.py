"""Cached pages belong to a release of the code (a deploy never serves the previous markup), and the cache can be
cleared by hand; ``restore``, whose content reaches the database without signals, clears it."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from pagecache import release as release_module
from pagecache import store
from pagecache.middleware import HEADER
from pagecache.tests.test_page_cache import page_cache  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db
HISTORY = "/presentation/qui-sommes-nous/histoire-du-centre/"


def visits(client, url, times=2):
    return [client.get(url)[HEADER] for _ in range(times)]


def test_the_code_digest_follows_the_templates_and_the_python_files(tmp_path):
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("<h1>{{ page.title }}</h1>")
    (tmp_path / "views.py").write_text("X = 1\n")
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "upload.json").write_text("{}")
    with override_settings(STATIC_ROOT=tmp_path / "static"):
        before = release_module.code_digest(tmp_path)
        (tmp_path / "media" / "upload.json").write_text('{"a": 1}')  # uploads are not code
        assert release_module.code_digest(tmp_path) == before
        template.write_text("<h1 class='titre'>{{ page.title }}</h1>")
        assert release_module.code_digest(tmp_path) != before


def test_a_named_release_wins_over_the_digest(monkeypatch):
    release_module.release.cache_clear()
    monkeypatch.setenv("DJANGO_RELEASE", "2026-11-30-a")
    try:
        assert release_module.release() == "2026-11-30-a"
    finally:
        release_module.release.cache_clear()


def test_a_new_release_does_not_serve_the_previous_releases_pages(client, page_cache, monkeypatch):  # noqa: F811
    assert visits(client, HISTORY) == ["miss", "hit"]
    monkeypatch.setattr("pagecache.middleware.release", lambda: "nouvelle-version")
    assert visits(client, HISTORY) == ["miss", "hit"]


def test_clear_page_cache_forgets_every_page(client, page_cache, capsys):  # noqa: F811
    assert visits(client, HISTORY) == ["miss", "hit"]
    call_command("clear_page_cache")
    assert "Cache des pages vidé" in capsys.readouterr().out
    assert visits(client, HISTORY) == ["miss", "hit"]


def test_restore_clears_the_page_cache(client, page_cache, monkeypatch):  # noqa: F811
    monkeypatch.setattr("ops.management.commands.restore.restore_archive", lambda *args, **kwargs: None)
    visits(client, HISTORY)
    generation = store.page_cache().get(store.GENERATION_KEY)
    call_command("restore", "cai-sauvegarde-20261130-000000.tar.gz", interactive=False)
    assert store.page_cache().get(store.GENERATION_KEY) != generation
    assert client.get(HISTORY)[HEADER] == "miss"
