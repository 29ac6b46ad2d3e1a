"""Places on a map: the data that the map component (``templates/components/map.html``) shows.

The same points feed the list of addresses (always there, with or without JavaScript) and, once the visitor
agrees, the markers of the OpenStreetMap map (``static/js/consent-map.js``).
"""

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

OSM = "https://www.openstreetmap.org/"


@dataclass(frozen=True)
class MapPoint:
    name: str
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    url: str = ""  # the place's own page on this site, if any

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def osm_url(self):
        """The address on openstreetmap.org: a marker at the coordinates, else a search for the address."""
        if self.has_coordinates:
            lat, lon = f"{self.latitude:f}", f"{self.longitude:f}"
            return f"{OSM}?{urlencode({'mlat': lat, 'mlon': lon})}#map=17/{lat}/{lon}"
        if self.address:
            return f"{OSM}search?{urlencode({'query': self.address})}"
        return ""

    def as_data(self):
        return {
            "name": self.name,
            "address": self.address,
            "lat": float(self.latitude),
            "lon": float(self.longitude),
            "url": self.url,
        }


def map_data(points):
    """The markers: only the points with coordinates."""
    return [point.as_data() for point in points if point.has_coordinates]
