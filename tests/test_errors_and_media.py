"""French error pages in the site's look, and uploaded media served safely with cache headers."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from django.test import RequestFactory
from django.views.defaults import server_error
from wagtail.images import get_image_model

SVG_WITH_SCRIPT = b"""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">
<script>alert(1)</script><rect width="10" height="10"/></svg>"""


@pytest.mark.django_db
def test_unknown_url_gets_a_french_404_page_in_the_site_look(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text() == "Page introuvable"
    assert soup.select_one("nav[aria-label='Menu principal']") is not None
    assert soup.select_one("footer address") is not None
    assert soup.find("html")["lang"] == "fr-be"


def test_500_page_is_french_and_needs_no_database():
    # No django_db mark: pytest-django makes any database access in this test an error.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Le site rencontre un problème" in html
    assert "/static/css/site.css" in html


@pytest.fixture
def svg_image(db):
    image = get_image_model()(title="Logo avec script", file=ImageFile(io.BytesIO(SVG_WITH_SCRIPT), name="logo.svg"))
    image.save()
    return image


@pytest.mark.django_db
def test_uploaded_svg_is_served_sandboxed_so_its_scripts_never_run(client, svg_image):
    response = client.get(svg_image.file.url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy
    assert "script-src" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_media_files_are_served_with_cache_headers(client, svg_image, settings):
    response = client.get(svg_image.file.url)
    assert f"max-age={settings.MEDIA_CACHE_SECONDS}" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/media/original_images/absent.png", "/media/../cai_site/settings/base.py", "/media/"])
def test_missing_or_outside_media_paths_give_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_svg_logo_editors_choose_keeps_its_vector_file_in_footer_and_is_served_sandboxed(client, svg_image):
    from pages.models import Sponsor

    Sponsor.objects.filter(name="Forem").update(logo=svg_image)
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    logo = soup.select_one(".sponsor img.sponsor__logo")
    assert logo["alt"] == "Forem"
    assert logo["src"].endswith(".svg")
    assert client.get(logo["src"])["Content-Security-Policy"].endswith("sandbox")
