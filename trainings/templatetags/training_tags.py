"""Template tags of the trainings: a training's schema.org data."""

from django import template

from pages.structured_data import json_ld_script

from ..structured_data import training_events

register = template.Library()


@register.simple_tag(takes_context=True)
def training_events_json_ld(context, page):
    """The ``Event`` JSON-LD of a training's page, one per session (nothing for a training without sessions)."""
    events = training_events(page, context.get("request"))
    return json_ld_script(events) if events else ""
