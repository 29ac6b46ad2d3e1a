"""Template tags for search engines and social networks: the head's sharing meta tags and JSON-LD scripts."""

from django import template

from pages import seo
from pages.structured_data import json_ld_script

register = template.Library()


@register.inclusion_tag("pages/sharing_meta.html", takes_context=True)
def sharing_meta(context, og_type="website"):
    """Meta description, canonical link, Open Graph and Twitter card tags (``og_type="article"`` for news)."""
    return seo.sharing_meta(context, og_type)


register.simple_tag(json_ld_script, name="json_ld")
