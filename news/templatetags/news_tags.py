"""Template tags of the news: a news item's schema.org data."""

from django import template

from pages.structured_data import json_ld_script

from ..structured_data import news_article

register = template.Library()


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, page):
    """The ``NewsArticle`` JSON-LD script of a news item's page."""
    return json_ld_script(news_article(page, context.get("request")))
