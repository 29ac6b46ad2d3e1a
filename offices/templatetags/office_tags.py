"""Template tags of the offices: the hours data a page carries for the status script."""

from django import template
from django.utils.html import json_script

from pages.structured_data import json_ld_script

register = template.Library()


@register.simple_tag
def office_hours_data(office, element_id):
    """The office's week and next 30 days as a JSON ``<script>`` (data, never run) for office-status.js."""
    return json_script(office.schedule, element_id)


# The escaping JSON-LD writer lives in the base app (every app's pages carry schema.org data); offices keep the tag.
register.simple_tag(json_ld_script, name="json_ld")
