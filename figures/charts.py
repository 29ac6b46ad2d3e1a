"""Bar and line charts drawn on the server as accessible SVG. No JavaScript, no charting library.

``chart_svg`` is a pure function: categories, named series of numbers, a title and a description in, SVG out.
Every value is also written on the chart, and the page shows the same numbers in a table.
"""

import math
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape

WIDTH, HEIGHT = 640, 360
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64, 16, 24, 72
COLOURS = ["#0a5a70", "#a8420d", "#2f6e45", "#5b3a8c"]  # all at least 4.5:1 on white
TEXT = "#1d262c"
# The numbers a chart can draw: finite, at most 10^12 in absolute value and with at most 4 decimals, so that
# neither the axis nor the labels can grow without bound.
MAX_ABSOLUTE = Decimal(10) ** 12
MAX_DECIMALS = 4


def is_drawable(value):
    value = Decimal(value)
    return value.is_finite() and abs(value) <= MAX_ABSOLUTE and value.as_tuple().exponent >= -MAX_DECIMALS


def format_number(value):
    """French formatting: "1 046", "5,29"."""
    value = Decimal(value)
    decimals = max(0, -value.normalize().as_tuple().exponent) if value != value.to_integral() else 0
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def nice_step(maximum, ticks=5):
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) so that ``ticks`` steps cover ``maximum``."""
    if maximum <= 0:
        return Decimal(1)
    raw = Decimal(maximum) / ticks
    power = Decimal(10) ** math.floor(math.log10(raw))
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def chart_svg(chart_id, kind, title, description, categories, series):
    """SVG markup of a bar or line chart. ``series``: (name, [numbers]) pairs, one number per category.

    Raises ValueError for a number that ``is_drawable`` refuses.
    """
    values = [Decimal(v) for _name, numbers in series for v in numbers]
    if not all(is_drawable(v) for v in values):
        raise ValueError("A chart draws only finite numbers up to 10^12 with at most 4 decimals.")
    top = max([*values, Decimal(0)])
    step = nice_step(top)
    axis_max = step * max(1, math.ceil(top / step)) if top > 0 else step * 5
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def y(value):
        return MARGIN_TOP + plot_h - float(Decimal(value) / axis_max) * plot_h

    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<g font-family="system-ui, sans-serif" font-size="12" fill="{TEXT}">',
    ]
    tick = Decimal(0)
    while tick <= axis_max:
        ty = y(tick)
        parts.append(
            f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#c5d0d4"/>'
        )
        parts.append(f'<text x="{MARGIN_LEFT - 8}" y="{ty + 4:.1f}" text-anchor="end">{format_number(tick)}</text>')
        tick += step
    slot = plot_w / max(1, len(categories))
    for index, category in enumerate(categories):
        cx = MARGIN_LEFT + slot * (index + 0.5)
        parts.append(
            f'<text x="{cx:.1f}" y="{HEIGHT - MARGIN_BOTTOM + 18}" text-anchor="middle">{escape(category)}</text>'
        )
    if kind == "line":
        parts.extend(_lines(series, slot, y))
    else:
        parts.extend(_bars(series, slot, y, plot_h))
    legend_y = HEIGHT - 22
    for number, (name, _values) in enumerate(series):
        lx = MARGIN_LEFT + number * 180
        parts.append(
            f'<rect x="{lx}" y="{legend_y - 10}" width="12" height="12" fill="{COLOURS[number % len(COLOURS)]}"/>'
        )
        parts.append(f'<text x="{lx + 18}" y="{legend_y}">{escape(name)}</text>')
    parts.append("</g></svg>")
    return "".join(parts)


def _bars(series, slot, y, plot_h):
    parts = []
    group = slot * 0.7
    width = group / max(1, len(series))
    baseline = y(0)
    for number, (_name, values) in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        for index, value in enumerate(values):
            x = MARGIN_LEFT + slot * index + (slot - group) / 2 + width * number
            top = y(value)
            size = f'width="{width - 2:.1f}" height="{baseline - top:.1f}"'
            parts.append(f'<rect x="{x:.1f}" y="{top:.1f}" {size} fill="{colour}"/>')
            parts.append(
                f'<text class="chart__value" x="{x + (width - 2) / 2:.1f}" y="{top - 6:.1f}" text-anchor="middle">'
                f"{format_number(value)}</text>"
            )
    return parts


def _lines(series, slot, y):
    parts = []
    for number, (_name, values) in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        points = [(MARGIN_LEFT + slot * (index + 0.5), y(value)) for index, value in enumerate(values)]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3"/>')
        for (px, py), value in zip(points, values, strict=True):
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{colour}"/>')
            parts.append(
                f'<text class="chart__value" x="{px:.1f}" y="{py - 10:.1f}" text-anchor="middle">'
                f"{format_number(value)}</text>"
            )
    return parts
