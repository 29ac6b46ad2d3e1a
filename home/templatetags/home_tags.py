"""Template tags of the home page: the centre's schema.org data."""

from django import template

from pages.structured_data import json_ld_script

from ..structured_data import centre_ngo

register = template.Library()


@register.simple_tag(takes_context=True)
def centre_json_ld(context):
    """The ``NGO`` JSON-LD script of the centre, for the home page."""
    return json_ld_script(centre_ngo(context.get("request")))
