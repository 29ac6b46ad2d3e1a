"""The emblem of the European Union, drawn from its published geometric description.

Twelve upright five-pointed gold stars on a blue rectangle of proportion 3:2, in a circle whose radius is a third of
the height, at the positions of the hours of a clock; each star's points lie on a circle of a eighteenth of the
height. ``python -m pages.eu_emblem`` writes ``static/img/embleme-union-europeenne.svg``; a test checks that the
file is still what this function draws.
"""

import math
from pathlib import Path

BLUE = "#003399"
GOLD = "#FFDD00"
HEIGHT = 180  # a multiple of 18 and of 3: the radii are whole numbers
EMBLEM_FILE = Path(__file__).resolve().parent.parent / "static" / "img" / "embleme-union-europeenne.svg"
# Inner radius of a regular five-pointed star, as a share of its outer radius: cos 72° / cos 36°.
STAR_INNER_RATIO = math.cos(math.radians(72)) / math.cos(math.radians(36))


def star_points(cx, cy, outer):
    """The ten corners of an upright five-pointed star centred on (cx, cy), a point straight up."""
    corners = []
    for i in range(10):
        radius = outer if i % 2 == 0 else outer * STAR_INNER_RATIO
        angle = math.radians(36 * i)
        corners.append((cx + radius * math.sin(angle), cy - radius * math.cos(angle)))
    return " ".join(f"{x:.3f},{y:.3f}" for x, y in corners)


def star_centres(height=HEIGHT):
    """The centres of the twelve stars, at the hours of a clock from twelve o'clock, clockwise."""
    cx, cy, radius = height * 3 / 4, height / 2, height / 3
    return [
        (cx + radius * math.sin(math.radians(30 * hour)), cy - radius * math.cos(math.radians(30 * hour)))
        for hour in range(12)
    ]


def emblem_svg(height=HEIGHT):
    width = height * 3 // 2
    stars = "\n".join(f'    <polygon points="{star_points(x, y, height / 18)}"/>' for x, y in star_centres(height))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}">\n'
        f'  <rect width="{width}" height="{height}" fill="{BLUE}"/>\n'
        f'  <g fill="{GOLD}">\n{stars}\n  </g>\n'
        "</svg>\n"
    )


if __name__ == "__main__":
    EMBLEM_FILE.write_text(emblem_svg(), encoding="utf-8")
    print(f"Écrit : {EMBLEM_FILE}")
