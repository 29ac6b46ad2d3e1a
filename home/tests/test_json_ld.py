"""The home page carries the centre as a schema.org NGO, from the settings editors keep."""

import json

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from contact.models import ContactDetails
from pages.models import SiteIdentity
from tests.helpers import soup_of

pytestmark = pytest.mark.django_db


def home_json_ld(client):
    scripts = soup_of(client, "/").select('script[type="application/ld+json"]')
    return [json.loads(script.string) for script in scripts]


def test_home_page_carries_the_centre_as_an_ngo_with_exactly_its_properties(client, site):
    contact = ContactDetails.for_site(site)
    contact.street_address, contact.postal_code, contact.locality = "Rue de l'Exemple 1", "5000", "Namur"
    contact.country, contact.phone, contact.email = "Belgique", "081 00 00 00", "accueil@cai.example"
    contact.save()
    identity = SiteIdentity.for_site(site)
    identity.site_name = "Centre de test <&>"
    identity.save()
    assert home_json_ld(client) == [
        {
            "@context": "https://schema.org",
            "@type": "NGO",
            "name": "Centre de test <&>",
            "url": "http://localhost/",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "Rue de l'Exemple 1",
                "postalCode": "5000",
                "addressLocality": "Namur",
                "addressCountry": "Belgique",
            },
            "telephone": "+3281000000",
            "email": "accueil@cai.example",
        }
    ]


def test_the_logo_appears_once_editors_set_the_official_one_and_empty_details_are_left_out(client, site):
    contact = ContactDetails.for_site(site)
    contact.street_address = contact.postal_code = contact.locality = contact.country = ""
    contact.phone = contact.email = ""
    contact.save()
    [ngo] = home_json_ld(client)
    assert set(ngo) == {"@context", "@type", "name", "url"}

    identity = SiteIdentity.for_site(site)
    identity.logo = get_image_model().objects.create(title="Logo du CAI", file=get_test_image_file())
    identity.logo_alt = "CAI Namur"
    identity.save()
    [ngo] = home_json_ld(client)
    assert ngo["logo"] == "http://localhost" + identity.logo.file.url
    assert client.get(identity.logo.file.url).status_code == 200
