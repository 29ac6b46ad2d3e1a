"""schema.org ``NGO`` for the home page (JSON-LD): the centre, a non-profit, with its contact details."""

from contact.models import ContactDetails
from pages.models import SiteIdentity
from pages.structured_data import SCHEMA_CONTEXT, absolute_url, organisation


def postal_address(contact):
    parts = {
        "streetAddress": contact.street_address,
        "postalCode": contact.postal_code,
        "addressLocality": contact.locality,
        "addressCountry": contact.country,
    }
    present = {key: value for key, value in parts.items() if value}
    return {"@type": "PostalAddress", **present} if present else None


def centre_ngo(request):
    """Name and address of the site; its logo only once editors chose the official one; address, telephone and
    e-mail from "Coordonnées du centre" (each left out while empty)."""
    identity = SiteIdentity.for_request(request)
    contact = ContactDetails.for_request(request)
    data = {"@context": SCHEMA_CONTEXT, **organisation(request, identity)}
    if identity.logo is not None:
        data["logo"] = absolute_url(request, identity.logo.file.url)
    address = postal_address(contact)
    if address:
        data["address"] = address
    if contact.phone:
        data["telephone"] = contact.phone_href.removeprefix("tel:")
    if contact.email:
        data["email"] = contact.email
    return data
