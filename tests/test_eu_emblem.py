"""The EU emblem of the footer is drawn from its published geometric description, not copied from a picture."""

import math
import xml.etree.ElementTree as ET

import pytest

from pages.eu_emblem import EMBLEM_FILE, HEIGHT, emblem_svg

SVG = "{http://www.w3.org/2000/svg}"


def corners(polygon):
    return [tuple(float(n) for n in pair.split(",")) for pair in polygon.get("points").split()]


@pytest.fixture(scope="module")
def emblem():
    return ET.fromstring(EMBLEM_FILE.read_text(encoding="utf-8"))


def test_the_static_file_is_what_the_function_draws():
    assert EMBLEM_FILE.read_text(encoding="utf-8") == emblem_svg()


def test_blue_rectangle_in_proportion_three_to_two(emblem):
    rect = emblem.find(f"{SVG}rect")
    assert (float(rect.get("width")), float(rect.get("height"))) == (HEIGHT * 1.5, HEIGHT)
    assert rect.get("fill").upper() == "#003399"


def test_twelve_upright_gold_five_pointed_stars_at_the_hours_of_a_clock(emblem):
    group = emblem.find(f"{SVG}g")
    assert group.get("fill").upper() == "#FFDD00"
    stars = group.findall(f"{SVG}polygon")
    assert len(stars) == 12
    centre_x, centre_y = HEIGHT * 0.75, HEIGHT / 2
    for hour, star in enumerate(stars):
        points = corners(star)
        assert len(points) == 10  # five points, five notches
        x = sum(p[0] for p in points[::2]) / 5
        y = sum(p[1] for p in points[::2]) / 5
        # the star sits on the circle of radius a third of the height, at this hour of the clock
        assert math.isclose(math.dist((x, y), (centre_x, centre_y)), HEIGHT / 3, abs_tol=0.01)
        angle = math.degrees(math.atan2(x - centre_x, centre_y - y)) % 360
        assert math.isclose(angle, 30 * hour, abs_tol=0.01) or math.isclose(angle, 360, abs_tol=0.01)
        # each point lies on the star's outer circle of radius an eighteenth of the height
        assert all(math.isclose(math.dist(p, (x, y)), HEIGHT / 18, abs_tol=0.01) for p in points[::2])
        # upright: the first point straight above the centre
        assert math.isclose(points[0][0], x, abs_tol=0.01) and points[0][1] < y
