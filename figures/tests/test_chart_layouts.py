"""Each chart is drawn twice: wide for large screens, narrow for phones, with text that is never scaled down.

The narrow layout gives one row per category (its label above the bars, each value at the end of its bar); its text
is 14 units in a 320-unit-wide SVG, so it stays at 12 px or more on a 320 px screen. Colours are classes that the
site's CSS maps to the theme: no colour is written in the SVG.
"""

import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from figures.charts import NARROW_FONT, NARROW_WIDTH, WIDE_FONT, WIDTH, chart_svg, text_width, wrap

YEARS = ["2021", "2022", "2023"]
SERIES = [
    ("Professionnels", [Decimal(120), Decimal(150), Decimal(140)]),
    ("Bénévoles", [Decimal(45), Decimal(60), Decimal(85)]),
]
LONG_THEMES = ["Démarches administratives", "Logement", "Apprentissage du français", "Emploi et formation", "Santé"]


def svgs(kind="bar", categories=YEARS, series=SERIES, chart_id="graphique-1"):
    soup = BeautifulSoup(
        chart_svg(chart_id, kind, "Titre", "Ce que montre le graphique.", categories, series), "html.parser"
    )
    wide, narrow = soup.find_all("svg")
    return wide, narrow


def view_box(svg):
    return [float(number) for number in svg["viewbox"].split()]


def font_of(svg):
    return float(svg.find("g")["font-size"])


def estimated_box(text, font):
    """(left, right) of a <text> as the chart estimates it, from its anchor."""
    x, width = float(text["x"]), text_width(text.get_text(), font)
    anchor = text.get("text-anchor", "start")
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, left + width


def test_each_chart_is_drawn_wide_and_narrow_with_unique_ids_and_its_own_name():
    wide, narrow = svgs()
    assert wide["class"] == ["chart", "chart--wide"] and narrow["class"] == ["chart", "chart--narrow"]
    assert (wide["id"], narrow["id"]) == ("graphique-1-wide", "graphique-1-narrow")
    ids = [element["id"] for svg in (wide, narrow) for element in [svg, *svg.find_all(id=True)]]
    assert len(ids) == len(set(ids)) == 6
    for svg in (wide, narrow):
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find("title", id=title_id).get_text() == "Titre"
        assert svg.find("desc", id=desc_id).get_text() == "Ce que montre le graphique."
    assert view_box(wide)[2] == WIDTH and view_box(narrow)[2] == NARROW_WIDTH == 320


def test_narrow_text_is_large_enough_for_a_320_px_screen():
    """320 px of screen less 2 × 16 px of padding leave 288 px for 320 units: the text must be 14 units or more."""
    _wide, narrow = svgs()
    assert font_of(narrow) == NARROW_FONT == 14
    assert NARROW_FONT * (320 - 32) / NARROW_WIDTH >= 12
    assert not narrow.select("[font-size]:not(g)"), "no text may set a smaller size of its own"
    assert font_of(_wide) == WIDE_FONT and WIDE_FONT * 720 / WIDTH >= 12  # the wide one is shown from 48em (720 px)


@pytest.mark.parametrize("kind", ["bar", "line"])
def test_both_layouts_write_every_value_of_the_table(kind):
    for svg in svgs(kind):
        assert sorted(text.get_text() for text in svg.select("text.chart__value")) == sorted(
            ["120", "150", "140", "45", "60", "85"]
        )


def test_narrow_bars_have_their_category_label_above_and_each_value_at_their_end():
    _wide, narrow = svgs("bar")
    labels = narrow.select("text.chart__category")
    assert [label.get_text() for label in labels] == YEARS
    bars, values = narrow.select("rect.chart__bar"), narrow.select("text.chart__value")
    assert len(bars) == len(values) == 6
    rows = [(label, bars[2 * n : 2 * n + 2], values[2 * n : 2 * n + 2]) for n, label in enumerate(labels)]
    for label, row_bars, row_values in rows:
        for bar, value in zip(row_bars, row_values, strict=True):
            assert float(label["y"]) < float(bar["y"])  # the label's baseline is above the bar
            assert float(value["x"]) >= float(bar["x"]) + float(bar["width"])  # the value just after its end
            assert float(bar["y"]) <= float(value["y"]) <= float(bar["y"]) + float(bar["height"])
    longest = max(bars, key=lambda bar: float(bar["width"]))
    assert [bar["width"] for bar in bars].index(longest["width"]) == 2  # 150, the largest value


def test_narrow_bars_keep_the_order_of_series_and_their_classes():
    _wide, narrow = svgs("bar")
    classes = [bar["class"][1] for bar in narrow.select("rect.chart__bar")]
    assert classes == ["chart__series--1", "chart__series--2"] * 3
    legend = [text.get_text() for text in narrow.select("text:not(.chart__category):not(.chart__value)")]
    assert legend == ["Professionnels", "Bénévoles"]


@pytest.mark.parametrize("kind", ["bar", "line"])
def test_narrow_text_never_runs_off_the_chart_even_with_long_labels(kind):
    series = [("Questions reçues pendant les permanences d'accueil de la province", [Decimal(n) for n in range(5)])]
    _wide, narrow = svgs(kind, LONG_THEMES, series)
    for text in narrow.find_all("text"):
        left, right = estimated_box(text, NARROW_FONT)
        assert left >= 0 and right <= NARROW_WIDTH, text


def test_narrow_bar_labels_are_cut_into_lines_rather_than_shrunk():
    label = "Accompagnement individuel des personnes nouvellement arrivées dans la province"
    _wide, narrow = svgs("bar", [label], [("Personnes", [Decimal(3)])])
    lines = [text.get_text() for text in narrow.select("text.chart__category")]
    assert len(lines) >= 2 and " ".join(lines) == label
    assert wrap(label, NARROW_WIDTH, NARROW_FONT) == lines


@pytest.mark.parametrize("kind", ["bar", "line"])
def test_narrow_chart_grows_taller_with_more_categories_and_its_rows_never_overlap(kind):
    years = [str(year) for year in range(2000, 2030)]
    series = [("Série", [Decimal(year % 7) for year in range(30)])]
    _wide, narrow = svgs(kind, years, series)
    baselines = [float(text["y"]) for text in narrow.select("text.chart__category")]
    assert len(baselines) == 30
    assert all(later - earlier >= NARROW_FONT + 4 for earlier, later in zip(baselines, baselines[1:], strict=False))
    assert view_box(narrow)[3] > baselines[-1]
    few = view_box(svgs(kind, years[:3], [("Série", [Decimal(1)] * 3)])[1])[3]
    assert view_box(narrow)[3] > 5 * few


def test_narrow_line_chart_runs_down_the_rows_with_one_point_per_category():
    _wide, narrow = svgs("line")
    lines = narrow.select("polyline.chart__line")
    assert len(lines) == 2
    points = [[tuple(map(float, pair.split(","))) for pair in line["points"].split()] for line in lines]
    for series_points in points:
        ys = [y for _x, y in series_points]
        assert ys == sorted(ys) and len(ys) == 3  # from top to bottom, one row per year
    label_right = max(estimated_box(text, NARROW_FONT)[1] for text in narrow.select("text.chart__category"))
    assert all(x > label_right for series_points in points for x, _y in series_points)
    professionals = [x for x, _y in points[0]]
    assert professionals[1] > professionals[2] > professionals[0]  # 150 > 140 > 120


def test_negative_values_are_drawn_on_the_left_of_the_zero_line():
    series = [("Solde", [Decimal(-20), Decimal(40)])]
    for svg in svgs("bar", ["2022", "2023"], series):
        assert all(float(bar.get("height", 1)) >= 0 and float(bar.get("width", 1)) >= 0 for bar in svg.select("rect"))
    _wide, narrow = svgs("bar", ["2022", "2023"], series)
    zero = float(narrow.select_one("line.chart__axis")["x1"])
    negative, positive = narrow.select("rect.chart__bar")
    assert float(negative["x"]) + float(negative["width"]) == pytest.approx(zero, abs=0.1)
    assert float(positive["x"]) == pytest.approx(zero, abs=0.1)
    assert float(negative["width"]) == pytest.approx(float(positive["width"]) / 2, abs=0.2)


@pytest.mark.parametrize("kind", ["bar", "line"])
def test_colours_come_from_the_theme_not_from_the_svg(kind):
    markup = chart_svg("c", kind, "Titre", "Description", YEARS, SERIES)
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgb\(|\bstyle=", markup)
    soup = BeautifulSoup(markup, "html.parser")
    coloured = soup.select(".chart__bar, .chart__dot, .chart__line, .chart__swatch")
    assert coloured and all(any(c.startswith("chart__series--") for c in el["class"]) for el in coloured)
    assert not soup.select("[fill]:not(polyline)")  # the CSS gives every fill; a polyline is only told fill="none"


def test_wide_chart_cuts_long_category_labels_and_grows_instead_of_overlapping():
    wide, _narrow = svgs("bar", LONG_THEMES, [("Questions", [Decimal(n) for n in (62, 48, 35, 40, 21)])])
    slot = (WIDTH - 64 - 16) / 5
    texts = [
        text
        for text in wide.find_all("text")
        if text.get("text-anchor") == "middle" and "chart__value" not in (text.get("class") or [])
    ]
    assert len(texts) > 5  # the long labels take two lines
    words = {word for theme in LONG_THEMES for word in theme.split()}
    assert {word for text in texts for word in text.get_text().split()} == words  # cut between words only
    for text in texts:
        left, right = estimated_box(text, WIDE_FONT)
        assert right - left <= slot
    assert view_box(wide)[3] > 360


def test_wide_legend_puts_long_series_names_on_separate_rows():
    names = ["Personnes accompagnées individuellement", "Personnes accompagnées en groupe", "Bénévoles formés"]
    series = [(name, [Decimal(1), Decimal(2)]) for name in names]
    wide, _narrow = svgs("bar", ["2022", "2023"], series)
    legend = [text for text in wide.find_all("text") if text.get_text() in names]
    boxes = [(estimated_box(text, WIDE_FONT), float(text["y"])) for text in legend]
    for (a, ay), (b, by) in zip(boxes, boxes[1:], strict=False):
        assert ay != by or a[1] <= b[0]  # on another row, or entirely to the left of the next name
    assert all(right <= WIDTH for (_left, right), _y in boxes)
