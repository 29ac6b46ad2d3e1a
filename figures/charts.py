"""Bar and line charts drawn on the server as accessible SVG. No JavaScript, no charting library.

``chart_svg`` is a pure function: categories, named series of numbers, a title and a description in, SVG out.
It draws each chart twice: a wide layout (640 units, categories along the bottom) for screens of 48em and more,
and a narrow layout (320 units, one row per category, its label above and each value at the end of its bar) for
phones, so that no text is scaled down below a readable size. The site's CSS shows one of them and hides the other
with ``display: none``, so a screen reader meets each chart once. Every value is also written on the chart, and the
page shows the same numbers in a table.

Colours come from the site's theme: the SVG carries classes (``chart__series--1``…), never a colour, and the CSS
section "Charts (figures app)" of static/css/site.css maps them to ``--chart-1``… and ``--color-text``.
"""

import math
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape

WIDTH, HEIGHT = 640, 360
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64, 16, 24, 72
WIDE_LINE = 14  # from one line of text to the next
WIDE_FONT = 12  # shown only from 48em, where the chart is at least 720 px wide: 12 units are at least 13.5 px

NARROW_WIDTH = 320
NARROW_FONT = 14  # at 320 px of screen the narrow chart is 288 px wide: 14 units are 12.6 px
NARROW_LINE = 18  # height of one line of text
NARROW_BAR = 16  # thickness of a bar
NARROW_STEP = 22  # from one bar (or point) to the next
CHAR_WIDTH = Decimal("0.6")  # estimated average advance of a character, in ems (generous for digits and letters)
SERIES_CLASSES = 4  # --chart-1 … --chart-4, then the colours start again

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


def text_width(text, font_size):
    """An estimate of the width of ``text`` in SVG units: the server cannot measure the visitor's font."""
    return float(len(text) * CHAR_WIDTH * font_size)


def wrap(text, width, font_size):
    """``text`` cut into lines of at most ``width`` units (estimated), at spaces.

    The estimate is generous, so a word a little longer than a line stays whole; a much longer one is cut.
    """
    per_line = max(1, int(width / float(CHAR_WIDTH * font_size)))
    lines, current = [], ""
    for word in text.split():
        while len(word) > per_line * 5 // 4:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:per_line])
            word = word[per_line:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= per_line:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    return lines


def series_class(number):
    return f"chart__series--{number % SERIES_CLASSES + 1}"


def chart_svg(chart_id, kind, title, description, categories, series):
    """SVG markup of a bar or line chart, in its wide and its narrow layout (see the module's docstring).

    ``series``: (name, [numbers]) pairs, one number per category. The two SVGs have the ids ``<chart_id>-wide``
    and ``<chart_id>-narrow``, each with its own title and description. Raises ValueError for a number that
    ``is_drawable`` refuses.
    """
    return wide_chart_svg(chart_id, kind, title, description, categories, series) + narrow_chart_svg(
        chart_id, kind, title, description, categories, series
    )


def checked_values(series):
    values = [Decimal(v) for _name, numbers in series for v in numbers]
    if not all(is_drawable(v) for v in values):
        raise ValueError("A chart draws only finite numbers up to 10^12 with at most 4 decimals.")
    return values


def svg_open(svg_id, layout, width, height, title, description, font_size):
    return [
        f'<svg class="chart chart--{layout}" id="{svg_id}" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{svg_id}-title {svg_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{svg_id}-title">{escape(title)}</title>',
        f'<desc id="{svg_id}-desc">{escape(description)}</desc>',
        f'<g font-family="system-ui, sans-serif" font-size="{font_size}">',
    ]


def wide_chart_svg(chart_id, kind, title, description, categories, series):
    """The wide layout: a 640 × 360 chart, categories along the bottom, a value axis on the left."""
    values = checked_values(series)
    low, high = min([*values, Decimal(0)]), max([*values, Decimal(0)])
    step = nice_step(high - low)
    axis_min = step * math.floor(low / step)
    axis_max = step * math.ceil(high / step)
    if axis_max == axis_min:  # nothing but zeros
        axis_max = step * 5
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def y(value):
        return MARGIN_TOP + plot_h - float((Decimal(value) - axis_min) / (axis_max - axis_min)) * plot_h

    parts = []
    tick = axis_min
    while tick <= axis_max:
        ty = y(tick)
        parts.append(
            f'<line class="chart__grid" x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}"/>'
        )
        parts.append(f'<text x="{MARGIN_LEFT - 8}" y="{ty + 4:.1f}" text-anchor="end">{format_number(tick)}</text>')
        tick += step
    slot = plot_w / max(1, len(categories))
    # A long category label is cut into lines as wide as its slot; the chart grows taller rather than overlap.
    category_lines = [wrap(str(category), slot - 6, WIDE_FONT) for category in categories]
    extra = (max([len(lines) for lines in category_lines] or [1]) - 1) * WIDE_LINE
    for index, lines in enumerate(category_lines):
        cx = MARGIN_LEFT + slot * (index + 0.5)
        for number, line in enumerate(lines):
            parts.append(
                f'<text x="{cx:.1f}" y="{HEIGHT - MARGIN_BOTTOM + 18 + number * WIDE_LINE}" text-anchor="middle">'
                f"{escape(line)}</text>"
            )
    if kind == "line":
        parts.extend(_wide_lines(series, slot, y))
    else:
        parts.extend(_wide_bars(series, slot, y))
    legend, legend_height = _wide_legend(kind, series, HEIGHT - 22 + extra)
    parts.extend(legend)
    height = HEIGHT + extra + legend_height
    head = svg_open(f"{chart_id}-wide", "wide", WIDTH, height, title, description, WIDE_FONT)
    return "".join([*head, *parts, "</g></svg>"])


def _wide_legend(kind, series, baseline):
    """The series' keys side by side, on as many rows as they need; returns the parts and the height added."""
    parts, x, rows = [], MARGIN_LEFT, 0
    right = WIDTH - MARGIN_RIGHT
    for number, (name, _values) in enumerate(series):
        lines = wrap(name, right - MARGIN_LEFT - 24, WIDE_FONT)
        width = 24 + max(text_width(line, WIDE_FONT) for line in lines) + 24
        if x > MARGIN_LEFT and x + width > right:
            x, rows = MARGIN_LEFT, rows + 1
        row_y = baseline + rows * WIDE_LINE * 1.5
        parts.extend(_legend_key(kind, number, x, row_y - 4))
        parts.extend(
            f'<text x="{x + 24}" y="{row_y + n * WIDE_LINE:.1f}">{escape(line)}</text>' for n, line in enumerate(lines)
        )
        x += width
        if len(lines) > 1:  # a name on several lines: the next key starts a row below it
            rows, x = rows + len(lines) - 1, right
    return parts, math.ceil(rows * WIDE_LINE * 1.5)


def _legend_key(kind, number, x, middle):
    """The swatch of series ``number``: a square for bars, a short line with its point for lines."""
    css = series_class(number)
    if kind == "line":
        return [
            f'<line class="chart__key chart__line {css}" x1="{x}" x2="{x + 18}" y1="{middle}" y2="{middle}" '
            'stroke-width="3"/>',
            f'<circle class="chart__key chart__dot {css}" cx="{x + 9}" cy="{middle}" r="4"/>',
        ]
    return [f'<rect class="chart__key chart__swatch {css}" x="{x + 2}" y="{middle - 7}" width="14" height="14"/>']


def _wide_bars(series, slot, y):
    parts = []
    group = slot * 0.7
    width = group / max(1, len(series))
    baseline = y(0)
    for number, (_name, values) in enumerate(series):
        css = series_class(number)
        for index, value in enumerate(values):
            x = MARGIN_LEFT + slot * index + (slot - group) / 2 + width * number
            top = y(value)
            size = f'width="{width - 2:.1f}" height="{abs(baseline - top):.1f}"'
            parts.append(f'<rect class="chart__bar {css}" x="{x:.1f}" y="{min(top, baseline):.1f}" {size}/>')
            label_y = top - 6 if value >= 0 else top + 16  # above a bar that rises, below one that falls
            parts.append(
                f'<text class="chart__value" x="{x + (width - 2) / 2:.1f}" y="{label_y:.1f}" text-anchor="middle">'
                f"{format_number(value)}</text>"
            )
    return parts


def _wide_lines(series, slot, y):
    parts = []
    for number, (_name, values) in enumerate(series):
        css = series_class(number)
        points = [(MARGIN_LEFT + slot * (index + 0.5), y(value)) for index, value in enumerate(values)]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(f'<polyline class="chart__line {css}" points="{path}" fill="none" stroke-width="3"/>')
        for (px, py), value in zip(points, values, strict=True):
            parts.append(f'<circle class="chart__dot {css}" cx="{px:.1f}" cy="{py:.1f}" r="4"/>')
            parts.append(
                f'<text class="chart__value" x="{px:.1f}" y="{py - 10:.1f}" text-anchor="middle">'
                f"{format_number(value)}</text>"
            )
    return parts


def narrow_chart_svg(chart_id, kind, title, description, categories, series):
    """The narrow layout, 320 units wide and as tall as it needs: the legend, then one row per category.

    Bars run from left to right, one per series, the category's label above them and each value just after the
    end of its bar. A line chart runs from top to bottom instead: the label on the left of its row, one point per
    series, each value just after its point, and each series' points joined by a line. Nothing depends on the
    number of categories, so the labels never collide, however many rows there are.
    """
    values = checked_values(series)
    font = NARROW_FONT
    low, high = min([*values, Decimal(0)]), max([*values, Decimal(0)])
    span = (high - low) or Decimal(1)
    labels = [format_number(v) for v in values]
    reserve = min(NARROW_WIDTH * 0.6, max([text_width(label, font) for label in labels] or [0]) + 12)
    parts, cursor = _narrow_legend(kind, series, font)
    if kind == "line":
        label_width = min(120.0, max([text_width(str(c), font) for c in categories] or [0]))
        plot_left = label_width + 12
    else:
        plot_left = 0.0
    plot_w = NARROW_WIDTH - plot_left - reserve

    def x(value):
        return plot_left + float((Decimal(value) - low) / span) * plot_w

    if kind == "line":
        body, height = _narrow_lines(categories, series, x, cursor, label_width)
    else:
        body, height = _narrow_bars(categories, series, x, cursor)
    svg_id = f"{chart_id}-narrow"
    head = svg_open(svg_id, "narrow", NARROW_WIDTH, math.ceil(height), title, description, font)
    return "".join([*head, *parts, *body, "</g></svg>"])


def _text_lines(lines, x, baseline, css=""):
    """One <text> per line (not tspans: each line then has its own box, simple to check)."""
    attribute = f' class="{css}"' if css else ""
    return [
        f'<text{attribute} x="{x}" y="{baseline + n * NARROW_LINE:.1f}">{escape(line)}</text>'
        for n, line in enumerate(lines)
    ]


def _narrow_legend(kind, series, font):
    parts, cursor = [], 4.0
    for number, (name, _values) in enumerate(series):
        lines = wrap(name, NARROW_WIDTH - 24, font)
        parts.extend(_legend_key(kind, number, 0, cursor + 9))
        parts.extend(_text_lines(lines, 24, cursor + 14))
        cursor += len(lines) * NARROW_LINE + 6
    return parts, cursor + 8


def _narrow_bars(categories, series, x, cursor):
    parts = []
    zero, top = x(0), cursor
    for index, category in enumerate(categories):
        lines = wrap(str(category), NARROW_WIDTH, NARROW_FONT)
        parts.extend(_text_lines(lines, 0, cursor + 14, "chart__category"))
        cursor += len(lines) * NARROW_LINE + 4
        for number, (_name, values) in enumerate(series):
            end = x(values[index])
            left, right = min(zero, end), max(zero, end)
            parts.append(
                f'<rect class="chart__bar {series_class(number)}" x="{left:.1f}" y="{cursor:.1f}" '
                f'width="{right - left:.1f}" height="{NARROW_BAR}"/>'
            )
            parts.append(
                f'<text class="chart__value" x="{right + 6:.1f}" y="{cursor + 13:.1f}">'
                f"{format_number(values[index])}</text>"
            )
            cursor += NARROW_STEP
        cursor += 12
    parts.append(f'<line class="chart__axis" x1="{zero:.1f}" x2="{zero:.1f}" y1="{top:.1f}" y2="{cursor - 12:.1f}"/>')
    return parts, cursor


def _narrow_lines(categories, series, x, cursor, label_width):
    parts, points = [], [[] for _ in series]
    zero = x(0)
    top = cursor
    for index, category in enumerate(categories):
        lines = wrap(str(category), label_width, NARROW_FONT)
        height = max(len(lines) * NARROW_LINE, len(series) * NARROW_STEP) + 10
        parts.append(f'<line class="chart__grid" x1="0" x2="{NARROW_WIDTH}" y1="{cursor:.1f}" y2="{cursor:.1f}"/>')
        parts.extend(_text_lines(lines, 0, cursor + 19, "chart__category"))
        for number, (_name, values) in enumerate(series):
            points[number].append((x(values[index]), cursor + 15 + number * NARROW_STEP, values[index]))
        cursor += height
    parts.append(f'<line class="chart__axis" x1="{zero:.1f}" x2="{zero:.1f}" y1="{top:.1f}" y2="{cursor:.1f}"/>')
    for number, series_points in enumerate(points):
        css = series_class(number)
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _value in series_points)
        parts.append(f'<polyline class="chart__line {css}" points="{path}" fill="none" stroke-width="3"/>')
        for px, py, value in series_points:
            parts.append(f'<circle class="chart__dot {css}" cx="{px:.1f}" cy="{py:.1f}" r="5"/>')
            parts.append(f'<text class="chart__value" x="{px + 10:.1f}" y="{py + 5:.1f}">{format_number(value)}</text>')
    return parts, cursor + 4
