"""Template tags of the offices: the hours data a page carries for the status script."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, json_script
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def office_hours_data(office, element_id):
    """The office's week and next 30 days as a JSON ``<script>`` (data, never run) for office-status.js."""
    return json_script(office.schedule, element_id)


JSON_LD_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """schema.org data as a ``<script type="application/ld+json">`` (data, never run), escaped like json_script."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_LD_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
