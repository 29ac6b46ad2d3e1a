"""The map component (templates/components/map.html) rendered on its own, without a browser or a database."""

import json
from decimal import Decimal

from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.templatetags.static import static

from pages.maps import MapPoint

LOCATED = MapPoint(
    name="Bureau de Saint-Servais",
    address="Rue de l'Exemple 1, 5002 Namur",
    latitude=Decimal("50.478"),
    longitude=Decimal("4.846"),
    url="/contact/bureau-daccueil/saint-servais/",
)
ADDRESS_ONLY = MapPoint(name="Permanence de Jambes", address="Avenue de l'Exemple 2, 5100 Namur")
LOCATED_NO_PAGE = MapPoint(name="Antenne <de> Dinant", latitude=Decimal("50.26"), longitude=Decimal("4.912"))


def render(points, map_id="carte-test", title="Sur la carte"):
    html = render_to_string("components/map.html", {"points": points, "map_id": map_id, "title": title})
    return BeautifulSoup(html, "html.parser")


def list_items(soup):
    return soup.select(".place-map__list > li")


def test_every_point_is_listed_with_its_openstreetmap_link():
    soup = render([LOCATED, ADDRESS_ONLY, LOCATED_NO_PAGE])
    items = list_items(soup)
    assert [item.select_one("a, .place-map__name").get_text() for item in items] == [
        "Bureau de Saint-Servais",
        "Permanence de Jambes",
        "Antenne <de> Dinant",
    ]
    assert items[0].a["href"] == LOCATED.url
    assert items[0].select_one(".place-map__address").get_text() == LOCATED.address
    osm_links = [item.select_one("a.place-map__osm")["href"] for item in items]
    assert osm_links == [LOCATED.osm_url, ADDRESS_ONLY.osm_url, LOCATED_NO_PAGE.osm_url]


def test_openstreetmap_link_is_a_marker_with_coordinates_and_a_search_without():
    soup = render([LOCATED, ADDRESS_ONLY])
    marker, search = (item.select_one("a.place-map__osm")["href"] for item in list_items(soup))
    assert marker.startswith("https://www.openstreetmap.org/?mlat=50.478&mlon=4.846")
    assert marker.endswith("#map=17/50.478/4.846")
    assert search.startswith("https://www.openstreetmap.org/search?query=")
    assert "Jambes" in search or "Avenue" in search


def test_openstreetmap_links_name_their_place_for_screen_readers():
    soup = render([LOCATED, ADDRESS_ONLY])
    names = [item.select_one("a.place-map__osm").get_text() for item in list_items(soup)]
    assert names == [
        "Voir l'adresse sur OpenStreetMap : Bureau de Saint-Servais",
        "Voir l'adresse sur OpenStreetMap : Permanence de Jambes",
    ]


def test_without_coordinates_there_is_a_list_and_nothing_else():
    soup = render([ADDRESS_ONLY])
    section = soup.select_one("section.place-map")
    assert section["data-consent-map"] == "carte-test"
    assert len(list_items(soup)) == 1
    assert not soup.select("[data-map-consent], [data-map-load], [data-map-canvas], script")
    assert not section.has_attr("data-leaflet-js")


def test_with_coordinates_the_consent_button_waits_hidden_for_the_script():
    soup = render([LOCATED, ADDRESS_ONLY], map_id="carte-bureaux", title="Les bureaux sur la carte")
    section = soup.select_one("section.place-map")
    consent = section.select_one("[data-map-consent]")
    assert consent.has_attr("hidden")
    assert "OpenStreetMap" in consent.p.get_text()
    button = consent.select_one("button[data-map-load]")
    assert button["type"] == "button"
    assert button.get_text() == "Afficher la carte OpenStreetMap"
    canvas = section.select_one("[data-map-canvas]")
    assert canvas.has_attr("hidden")
    assert canvas["id"] == "carte-bureaux-carte"
    assert section.select_one("[data-map-status]").has_attr("hidden")
    assert section["data-map-label"] == "Carte : Les bureaux sur la carte"


def test_the_page_names_its_own_copy_of_leaflet_and_the_script_without_inline_code():
    soup = render([LOCATED])
    section = soup.select_one("section.place-map")
    assert section["data-leaflet-js"] == static("vendor/leaflet/leaflet.js")
    assert section["data-leaflet-css"] == static("vendor/leaflet/leaflet.css")
    scripts = section.select("script")
    external = [script for script in scripts if script.has_attr("src")]
    assert [script["src"] for script in external] == [static("js/consent-map.js")]
    assert external[0].has_attr("defer") and not external[0].get_text().strip()
    # The only other script is the marker data, which browsers do not run.
    assert [script["type"] for script in scripts if not script.has_attr("src")] == ["application/json"]
    assert not soup.select("[style]")
    assert "openstreetmap.org/{z}" not in str(soup)  # tiles are named by the script only


def test_the_marker_data_holds_only_the_points_with_coordinates():
    soup = render([LOCATED, ADDRESS_ONLY, LOCATED_NO_PAGE], map_id="carte-repertoire")
    section = soup.select_one("section.place-map")
    data = section.select_one("script#carte-repertoire")
    assert data["id"] == section["data-consent-map"]
    assert json.loads(data.get_text()) == [
        {
            "name": "Bureau de Saint-Servais",
            "address": "Rue de l'Exemple 1, 5002 Namur",
            "lat": 50.478,
            "lon": 4.846,
            "url": "/contact/bureau-daccueil/saint-servais/",
        },
        {"name": "Antenne <de> Dinant", "address": "", "lat": 50.26, "lon": 4.912, "url": ""},
    ]
    assert "<de>" not in data.decode_contents()  # json_script escapes markup


def test_two_maps_on_a_page_keep_their_own_ids():
    html = render_to_string(
        "components/map.html", {"points": [LOCATED], "map_id": "carte-a", "title": "A"}
    ) + render_to_string("components/map.html", {"points": [LOCATED_NO_PAGE], "map_id": "carte-b", "title": "B"})
    soup = BeautifulSoup(html, "html.parser")
    ids = [element["id"] for element in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    assert {section["data-consent-map"] for section in soup.select("section")} == {"carte-a", "carte-b"}
