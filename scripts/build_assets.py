#!/usr/bin/env python3
"""Build the self-hosted typeface and the icon sprite from their npm packages.

    .venv/bin/python scripts/build_assets.py
    .venv/bin/python scripts/build_assets.py --font-package /tmp/x/package --icons-package /tmp/y/package

Without a folder, each package is fetched at its pinned version with ``npm pack`` into a temporary folder that is
removed afterwards; nothing is installed in the repository. Needs the dev tools of requirements-dev.txt (fonttools,
brotli) and, without folders, ``npm``. Writes (and overwrites) only:

- static/fonts/atkinson-hyperlegible-next-{400,700}.woff2, static/fonts/OFL.txt, static/fonts/README.md
- static/icons/sprite.svg, static/icons/LICENSE, static/icons/README.md

Running it twice gives the same bytes (no timestamps are written).
"""

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS_DIR = ROOT / "static" / "fonts"
ICONS_DIR = ROOT / "static" / "icons"

# The Google Fonts release of Atkinson Hyperlegible Next as whole static TTFs (the Fontsource packages ship files
# already cut into Google's "latin" / "latin-ext" slices, and their "latin" slice drops the per mille sign).
FONT_PACKAGE = "@expo-google-fonts/atkinson-hyperlegible-next"
FONT_PACKAGE_VERSION = "0.4.1"
FONT_FAMILY = "Atkinson Hyperlegible Next"
FONT_WEIGHTS = {
    400: "400Regular/AtkinsonHyperlegibleNext_400Regular.ttf",
    700: "700Bold/AtkinsonHyperlegibleNext_700Bold.ttf",
}
FONT_LICENSE_FILE = "LICENSE_FONT"  # the OFL text with the font's copyright line; LICENSE is the MIT of Expo's code


def font_file_name(weight):
    return f"atkinson-hyperlegible-next-{weight}.woff2"


# What French pages need: (first, last) code points, inclusive.
FONT_UNICODE_RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement: accented letters, « », °, no-break space, middle dot
    (0x0152, 0x0153),  # Œ œ
    (0x0178, 0x0178),  # Ÿ (capital of ÿ, as in L'HAŸ-LES-ROSES)
    (0x2009, 0x2009),  # thin space
    (0x2011, 0x2011),  # non-breaking hyphen (aliased to the hyphen, see CMAP_ALIASES)
    (0x2013, 0x2014),  # – —
    (0x2018, 0x201A),  # ‘ ’ ‚
    (0x201C, 0x201E),  # “ ” „
    (0x2022, 0x2022),  # •
    (0x2026, 0x2026),  # …
    (0x202F, 0x202F),  # narrow no-break space, before ; : ! ? and inside « » (aliased, see CMAP_ALIASES)
    (0x2030, 0x2030),  # ‰
    (0x2039, 0x203A),  # ‹ ›
    (0x20AC, 0x20AC),  # €
    (0x2116, 0x2116),  # № (not drawn in this face: browsers take it from the next font of the stack)
    (0x2122, 0x2122),  # ™
    (0x2212, 0x2212),  # minus sign
]

# Characters the face does not map but whose glyph it has under another code point: the narrow no-break space is
# the thin space that must not break, the non-breaking hyphen and the soft hyphen (shown where a word is cut) are
# the hyphen, the micro sign is the Greek mu.
CMAP_ALIASES = {
    0x202F: 0x2009,
    0x2011: 0x002D,
    0x00AD: 0x002D,
    0x00B5: 0x03BC,
}

# OpenType features kept besides fontTools' defaults (kerning, marks, ligatures, locl, ccmp, fractions...):
# tabular figures for tables of figures, case-sensitive forms for capitals, ordinals for 1er / 2e.
FONT_EXTRA_FEATURES = ["tnum", "pnum", "case", "ordn"]

# Name records kept: family, style, version, licence and licence URL (OFL asks for the notice to travel along).
FONT_NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 13, 14]

ICONS_PACKAGE = "lucide-static"
ICONS_PACKAGE_VERSION = "1.62.0"
# Only the icons the templates use; {% icon "name" %} refuses any other name in tests.
ICON_NAMES = [
    "phone",
    "mail",
    "map-pin",
    "clock",
    "calendar",
    "menu",
    "x",
    "chevron-down",
    "chevron-right",
    "search",
    "sun",
    "moon",
    "arrow-right",
    "languages",
    "external-link",
    "file-text",
    "users",
    "download",
]
# Presentation attributes of each Lucide icon, kept on its <symbol> so that <use> draws it like the original.
ICON_SYMBOL_ATTRIBUTES = ["viewBox", "fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin"]

SVG_NS = "http://www.w3.org/2000/svg"


def font_unicodes():
    return [code for first, last in FONT_UNICODE_RANGES for code in range(first, last + 1)]


def format_ranges():
    return ", ".join(
        f"U+{first:04X}" if first == last else f"U+{first:04X}-{last:04X}" for first, last in FONT_UNICODE_RANGES
    )


def npm_pack(package, version, workdir):
    """Download ``package@version`` with ``npm pack`` into ``workdir`` and return the extracted package folder."""
    print(f"npm pack {package}@{version}", flush=True)
    result = subprocess.run(
        ["npm", "pack", f"{package}@{version}", "--json", "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = workdir / json.loads(result.stdout)[0]["filename"]
    target = workdir / tarball.name.removesuffix(".tgz")
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def package_version(folder):
    return json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]


def check_version(folder, expected, name):
    found = package_version(folder)
    if found != expected:
        sys.exit(f"{name}: {folder} holds version {found}, this script is pinned to {expected}. Update the pin.")


def build_font(source, weight, target):
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, recalcTimestamp=False)
    for table in font["cmap"].tables:
        if table.isUnicode():
            for alias, original in CMAP_ALIASES.items():
                if alias not in table.cmap and original in table.cmap:
                    table.cmap[alias] = table.cmap[original]

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = [*options.layout_features, *FONT_EXTRA_FEATURES]
    options.name_IDs = FONT_NAME_IDS
    options.name_languages = ["*"]
    options.desubroutinize = True
    options.notdef_outline = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=font_unicodes())
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(target, reorderTables=True)
    missing = sorted(code for code in font_unicodes() if code not in font.getBestCmap())
    print(f"  {target.relative_to(ROOT)}: {target.stat().st_size} bytes", flush=True)
    return missing


def build_fonts(package):
    check_version(package, FONT_PACKAGE_VERSION, FONT_PACKAGE)
    FONTS_DIR.mkdir(parents=True, exist_ok=True)
    missing = []
    for weight, relative in FONT_WEIGHTS.items():
        missing = sorted(set(missing) | set(build_font(package / relative, weight, FONTS_DIR / font_file_name(weight))))
    (FONTS_DIR / "OFL.txt").write_text((package / FONT_LICENSE_FILE).read_text(encoding="utf-8"), encoding="utf-8")
    not_drawn = ", ".join(f"U+{code:04X}" for code in missing) or "none"
    aliases = ", ".join(
        f"U+{alias:04X} drawn with the glyph of U+{original:04X}" for alias, original in CMAP_ALIASES.items()
    )
    files = "\n".join(f"- `{font_file_name(weight)}`: weight {weight}, normal style" for weight in FONT_WEIGHTS)
    (FONTS_DIR / "README.md").write_text(
        f"""# {FONT_FAMILY}

Generated by `scripts/build_assets.py`: do not edit these files by hand, run the script again.

{files}

## Why this face
Atkinson Hyperlegible Next was drawn by the Braille Institute of America for readers with low vision: letters that
are easily confused elsewhere (I, l and 1; O and 0; b, d, p and q) are told apart by their shapes. The same clarity
helps people reading French as a second language, who make up much of the centre's public.

## Source
- Font: {FONT_FAMILY} version 2.001, Copyright 2020-2024 The Atkinson Hyperlegible Next Project Authors,
  SIL Open Font License 1.1 (`OFL.txt`, with no Reserved Font Name).
- Taken from the npm package `{FONT_PACKAGE}@{FONT_PACKAGE_VERSION}`, which ships the Google Fonts release as
  whole static TTF files (`{"`, `".join(FONT_WEIGHTS.values())}`).

## What was changed
Subsetted with fontTools and compressed as WOFF2 (brotli). This is a Modified Version in the sense of the OFL; it
stays under the OFL.
- Characters kept: {format_ranges()}.
- Characters added to the character map: {aliases}.
- Characters asked for that the face does not draw (the browser takes them from the next font of the stack):
  {not_drawn}.
- OpenType features kept: fontTools' defaults (among them `kern`, `liga`, `mark`, `mkmk`, `ccmp`, `locl`,
  `frac`) plus {", ".join(f"`{feature}`" for feature in FONT_EXTRA_FEATURES)}.
- Name records kept: {", ".join(str(i) for i in FONT_NAME_IDS)}.
""",
        encoding="utf-8",
    )


def build_sprite(package):
    check_version(package, ICONS_PACKAGE_VERSION, ICONS_PACKAGE)
    ET.register_namespace("", SVG_NS)
    sprite = ET.Element(f"{{{SVG_NS}}}svg")
    sprite.set("aria-hidden", "true")
    sprite.text = "\n"
    for name in ICON_NAMES:
        source = package / "icons" / f"{name}.svg"
        if not source.exists():
            sys.exit(f"{ICONS_PACKAGE} {ICONS_PACKAGE_VERSION} has no icon named {name!r} ({source}).")
        icon = ET.fromstring(source.read_text(encoding="utf-8"))
        symbol = ET.SubElement(sprite, f"{{{SVG_NS}}}symbol", {"id": name})
        for attribute in ICON_SYMBOL_ATTRIBUTES:
            if attribute in icon.attrib:
                symbol.set(attribute, icon.attrib[attribute])
        for child in icon:
            child.tail = None
            symbol.append(child)
        symbol.tail = "\n"
    ICONS_DIR.mkdir(parents=True, exist_ok=True)
    body = ET.tostring(sprite, encoding="unicode")
    comment = (
        f"<!-- Lucide {ICONS_PACKAGE_VERSION} (ISC licence, see LICENSE beside this file);"
        " generated by scripts/build_assets.py -->\n"
    )
    (ICONS_DIR / "sprite.svg").write_text(comment + body + "\n", encoding="utf-8")
    (ICONS_DIR / "LICENSE").write_text((package / "LICENSE").read_text(encoding="utf-8"), encoding="utf-8")
    names = "\n".join(f"- `{name}`" for name in ICON_NAMES)
    (ICONS_DIR / "README.md").write_text(
        f"""# Icons

`sprite.svg` holds one `<symbol>` per icon, taken from Lucide (npm package `{ICONS_PACKAGE}@{ICONS_PACKAGE_VERSION}`,
ISC licence in `LICENSE`). Generated by `scripts/build_assets.py`: to add an icon, add its Lucide name to
`ICON_NAMES` in that script and run it again. Templates draw an icon with `{{% load icons %}}{{% icon "phone" %}}`.

Icons in the sprite:

{names}
""",
        encoding="utf-8",
    )
    print(f"  {(ICONS_DIR / 'sprite.svg').relative_to(ROOT)}: {len(ICON_NAMES)} symbols", flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--font-package", type=Path, help=f"extracted folder of {FONT_PACKAGE}@{FONT_PACKAGE_VERSION}")
    parser.add_argument(
        "--icons-package", type=Path, help=f"extracted folder of {ICONS_PACKAGE}@{ICONS_PACKAGE_VERSION}"
    )
    args = parser.parse_args(argv)
    try:
        import brotli  # noqa: F401  (WOFF2 compression)
        import fontTools  # noqa: F401
    except ImportError:
        sys.exit("fonttools and brotli are needed: pip install -r requirements-dev.txt")
    with tempfile.TemporaryDirectory() as workdir:
        font_package = args.font_package or npm_pack(FONT_PACKAGE, FONT_PACKAGE_VERSION, Path(workdir))
        icons_package = args.icons_package or npm_pack(ICONS_PACKAGE, ICONS_PACKAGE_VERSION, Path(workdir))
        print("Fonts:", flush=True)
        build_fonts(font_package)
        print("Icons:", flush=True)
        build_sprite(icons_package)


if __name__ == "__main__":
    main()
