"""In Chromium, on the seeded Chiffres page with its demo charts: one layout of each chart is shown, its text is
never under 12 CSS px, none of it runs off the chart, its colours follow the theme, and axe finds nothing."""

import os

import pytest

from tests.browser.conftest import CHROMIUM, IN_CI
from tests.browser.helpers import assert_no_axe_violations

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's event loop runs in this thread

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not IN_CI,
        reason=f"Chromium absent ({CHROMIUM}) : tests navigateur ignorés (apt-get install chromium)",
    ),
]

URL = "/ressources/chiffres/"

# For each chart figure: the classes of its shown SVGs, and each text of the shown SVG with its size on screen
# (its computed font size times the SVG's scale) and whether its box stays inside the SVG's box.
MEASURE = """() => [...document.querySelectorAll('.chart-figure')].map(figure => {
  const shown = [...figure.querySelectorAll('svg.chart')].filter(svg => getComputedStyle(svg).display !== 'none'
    && svg.getBoundingClientRect().width > 0);
  const texts = shown.flatMap(svg => {
    const box = svg.getBoundingClientRect(), scale = svg.getScreenCTM().a;
    return [...svg.querySelectorAll('text')].map(text => {
      const r = text.getBoundingClientRect();
      return {
        text: text.textContent,
        px: parseFloat(getComputedStyle(text).fontSize) * scale,
        inside: r.left >= box.left - 1 && r.right <= box.right + 1
          && r.top >= box.top - 1 && r.bottom <= box.bottom + 1,
      };
    });
  });
  return {shown: shown.map(svg => svg.getAttribute('class')), texts};
})"""


@pytest.mark.parametrize(("width", "layout"), [(375, "chart chart--narrow"), (1280, "chart chart--wide")])
def test_one_layout_of_each_chart_is_shown_and_its_text_is_at_least_12_px(page, demo_site_url, width, layout):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(demo_site_url + URL)
    charts = page.evaluate(MEASURE)
    assert len(charts) == 2  # the two demo charts
    for chart in charts:
        assert chart["shown"] == [layout]
        assert len(chart["texts"]) >= 8
        small = [(t["text"], round(t["px"], 1)) for t in chart["texts"] if t["px"] < 12]
        assert not small, small
        outside = [t["text"] for t in chart["texts"] if not t["inside"]]
        assert not outside, outside
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_screen_reader_meets_each_chart_once(page, demo_site_url):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(demo_site_url + URL)
    images = page.get_by_role("img", name="Exemple : participants aux formations (données fictives)")
    assert images.count() == 1
    assert images.evaluate("svg => svg.id").endswith("-narrow")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_colours_follow_the_theme(page, demo_site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(demo_site_url + URL)
    colours = page.evaluate(
        """() => {
          const probe = document.createElement('span');
          document.body.append(probe);
          const resolve = name => { probe.style.color = `var(${name})`; return getComputedStyle(probe).color; };
          const svg = document.querySelector('svg.chart--narrow');
          const result = {
            text: getComputedStyle(svg.querySelector('text')).fill,
            body: getComputedStyle(document.body).color,
            bar: getComputedStyle(svg.querySelector('.chart__bar')).fill,
            chart1: resolve('--chart-1'),
          };
          probe.remove();
          return result;
        }"""
    )
    assert colours["text"] == colours["body"]
    assert colours["bar"] == colours["chart1"]
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(255, 255, 255)") == (scheme == "light")


def test_chiffres_page_with_charts_has_no_axe_violations_at_375_px(page, demo_site_url):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(demo_site_url + URL)
    assert page.locator("svg.chart--narrow").count() == 2
    assert_no_axe_violations(page)
