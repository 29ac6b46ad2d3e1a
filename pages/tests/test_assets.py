"""The self-hosted typeface and the icon sprite built by scripts/build_assets.py, the {% icon %} tag, and the
@font-face rules of site.css."""

import importlib.util
import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError
from django.templatetags.static import static
from fontTools.ttLib import TTFont
from wagtail.models import Page

from pages.templatetags import icons

ROOT = Path(settings.BASE_DIR)
STATIC = ROOT / "static"
FONTS = sorted((STATIC / "fonts").glob("*.woff2"))
SVG = "{http://www.w3.org/2000/svg}"
FRENCH_TYPOGRAPHY = "«»’‘“”–—…•€°ŒœÀÉÈÊÇàâäçéèêëîïôöùûüÿ\u00a0\u202f"


def build_script():
    spec = importlib.util.spec_from_file_location("build_assets", ROOT / "scripts" / "build_assets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cmap_of(path):
    return TTFont(path).getBestCmap()


# Fonts


def test_at_most_two_woff2_files_weighing_at_most_80_kb_together():
    assert 1 <= len(FONTS) <= 2, FONTS
    assert sum(path.stat().st_size for path in FONTS) <= 80 * 1024
    assert {path.name for path in FONTS} == {
        "atkinson-hyperlegible-next-400.woff2",
        "atkinson-hyperlegible-next-700.woff2",
    }
    for path in FONTS:
        assert path.read_bytes()[:4] == b"wOF2", path


def test_fonts_are_atkinson_hyperlegible_next_regular_and_bold_under_the_ofl():
    weights = {}
    for path in FONTS:
        font = TTFont(path)
        assert font["name"].getDebugName(1) == "Atkinson Hyperlegible Next"
        weights[font["OS/2"].usWeightClass] = path.name
    assert sorted(weights) == [400, 700]
    licence = (STATIC / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Atkinson Hyperlegible Next Project Authors" in licence
    readme = (STATIC / "fonts" / "README.md").read_text(encoding="utf-8")
    assert "scripts/build_assets.py" in readme and "U+202F" in readme


@pytest.mark.parametrize("path", FONTS, ids=lambda path: path.name)
def test_each_font_draws_french_typography_and_keeps_kerning(path):
    font = TTFont(path)
    cmap = font.getBestCmap()
    missing = [f"U+{ord(char):04X} {unicodedata.name(char)}" for char in FRENCH_TYPOGRAPHY if ord(char) not in cmap]
    assert missing == []
    # The narrow no-break space (before ; : ! ? and inside « ») is drawn as the face's thin space.
    assert cmap[0x202F] == cmap[0x2009]
    kept_features = {record.FeatureTag for record in font["GPOS"].table.FeatureList.FeatureRecord}
    assert "kern" in kept_features


def visible_french_text(html):
    """Text a visitor reads on the page, leaving out scripts, styles and passages marked in another language."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.find_all(["script", "style", "template", "noscript"]):
        hidden.decompose()
    for foreign in soup.find_all(lang=True):
        language = foreign["lang"].lower()
        if foreign.name != "html" and not (language == "fr" or language.startswith("fr-")):
            foreign.decompose()
    body = soup.body or soup
    return body.get_text()


def is_drawn_in_the_french_face(char):
    """Leaves out controls and format characters (no font draws them) and letters of other scripts: a language name
    or a sentence in Ukrainian or Arabic is drawn by a font of its script, even where no ``lang`` marks it."""
    category = unicodedata.category(char)
    if category in {"Cc", "Cf"}:
        return False
    other_script = ord(char) > 0x024F and "LATIN" not in unicodedata.name(char, "")
    return not (category.startswith("L") and other_script)


def one_live_page_of_each_type():
    pages = {}
    for page in Page.objects.live().public().filter(depth__gt=1).order_by("path").specific():
        pages.setdefault(type(page), page)
    return list(pages.values())


@pytest.mark.django_db
def test_each_font_draws_every_character_of_the_seeded_french_pages(client):
    pages = one_live_page_of_each_type()
    assert len(pages) >= 10, pages
    text = ""
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        text += visible_french_text(response.content.decode())
    drawn = {char for char in text if is_drawn_in_the_french_face(char)}
    assert {"é", "à", "ç", "«", "»"} <= drawn, "the pages' French text was not collected"
    for path in FONTS:
        cmap = cmap_of(path)
        missing = sorted(f"U+{ord(char):04X} {unicodedata.name(char, '?')}" for char in drawn if ord(char) not in cmap)
        assert missing == [], f"{path.name} lacks characters of the seeded pages"


# Icons


def sprite_symbols():
    tree = ET.parse(STATIC / "icons" / "sprite.svg")
    return tree.getroot().findall(f"{SVG}symbol")


def test_sprite_holds_exactly_the_icons_the_build_script_lists_each_with_a_view_box():
    symbols = sprite_symbols()
    assert [symbol.get("id") for symbol in symbols] == build_script().ICON_NAMES
    for symbol in symbols:
        assert symbol.get("viewBox") == "0 0 24 24", symbol.get("id")
        assert len(symbol) >= 1, f"{symbol.get('id')} draws nothing"
    assert "ISC License" in (STATIC / "icons" / "LICENSE").read_text(encoding="utf-8")


ICON_TAG = re.compile(r"""{%\s*icon\s+["']([^"']+)["']""")


def icon_names_used_in_templates():
    used = {}
    for path in ROOT.rglob("*.html"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {".venv", "node_modules", "staticfiles", "media"}:
            continue
        for name in ICON_TAG.findall(path.read_text(encoding="utf-8")):
            used.setdefault(name, []).append(str(relative))
    return used


def test_every_icon_named_in_a_template_is_in_the_sprite():
    in_sprite = {symbol.get("id") for symbol in sprite_symbols()}
    unknown = {name: paths for name, paths in icon_names_used_in_templates().items() if name not in in_sprite}
    assert unknown == {}


def render(source, **context):
    return Template("{% load icons %}" + source).render(Context(context))


def test_icon_tag_draws_a_decorative_icon_from_the_hashed_sprite():
    assert render('{% icon "phone" %}') == (
        '<svg class="icon icon--phone" aria-hidden="true" focusable="false" width="24" height="24">'
        f'<use href="{static("icons/sprite.svg")}#phone"></use></svg>'
    )


def test_icon_tag_with_a_label_is_announced_as_an_image():
    html = render('{% icon "x" label=label %}', label="Fermer le menu & revenir")
    assert html == (
        '<svg class="icon icon--x" role="img" aria-label="Fermer le menu &amp; revenir" focusable="false" '
        f'width="24" height="24"><use href="{static("icons/sprite.svg")}#x"></use></svg>'
    )
    assert "aria-hidden" not in html


def test_icon_tag_refuses_an_unknown_name_in_tests():
    with pytest.raises(TemplateSyntaxError, match="Unknown icon 'telephone'"):
        render('{% icon "telephone" %}')


def test_icon_tag_leaves_an_unknown_icon_out_in_production(monkeypatch, caplog):
    monkeypatch.setattr(icons, "unknown_icons_are_errors", lambda: False)
    assert render('{% icon "telephone" %}') == ""
    assert "Unknown icon 'telephone'" in caplog.text


# site.css


def font_face_rules():
    css = (STATIC / "css" / "site.css").read_text(encoding="utf-8")
    return re.findall(r"@font-face\s*{([^}]*)}", css)


def test_site_css_loads_each_font_file_from_this_site_with_font_display_swap():
    rules = font_face_rules()
    assert len(rules) == len(FONTS)
    served = set()
    for rule in rules:
        assert 'font-family: "Atkinson Hyperlegible Next"' in rule
        assert re.search(r"font-display:\s*swap", rule)
        assert "http" not in rule
        urls = re.findall(r"""url\(["']?([^"')]+)["']?\)""", rule)
        assert urls, rule
        for url in urls:
            target = (STATIC / "css" / url).resolve()
            assert target.exists(), url
            served.add(target)
    assert served == {path.resolve() for path in FONTS}


@pytest.mark.django_db
def test_every_page_preloads_both_font_files_so_text_does_not_reflow(client):
    from bs4 import BeautifulSoup
    from django.templatetags.static import static

    soup = BeautifulSoup(client.get("/").content, "html.parser")
    preloads = soup.select("head link[rel=preload][as=font]")
    assert sorted(link["href"] for link in preloads) == sorted(
        static(f"fonts/atkinson-hyperlegible-next-{weight}.woff2") for weight in (400, 700)
    )
    assert all(link.has_attr("crossorigin") and link["type"] == "font/woff2" for link in preloads)
