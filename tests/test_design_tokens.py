"""The colour tokens of static/css/site.css meet WCAG 2.1 AA in both themes.

Every pair of colours that the stylesheet puts together is listed in ``PAIRS`` (text 4.5:1, graphics and focus
3:1); a failing pair names itself, its theme and where it is used. The dark theme is written twice in site.css
(once for the system's choice, once for the toggle); both copies must stay identical.

``python -m tests.test_design_tokens`` prints the contrast table that docs/design.md shows.
"""

import re
from pathlib import Path

import pytest

SITE_CSS = Path(__file__).resolve().parents[1] / "static" / "css" / "site.css"

TEXT = 4.5  # WCAG 1.4.3, normal-size text
GRAPHIC = 3.0  # WCAG 1.4.11, focus indicators, form field borders, chart marks

# (foreground, background, minimum ratio, where the pair is used). Token names without their "--color-" prefix;
# chart tokens keep their own name.
PAIRS = [
    ("text", "bg", TEXT, "body text"),
    ("text", "surface", TEXT, "text in notices, tags, office cards, quotes"),
    ("text", "surface-strong", TEXT, "text on the stronger surface"),
    ("text", "primary-soft", TEXT, "text in pending-content boxes, the hero"),
    ("text", "accent-soft", TEXT, "'Complet' on a session card"),
    ("text", "success-soft", TEXT, "text on a success background"),
    ("text", "danger-soft", TEXT, "text in the form error summary"),
    ("text-muted", "bg", TEXT, "dates, help texts, captions"),
    ("text-muted", "surface", TEXT, "muted text in cards and boxes"),
    ("text-muted", "surface-strong", TEXT, "muted text on the stronger surface"),
    ("text-muted", "primary-soft", TEXT, "muted text in the hero"),
    ("heading", "bg", TEXT, "headings"),
    ("heading", "surface", TEXT, "headings in cards and boxes"),
    ("heading", "primary-soft", TEXT, "the hero's title"),
    ("link", "bg", TEXT, "links"),
    ("link", "surface", TEXT, "links in cards and boxes"),
    ("link", "surface-strong", TEXT, "links on the stronger surface"),
    ("link", "primary-soft", TEXT, "links in pending-content boxes, the pressed theme button"),
    ("link-hover", "bg", TEXT, "a hovered link"),
    ("link-hover", "surface", TEXT, "a hovered link in a box"),
    ("primary", "bg", TEXT, "primary-coloured text"),
    ("primary", "surface", TEXT, "primary-coloured text in a box"),
    ("primary-strong", "bg", TEXT, "key figures"),
    ("primary-strong", "surface", TEXT, "tags that are links"),
    ("accent", "bg", TEXT, "'Complet' on a registration, icons of the task list"),
    ("accent", "surface", TEXT, "accent text in a box"),
    ("success", "bg", TEXT, "success text"),
    ("success", "success-soft", TEXT, "places left on a session card"),
    ("danger", "bg", TEXT, "error text"),
    ("danger", "danger-soft", TEXT, "error text in the error summary"),
    ("on-primary", "primary", TEXT, "current page in pagination, hovered header buttons"),
    ("on-primary", "primary-strong", TEXT, "call-to-action box"),
    ("on-primary", "accent", TEXT, "buttons (.button)"),
    ("on-primary", "accent-strong", TEXT, "hovered buttons"),
    ("band-text", "band", TEXT, "main menu and footer"),
    ("band-muted", "band", TEXT, "footer tagline and credits, sub-menu links on phones"),
    ("focus", "bg", GRAPHIC, "focus outline on the page"),
    ("focus", "surface", GRAPHIC, "focus outline in a box"),
    ("band-focus", "band", GRAPHIC, "focus outline in the main menu and footer"),
    ("border-strong", "bg", GRAPHIC, "form field borders"),
    ("chart-1", "bg", GRAPHIC, "chart series 1"),
    ("chart-2", "bg", GRAPHIC, "chart series 2"),
    ("chart-3", "bg", GRAPHIC, "chart series 3"),
    ("chart-4", "bg", GRAPHIC, "chart series 4"),
]

LIGHT_SELECTOR = ":root"
DARK_SELECTORS = (':root:not([data-theme="light"])', ':root[data-theme="dark"]')

RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
DECLARATION = re.compile(r"(--[\w-]+)\s*:\s*([^;]+);")
VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^)]*))?\)")
HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}\b")
COMMENT = re.compile(r"/\*.*?\*/", re.S)


def stylesheet():
    return COMMENT.sub("", SITE_CSS.read_text(encoding="utf-8"))


def rules(css):
    """(selector, body) of every innermost rule; an @media wrapper is dropped, its rules kept."""
    for match in RULE.finditer(css):
        yield match.group(1).strip(), match.group(2)


def declarations(body):
    return {name: " ".join(value.split()) for name, value in DECLARATION.findall(body)}


def token_blocks(css=None):
    """The custom properties of the light block and of each dark block, keyed by selector."""
    blocks = {}
    for selector, body in rules(stylesheet() if css is None else css):
        if selector == LIGHT_SELECTOR or selector in DARK_SELECTORS:
            assert selector not in blocks, f"{selector} is declared twice in site.css"
            blocks[selector] = declarations(body)
    return blocks


def themes(css=None):
    """The tokens each theme resolves to: light, and dark (the light tokens with the dark ones over them)."""
    blocks = token_blocks(css)
    light = blocks[LIGHT_SELECTOR]
    return {"light": dict(light), "dark": {**light, **blocks[DARK_SELECTORS[0]]}}


def resolve(name, properties, seen=()):
    """The value of a custom property as a browser computes it on one element (var() read on the same element)."""
    if name in seen:
        raise ValueError(f"cycle through {name}")
    value = properties.get(name)
    if value is None:
        return None

    def substitute(match):
        resolved = resolve(match.group(1), properties, (*seen, name))
        return resolved if resolved is not None else (match.group(2) or "")

    return VAR.sub(substitute, value)


def hex_colour(value):
    match = HEX.fullmatch(value.strip())
    assert match, f"{value!r} is not a hex colour"
    digits = value.strip()[1:]
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return tuple(int(digits[index : index + 2], 16) for index in (0, 2, 4))


def relative_luminance(rgb):
    """WCAG 2.1 relative luminance of an sRGB colour."""

    def linear(channel):
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def token_name(short):
    return f"--{short}" if short.startswith("chart-") else f"--color-{short}"


def token_colour(short, properties):
    value = resolve(token_name(short), properties)
    assert value is not None, f"{token_name(short)} is not defined"
    return hex_colour(value)


def contrast_rows(css=None):
    """One row per pair and theme: (theme, foreground, background, ratio, minimum, usage)."""
    rows = []
    for theme, properties in themes(css).items():
        for foreground, background, minimum, usage in PAIRS:
            ratio = contrast_ratio(token_colour(foreground, properties), token_colour(background, properties))
            rows.append((theme, foreground, background, ratio, minimum, usage))
    return rows


def focus_contexts(css=None):
    """Each rule that sets --color-focus for its part of the page: (theme, selector, outline, background).

    The rule's own custom properties are resolved as a browser does, on that element: a rule that sets
    ``--color-focus: var(--focus-halo)`` and ``--focus-halo: var(--color-band)`` gets the band colour as outline.
    """
    css = stylesheet() if css is None else css
    contexts = []
    for theme, tokens in themes(css).items():
        for selector, body in rules(css):
            own = declarations(body)
            if selector == LIGHT_SELECTOR or selector in DARK_SELECTORS or "--color-focus" not in own:
                continue
            properties = {**tokens, **own}
            background = re.search(r"background(?:-color)?\s*:\s*([^;]+);", body)
            assert background, f"{selector} sets --color-focus: declare the background it sits on in the same rule"
            properties["--background"] = background.group(1).split("/*")[0].strip()
            contexts.append(
                (
                    theme,
                    selector,
                    hex_colour(resolve("--color-focus", properties)),
                    hex_colour(resolve("--background", properties)),
                )
            )
    return contexts


def markdown_table(css=None):
    """The palette table of docs/design.md: each pair with its ratio in both themes."""
    by_pair = {}
    for theme, foreground, background, ratio, minimum, usage in contrast_rows(css):
        by_pair.setdefault((foreground, background, minimum, usage), {})[theme] = ratio
    lines = ["| Colour | On | Light | Dark | Minimum | Use |", "|---|---|---|---|---|---|"]
    for (foreground, background, minimum, usage), ratios in by_pair.items():
        lines.append(
            f"| `{token_name(foreground)}` | `{token_name(background)}` | {ratios['light']:.2f} | "
            f"{ratios['dark']:.2f} | {minimum:g}:1 | {usage} |"
        )
    return "\n".join(lines)


def palette_table(css=None):
    """Every colour token with its light and dark value."""
    values = themes(css)
    lines = ["| Token | Light | Dark |", "|---|---|---|"]
    for name, value in values["light"].items():
        if name.startswith(("--color-", "--chart-", "--focus-")):
            lines.append(f"| `{name}` | `{value}` | `{values['dark'][name]}` |")
    return "\n".join(lines)


# The tests


def test_both_dark_blocks_are_identical():
    blocks = token_blocks()
    system, toggle = (blocks[selector] for selector in DARK_SELECTORS)
    differences = {
        name: (system.get(name), toggle.get(name))
        for name in sorted(system.keys() | toggle.keys())
        if system.get(name) != toggle.get(name)
    }
    assert not differences, f"the two dark blocks differ (system, toggle): {differences}"


def test_dark_theme_overrides_every_colour_that_changes_with_the_theme():
    blocks = token_blocks()
    light, dark = blocks[LIGHT_SELECTOR], blocks[DARK_SELECTORS[0]]
    # Tokens that stay the same in both themes are declared once, in the light block.
    same_in_both = {"--color-band-focus"}
    missing = [
        name
        for name in light
        if name.startswith(("--color-", "--chart-")) and name not in dark and name not in same_in_both
    ]
    assert not missing, f"colours without a dark value: {missing}"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_pair_meets_wcag_aa(theme):
    failures = [
        f"{token_name(foreground)} on {token_name(background)}: {ratio:.2f}:1 < {minimum:g}:1 ({usage})"
        for row_theme, foreground, background, ratio, minimum, usage in contrast_rows()
        if row_theme == theme and ratio < minimum
    ]
    assert not failures, f"theme {theme}:\n" + "\n".join(failures)


def test_every_focus_outline_set_for_a_part_of_the_page_stands_out_from_its_background():
    contexts = focus_contexts()
    assert {selector for _, selector, _, _ in contexts} >= {".main-nav", ".site-footer"}
    failures = [
        f"{theme} {selector}: outline on background {contrast_ratio(outline, background):.2f}:1"
        for theme, selector, outline, background in contexts
        if contrast_ratio(outline, background) < GRAPHIC
    ]
    assert not failures, "\n".join(failures)


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1)
    # #767676 on white is the classic lightest grey that passes 4.5:1.
    assert contrast_ratio(hex_colour("#767676"), hex_colour("#fff")) == pytest.approx(4.54, abs=0.01)


def test_focus_contexts_resolve_custom_properties_on_the_same_element():
    css = """
    :root { --color-focus: #000000; --focus-halo: #ffd24d; --color-band: #073f4f; }
    :root:not([data-theme="light"]) { --color-focus: #000000; }
    :root[data-theme="dark"] { --color-focus: #000000; }
    .band { background: var(--color-band); --color-focus: var(--focus-halo); --focus-halo: var(--color-band); }
    """
    outlines = {outline for _, _, outline, _ in focus_contexts(css)}
    assert outlines == {hex_colour("#073f4f")}  # the band colour, as Chromium computes it: invisible


if __name__ == "__main__":
    print(palette_table())
    print()
    print(markdown_table())
