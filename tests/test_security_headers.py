"""Security headers on every kind of response: a page, a static file (whitenoise), a media file, a document, the
admin, the 400 and 404 pages. The public Content-Security-Policy allows no inline code and carries no nonce; the
admin's allows Wagtail's inline code on its own address only; frame-ancestors follows X-Frame-Options; an uploaded
SVG and a document keep their own, stricter policy. HSTS is on only in production with its variable, and
``check --deploy`` has nothing to say then.
"""

import os
import secrets
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.images import get_image_model
from wagtail.models import Page

from cai_site.views import SVG_POLICY
from pages.blocks import VIDEO_PROVIDERS
from pages.factories import DocumentFactory, ImageFactory

pytestmark = pytest.mark.django_db

ROOT = settings.BASE_DIR
VIDEO_HOSTS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
PERMISSIONS_POLICY = (
    "accelerometer=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), "
    "idle-detection=(), magnetometer=(), microphone=(), midi=(), payment=(), screen-wake-lock=(), serial=(), "
    "usb=(), xr-spatial-tracking=(), "
    'autoplay=(self "https://www.youtube-nocookie.com" "https://player.vimeo.com"), '
    'encrypted-media=(self "https://www.youtube-nocookie.com" "https://player.vimeo.com"), '
    'fullscreen=(self "https://www.youtube-nocookie.com" "https://player.vimeo.com"), '
    'picture-in-picture=(self "https://www.youtube-nocookie.com" "https://player.vimeo.com")'
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><script>alert(1)</script></svg>'


def directives(response):
    """The Content-Security-Policy as {directive: [sources]}; fails on a directive given twice."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        assert name not in policy, f"{name} twice in {response['Content-Security-Policy']}"
        policy[name] = sources
    return policy


def assert_common_headers(response, framing="'none'"):
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert directives(response)["frame-ancestors"] == [framing]
    header = response["Content-Security-Policy"]
    assert "nonce-" not in header
    assert "unsafe-eval" not in header


def assert_public_policy(response):
    assert_common_headers(response)
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-hashes" not in header
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["font-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]
    assert policy["frame-src"] == VIDEO_HOSTS


@pytest.fixture
def static_client(client, settings):
    """The test client with whitenoise serving the app's static folders, as collectstatic would in production
    (the middleware is built at the client's first request, after this setting)."""
    settings.WHITENOISE_USE_FINDERS = True
    return client


@pytest.fixture
def png_image():
    return ImageFactory(title="Photo d'essai")


@pytest.fixture
def svg_image():
    image = get_image_model()(title="Logo avec script", file=ContentFile(SVG, name="logo.svg"))
    image.save()
    return image


@pytest.fixture
def document():
    return DocumentFactory(title="Rapport annuel")


def test_a_page_has_the_public_policy_and_every_header(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert_public_policy(response)


@pytest.mark.parametrize("url", ["/recherche/?q=formation", "/contact/ecrire/", "/page-inexistante/", "/%00"])
def test_search_a_form_and_the_error_pages_have_the_public_policy(client, url):
    response = client.get(url)
    assert response.status_code in {200, 400, 404}
    assert_public_policy(response)


@pytest.mark.parametrize("path", ["css/site.css", "js/site.js", "img/favicon.svg", "vendor/leaflet/leaflet.js"])
def test_a_static_file_served_by_whitenoise_has_the_headers(static_client, path):
    response = static_client.get(f"/static/{path}")
    assert response.status_code == 200
    assert response.streaming  # whitenoise's file response, not a Django view
    assert_public_policy(response)


def test_a_media_file_has_the_public_policy(client, png_image):
    response = client.get(png_image.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert_public_policy(response)


def test_an_uploaded_svg_keeps_its_sandbox_and_gets_frame_ancestors(client, svg_image):
    response = client.get(svg_image.file.url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == f"frame-ancestors 'none'; {SVG_POLICY}"
    assert directives(response)["sandbox"] == []
    assert "script-src" not in directives(response)
    assert_common_headers(response)


def test_a_document_keeps_wagtails_policy_and_gets_frame_ancestors(client, document):
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Security-Policy"] == "frame-ancestors 'none'; default-src 'none'"
    assert_common_headers(response)


def test_the_admin_allows_its_own_inline_code_and_nothing_more(admin_client):
    for url in ["/admin/login/", "/admin/", f"/admin/pages/{Page.objects.get(depth=2).pk}/edit/"]:
        response = admin_client.get(url)
        assert response.status_code in {200, 302}, url
        assert_common_headers(response)
        policy = directives(response)
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["frame-src"] == ["'self'", *VIDEO_HOSTS]
        assert "blob:" in policy["img-src"]


def test_the_admin_policy_stays_on_the_admin_address():
    """The prefix test must not let a public page that merely starts like the admin (/administration/) in."""
    from cai_site.middleware import is_admin_path

    assert is_admin_path("/admin/pages/3/edit/")
    assert not is_admin_path("/administration/")
    assert not is_admin_path("/")


def test_a_page_preview_gets_the_public_policy_framable_by_the_admin_only(admin_user, home, rf):
    """Wagtail renders a preview as a request of its own to the page's public address (``is_dummy``), inside the
    preview view that the editor's preview panel frames."""
    request = rf.get("/admin/")
    request.user = admin_user
    response = home.make_preview_request(request)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert policy["script-src"] == ["'self'"]


def test_a_view_that_allows_same_origin_framing_gets_frame_ancestors_self(admin_client):
    """Wagtail's StreamField block previews are served under X-Frame-Options SAMEORIGIN."""
    from wagtail.blocks import Block, CharBlock

    block_id = next(key for key, block in Block.definition_registry.items() if isinstance(block, CharBlock))
    response = admin_client.get("/admin/block-preview/", {"id": block_id})
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(response)["frame-ancestors"] == ["'self'"]


def test_every_video_host_of_the_blocks_may_be_framed_and_nothing_else():
    assert [f"https://{provider.player_host}" for provider in VIDEO_PROVIDERS] == VIDEO_HOSTS
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"] == VIDEO_HOSTS


def test_pages_carry_no_inline_code_the_policy_would_refuse(client, admin_client):
    """One page of each type, as a visitor and as a signed-in editor (the userbar): every script is a file or
    JSON data, no style element or attribute, no event handler attribute, no javascript: address."""
    urls = {}
    for page in Page.objects.live().public().specific().order_by("path"):
        if page.depth > 1:
            urls.setdefault(type(page).__name__, page.url)
    assert len(urls) >= 15
    problems = []
    for who, http in (("visiteur", client), ("éditeur", admin_client)):
        for url in [*urls.values(), "/recherche/?q=formation", "/page-inexistante/"]:
            soup = BeautifulSoup(http.get(url).content, "html.parser")
            for script in soup.find_all("script"):
                if not script.get("src") and script.get("type") not in {"application/json", "application/ld+json"}:
                    problems.append(f"{who} {url}: inline script {str(script)[:80]}")
            problems += [f"{who} {url}: <style>" for _ in soup.find_all("style")]
            for tag in soup.find_all(True):
                if "style" in tag.attrs:
                    problems.append(f"{who} {url}: style attribute on <{tag.name}>")
                if handlers := [name for name in tag.attrs if name.startswith("on")]:
                    problems.append(f"{who} {url}: {handlers} on <{tag.name}>")
                for attribute in ("href", "src", "action", "formaction"):
                    if str(tag.get(attribute, "")).strip().lower().startswith("javascript:"):
                        problems.append(f"{who} {url}: javascript: in <{tag.name} {attribute}>")
    assert not problems, "\n".join(problems)


def test_hsts_is_sent_over_https_once_its_seconds_are_set(static_client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    for url in ["/", "/static/css/site.css", "/admin/login/"]:
        assert static_client.get(url, secure=True)["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        ), url
        assert "Strict-Transport-Security" not in static_client.get(url)  # never over plain HTTP


def test_no_hsts_without_its_seconds(client):
    assert settings.SECURE_HSTS_SECONDS == 0
    assert "Strict-Transport-Security" not in client.get("/", secure=True)


# Production, in a subprocess: its settings read the environment at import.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cai_site.settings.production",
    "DJANGO_ALLOWED_HOSTS": "cainamur.be",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_production(args, **variables):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_", "WAGTAIL", "DEFAULT_FROM", "SERVER_EMAIL"))
    }
    env |= PRODUCTION_ENV | {"DJANGO_SECRET_KEY": secrets.token_urlsafe(48)} | variables
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


PRINT_HSTS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
)


def test_production_switches_hsts_on_with_one_variable():
    assert run_production(["-c", PRINT_HSTS]).stdout.split() == ["0", "False", "False"]
    on = run_production(["-c", PRINT_HSTS], DJANGO_SECURE_HSTS_SECONDS="31536000")
    assert on.stdout.split() == ["31536000", "True", "True"], on.stderr
    # A subdomain still on plain HTTP: the subdomains (and so preloading) can be left out.
    partial = run_production(
        ["-c", PRINT_HSTS],
        DJANGO_SECURE_HSTS_SECONDS="31536000",
        DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        DJANGO_SECURE_HSTS_PRELOAD="false",
    )
    assert partial.stdout.split() == ["31536000", "False", "False"], partial.stderr


def test_check_deploy_has_no_warning_with_the_documented_variables():
    result = run_production(["manage.py", "check", "--deploy"], DJANGO_SECURE_HSTS_SECONDS="31536000")
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "System check identified no issues" in output, output
    # Without the HSTS variable, the check does point at it.
    without = run_production(["manage.py", "check", "--deploy"])
    assert "security.W004" in without.stdout + without.stderr
