"""The page cache: anonymous pages served whole without a query, editors and forms never from it, every change
seen by the next visitor, time-dependent content expiring on time, headers for a CDN, a cache that fails."""

import contextlib
import datetime
import http.server
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from contact.models import ContactDetails
from directory.factories import DirectoryEntryFactory
from news.factories import NewsPageFactory
from news.models import NewsIndexPage
from offices.models import OfficePage, OpeningSlot
from pagecache import signals, store
from pagecache.middleware import HEADER
from pages.factories import ImageFactory
from pages.models import SiteIdentity, Sponsor, StandardPage
from publications.factories import PublicationPageFactory
from thematiques.factories import theme
from trainings.factories import RegistrationFactory, TrainingPageFactory, TrainingSessionFactory
from trainings.models import RegistrationMode

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(tmp_path):
    """The page cache on, in a file-based cache of its own (the embedded default)."""
    caches = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "pagecache.backends.UncompressedFileBasedCache", "LOCATION": str(tmp_path)},
    }
    with override_settings(PAGE_CACHE_SECONDS=3600, CACHES=caches):
        yield store.page_cache()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed: the cache is cleared on commit. The test's own transaction
    never commits, so what ran is taken off the pending list, as a commit would."""

    @contextlib.contextmanager
    def commit():
        with django_capture_on_commit_callbacks(execute=True):
            yield
        connection.run_on_commit = [entry for entry in connection.run_on_commit if entry[1] is not signals._clear_now]

    return commit


def get(client, url, **extra):
    response = client.get(url, **extra)
    return response, response.get(HEADER)


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


NEWS_INDEX = "/ressources/actus-du-secteur/"
HISTORY = "/presentation/qui-sommes-nous/histoire-du-centre/"


@pytest.mark.parametrize(
    "url",
    ["/", HISTORY, NEWS_INDEX, NEWS_INDEX + "?thematique=sante", NEWS_INDEX + "rss/", "/sitemap.xml", "/robots.txt"],
)
def test_a_second_anonymous_visit_is_served_from_the_cache_without_a_query(client, page_cache, url):
    first, state = get(client, url)
    assert first.status_code == 200 and state == "miss"
    second, count = queries_of(client, url)
    assert second.status_code == 200 and second[HEADER] == "hit"
    assert count == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Content-Security-Policy" in second  # the security headers are added to hits too


def test_every_live_page_type_is_cached_after_one_visit_unless_it_shows_a_form(client, page_cache):
    """Rendering a page writes nothing that clears the cache (renditions, embeds, search logs): the second visit
    of every page type is a hit. Only pages with a form (CSRF token) are left out, and they say no-store."""
    NewsPageFactory(image=ImageFactory())
    TrainingPageFactory(registration_mode=RegistrationMode.NONE)
    PublicationPageFactory(cover=ImageFactory())
    seen, left_out = set(), set()
    for page in Page.objects.live().public().exclude(depth=1).specific().order_by("path"):
        name = type(page).__name__
        if name in seen:
            continue
        seen.add(name)
        url = page.get_url()
        first, state = get(client, url)
        assert first.status_code == 200, url
        if state is None:
            left_out.add(name)
            assert "no-store" in first["Cache-Control"], url
            continue
        assert state == "miss", url
        assert get(client, url)[1] == "hit", url
    assert left_out == {"ContactFormPage"}
    assert len(seen) == 21


def test_the_search_a_form_page_and_unknown_parameters_are_never_stored(client, page_cache, page_at):
    form_page = Page.objects.filter(content_type__model="contactformpage").get().url
    for url in ["/recherche/?q=formation", form_page, "/?reference=lettre", NEWS_INDEX + "?_bench=1"]:
        client.get(url)
        response = client.get(url)
        assert response.get(HEADER) is None, url
    assert "csrftoken" in client.cookies  # the form page set it: pages without a form are still served cached
    assert get(client, "/")[1] == "miss" and get(client, "/")[1] == "hit"


def test_a_newsletters_tracking_tags_get_the_cached_page(client, page_cache):
    get(client, "/")
    response, state = get(client, "/?utm_source=lettre&utm_medium=email&utm_campaign=decembre")
    assert state == "hit"
    assert get(client, NEWS_INDEX + "?thematique=sante&fbclid=abc")[1] == "miss"  # the filter's own page
    assert get(client, NEWS_INDEX + "?fbclid=def&thematique=sante")[1] == "hit"


def test_a_training_with_its_registration_form_is_left_out(client, page_cache):
    training = TrainingPageFactory(registration_mode=RegistrationMode.ON_REQUEST, capacity=10)
    for _ in range(2):
        response, state = get(client, training.url)
        assert response.status_code == 200 and state is None
        assert "no-store" in response["Cache-Control"]


def test_a_signed_in_editor_always_gets_a_fresh_private_page(client, page_cache, admin_user):
    get(client, "/")
    client.force_login(admin_user)
    response, state = get(client, "/")
    assert state is None
    assert "private" in response["Cache-Control"]
    assert b"wagtail-userbar" in response.content  # the editor's own page, with the userbar


def test_a_visitor_with_a_message_to_read_gets_a_fresh_page(client, page_cache):
    get(client, "/")
    client.cookies["messages"] = "x"
    assert get(client, "/")[1] is None


def test_a_password_protected_page_is_never_served_from_the_cache(client, page_cache, page_at):
    history = page_at(HISTORY)
    PageViewRestriction.objects.create(page=history, restriction_type="password", password="secret")
    for _ in range(2):
        response, state = get(client, HISTORY)
        assert state is None and "mot de passe" in response.content.decode().lower()


def test_headers_fit_a_cdn_and_a_browser_revalidates_for_free(client, page_cache):
    first, _ = get(client, "/")
    directives = {part.strip() for part in first["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=300", "stale-while-revalidate=60"} <= directives
    etag = first["ETag"]
    second, _ = get(client, "/")
    assert second["ETag"] == etag
    not_modified, count = None, None
    with CaptureQueriesContext(connection) as queries:
        not_modified = client.get("/", HTTP_IF_NONE_MATCH=etag)
    count = len(queries)
    assert not_modified.status_code == 304 and not_modified.content == b"" and count == 0


# Every path that changes public content: the next anonymous GET shows the change. -----------------------------


def cached(client, url):
    """Visit ``url`` twice: it is in the cache."""
    client.get(url)
    assert client.get(url)[HEADER] == "hit", url


def fresh(client, url):
    response = client.get(url)
    assert response[HEADER] == "miss", url
    return response.content.decode()


def test_publishing_shows_at_once_on_the_page_its_index_and_the_home_page(client, page_cache, committed):
    with committed():
        news = NewsPageFactory(title="Première version")
    for url in (news.url, NEWS_INDEX, "/"):
        cached(client, url)
    with committed():
        news.title = "Titre corrigé après relecture"
        news.save_revision().publish()
    for url in (news.url, NEWS_INDEX, "/"):
        assert "Titre corrigé après relecture" in fresh(client, url), url


def test_unpublishing_moving_and_deleting_reach_the_next_visitor(client, page_cache, committed, page_at):
    with committed():
        news = NewsPageFactory(title="Actualité à retirer")
    cached(client, NEWS_INDEX)
    with committed():
        news.unpublish()
    assert "Actualité à retirer" not in fresh(client, NEWS_INDEX)

    with committed():
        page = StandardPage(title="Page déplacée", slug="page-deplacee", intro="Une introduction.")
        page_at("/presentation/").add_child(instance=page)
        page.save_revision().publish()
    cached(client, "/presentation/page-deplacee/")
    with committed():
        page.move(page_at("/contact/"), pos="last-child")
    moved = client.get("/presentation/page-deplacee/")  # Wagtail's automatic redirect to the new address
    assert moved.status_code == 301 and moved["Location"] == "/contact/page-deplacee/"
    assert client.get("/contact/page-deplacee/").status_code == 200

    cached(client, "/contact/page-deplacee/")
    with committed():
        Page.objects.get(pk=page.pk).delete()
    assert client.get("/contact/page-deplacee/").status_code == 404


def test_scheduled_publishing_reaches_the_next_visitor(client, page_cache, committed):
    with committed():
        news = NewsPageFactory.build(title="Publiée à l'heure dite", slug="publiee-a-l-heure-dite", live=False)
        NewsIndexPage.objects.get().add_child(instance=news)
        news.go_live_at = timezone.now() + datetime.timedelta(minutes=5)
        news.save_revision().publish()
    cached(client, NEWS_INDEX)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6)), committed():
        call_command("publish_scheduled")
    assert "Publiée à l&#x27;heure dite" in fresh(client, NEWS_INDEX)


def test_a_revision_approved_in_review_reaches_the_next_visitor(client, page_cache, committed, page_at, admin_user):
    history = page_at(HISTORY)
    cached(client, HISTORY)
    history.intro = "Une introduction approuvée en relecture."
    history.save_revision(user=admin_user)
    workflow_state = history.get_workflow().start(history, admin_user)
    task_state = workflow_state.current_task_state
    with committed():
        task_state.task.specific.on_action(task_state, admin_user, "approve")
    assert "Une introduction approuvée en relecture." in fresh(client, HISTORY)


def a_setting_change_reaches(client, committed, setting, field, value):
    cached(client, HISTORY)
    with committed():
        setattr(setting, field, value)
        setting.save()
    assert value in fresh(client, HISTORY)


def test_settings_and_snippets_reach_every_page(client, page_cache, committed, site):
    a_setting_change_reaches(client, committed, ContactDetails.for_site(site), "email", "accueil-nouveau@cai.example")

    cached(client, HISTORY)
    with committed():
        Sponsor.objects.create(name="Partenaire ajouté pour le test")
    assert "Partenaire ajouté pour le test" in fresh(client, HISTORY)


def test_the_directory_and_the_site_identity_reach_their_pages(client, page_cache, committed, site):
    directory = Page.objects.live().get(content_type__model="directorypage").url
    cached(client, directory)
    with committed():
        entry = DirectoryEntryFactory(name="Service ajouté au répertoire")
    assert "Service ajouté au répertoire" in fresh(client, directory)
    housing = directory + "?thematique=logement"
    cached(client, housing)
    assert "Service ajouté au répertoire" not in client.get(housing).content.decode()
    with committed():
        entry.thematiques.add(theme("logement"))  # a many-to-many change, saved without the entry itself
    assert "Service ajouté au répertoire" in fresh(client, housing)

    identity = SiteIdentity.for_site(site)
    a_setting_change_reaches(client, committed, identity, "tagline", "Une devise changée dans les paramètres")


def test_an_offices_hours_reach_its_page(client, page_cache, committed):
    office = OfficePage.objects.live().first()
    cached(client, office.url)
    with committed():
        OpeningSlot.objects.create(office=office, weekday=0, opens=datetime.time(9), closes=datetime.time(17, 45))
    assert "17:45" in fresh(client, office.url) or "17h45" in fresh(client, office.url)


def test_a_registration_changes_the_seats_left_on_the_home_page(client, page_cache, committed):
    with committed():
        training = TrainingPageFactory(
            title="Formation aux places comptées",
            registration_mode=RegistrationMode.ON_REQUEST,
            capacity=5,
            sessions=[TrainingSessionFactory.build(date=timezone.localdate() + datetime.timedelta(days=2))],
        )
    before = fresh(client, "/")
    assert "Formation aux places comptées" in before and "5 places restantes" in before
    cached(client, "/")
    with committed():
        RegistrationFactory(training=training)
    after = fresh(client, "/")
    assert "4 places restantes" in after and "5 places restantes" not in after


def test_a_clearing_inside_a_transaction_waits_for_the_commit(
    client, page_cache, committed, django_capture_on_commit_callbacks
):
    with committed():
        news = NewsPageFactory(title="Avant la validation")
    cached(client, NEWS_INDEX)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        news.title = "Après la validation"
        news.save_revision().publish()
        assert client.get(NEWS_INDEX)[HEADER] == "hit"  # not committed yet: the cached page stays
    assert len(callbacks) == 1  # one clearing per transaction, however many changes it holds
    callbacks[0]()
    assert "Après la validation" in fresh(client, NEWS_INDEX)


def test_drafts_renditions_and_searches_do_not_clear_the_cache(client, page_cache, page_at):
    cached(client, HISTORY)
    history = page_at(HISTORY)
    history.intro = "Un brouillon"
    history.save_revision()  # a draft: nothing public changed
    client.get("/recherche/?q=formation")  # counted in the search reports
    assert client.get(HISTORY)[HEADER] == "hit"


# Time ------------------------------------------------------------------------------------------------------------


def test_a_session_that_ends_leaves_the_cached_pages_when_it_ends(client, page_cache):
    now = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    with time_machine.travel(now, tick=False):
        TrainingPageFactory(
            title="Atelier du matin",
            sessions=[
                TrainingSessionFactory.build(date=now.date(), starts_at=datetime.time(9), ends_at=datetime.time(11))
            ],
        )
        assert "Atelier du matin" in fresh(client, "/")
        assert client.get("/")[HEADER] == "hit"
    with time_machine.travel(now + datetime.timedelta(minutes=59), tick=False):
        assert client.get("/")[HEADER] == "hit"
    with time_machine.travel(now + datetime.timedelta(hours=1, seconds=1), tick=False):
        assert "Atelier du matin" not in fresh(client, "/")


def test_pages_expire_at_midnight_when_nothing_else_comes_first(client, page_cache):
    evening = timezone.localtime().replace(hour=23, minute=50, second=0, microsecond=0)
    with time_machine.travel(evening, tick=False):
        fresh(client, HISTORY)
        response = client.get(HISTORY)
        assert response[HEADER] == "hit" and "s-maxage=300" in response["Cache-Control"]
    with time_machine.travel(evening + datetime.timedelta(minutes=8), tick=False):
        assert "s-maxage=120" in client.get(HISTORY)["Cache-Control"]  # what is left until midnight
    with time_machine.travel(evening + datetime.timedelta(minutes=10, seconds=1), tick=False):
        fresh(client, HISTORY)


# The cache's backends --------------------------------------------------------------------------------------------


def test_a_cache_that_does_not_answer_never_fails_a_page(client, caplog):
    caches = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    with override_settings(PAGE_CACHE_SECONDS=3600, CACHES=caches):
        for _ in range(2):
            response = client.get("/")
            assert response.status_code == 200 and response.get(HEADER) is None
    assert "Page cache unavailable" in caplog.text


def redis_reachable():
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_reachable(), reason="Redis n'écoute pas sur 127.0.0.1:6379 (machine sans Redis)")
def test_with_redis_a_hit_costs_no_query_and_publishing_clears_it(client, committed):
    caches = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/11",
            "KEY_PREFIX": f"pagecache-test-{id(client)}",
        },
    }
    with override_settings(PAGE_CACHE_SECONDS=3600, CACHES=caches):
        with committed():
            news = NewsPageFactory(title="Dans Redis")
        cached(client, NEWS_INDEX)
        assert queries_of(client, NEWS_INDEX)[1] == 0
        with committed():
            news.title = "Corrigée dans Redis"
            news.save_revision().publish()
        assert "Corrigée dans Redis" in fresh(client, NEWS_INDEX)
        store.page_cache().clear()


# A front cache (Varnish, a CDN) ------------------------------------------------------------------------------


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    purged = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.purged.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_change_purges_the_front_cache_when_one_is_configured(client, page_cache, committed):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    PurgeRecorder.purged = []
    front = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    try:
        with override_settings(WAGTAILFRONTENDCACHE=front), committed():
            Sponsor.objects.create(name="Partenaire du pied de page")
    finally:
        server.shutdown()
    assert "/" in PurgeRecorder.purged
    assert HISTORY in PurgeRecorder.purged
    assert NEWS_INDEX + "rss/" in PurgeRecorder.purged  # a routable page's own addresses too


# The frame's data (pages.sitewide): kept with the cached pages, for pages that are not -------------------------


def test_a_page_left_out_of_the_cache_reads_the_frames_data_once_per_change(client, page_cache, committed, site):
    url = "/recherche/?q=formation"  # never cached: counted for the reports
    client.get(url)
    first = queries_of(client, url)[1]
    with page_cache_off():
        full = queries_of(client, url)[1]
    assert first == full - 4  # the menu, the site identity, the contact details and the footer's partners

    details = ContactDetails.for_site(site)
    with committed():
        details.email = "nouvelle-adresse@cai.example"
        details.save()
    assert "nouvelle-adresse@cai.example" in client.get(url).content.decode()
    with committed():
        page = StandardPage(
            title="Rubrique du menu ajoutée", slug="rubrique-ajoutee", intro="Intro.", show_in_menus=True
        )
        site.root_page.add_child(instance=page)
        page.save_revision().publish()
    assert "Rubrique du menu ajoutée" in client.get(url).content.decode()
    with committed():
        Sponsor.objects.create(name="Partenaire vu sans cache de page")
    assert "Partenaire vu sans cache de page" in client.get(url).content.decode()


@contextlib.contextmanager
def page_cache_off():
    with override_settings(PAGE_CACHE_SECONDS=0):
        yield
