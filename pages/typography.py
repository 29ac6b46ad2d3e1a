"""French typography, as pure functions: the spaces French puts around punctuation, and dates ("1er décembre 2026").

``french_spacing`` works on plain text; ``french_spacing_html`` on HTML, in its text only: tags, attribute values,
comments, the content of ``<script>``, ``<style>``, ``<pre>``, ``<code>``… and of elements in another language
(``lang="en"``), URLs and e-mail addresses are left exactly as they are.

- a narrow no-break space (U+202F) replaces the space before ``;``, ``!`` and ``?``;
- a no-break space (U+00A0) replaces the space before ``:``;
- a no-break space goes after « and before », added when missing.

Nothing is added before ``: ; ! ?`` when there is no space ("9:30", "http://", "?q=" stay as they are), and running
the functions again changes nothing. The HTML is not parsed and rebuilt (as BeautifulSoup would): only the spaces of
its text change, every other character stays where it was.
"""

import re

from django.utils import timezone, translation
from django.utils.dateformat import format as django_date_format
from django.utils.formats import get_format

from pages.phone import EMAIL_ADDRESS

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

# A space that French typography may replace; in HTML also the entities of no-break spaces.
TEXT_SPACE = r"[ \t\r\n\u00a0\u202f]"
HTML_SPACE = r"(?:[ \t\r\n\u00a0\u202f]|&nbsp;|&#160;|&#x0*a0;|&#8239;|&#x0*202f;)"
TEXT_OPEN, TEXT_CLOSE = "«", "»"
HTML_OPEN = r"(?:«|&laquo;|&#171;|&#x0*ab;)"
HTML_CLOSE = r"(?:»|&raquo;|&#187;|&#x0*bb;)"


def _rules(space, open_quote, close_quote):
    flags = re.IGNORECASE
    return [
        (re.compile(f"{space}+(?=[;!?])", flags), lambda m: NARROW_NBSP),
        (re.compile(f"{space}+(?=:)", flags), lambda m: NBSP),
        (re.compile(f"({open_quote}){space}*", flags), lambda m: m.group(1) + NBSP),
        (re.compile(f"{space}*({close_quote})", flags), lambda m: NBSP + m.group(1)),
    ]


TEXT_RULES = _rules(TEXT_SPACE, TEXT_OPEN, TEXT_CLOSE)
HTML_RULES = _rules(HTML_SPACE, HTML_OPEN, HTML_CLOSE)

# What typography must not touch inside a text: URLs (a trailing full stop, comma… is the sentence's) and e-mails.
URL = re.compile(r"""(?:\b[a-z][a-z0-9+.-]*://|\bwww\.|\bmailto:|\btel:)[^\s<>"'«»]*[^\s<>"'«».,;:!?)\]]""", re.I)
UNTOUCHABLE = re.compile(f"{URL.pattern}|{EMAIL_ADDRESS.pattern}", re.IGNORECASE)


def _apply(text, rules):
    pieces, position = [], 0
    for match in UNTOUCHABLE.finditer(text):
        pieces.append(_apply_rules(text[position : match.start()], rules))
        pieces.append(match.group(0))
        position = match.end()
    pieces.append(_apply_rules(text[position:], rules))
    return "".join(pieces)


def _apply_rules(text, rules):
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def french_spacing(text):
    """Plain ``text`` with the no-break spaces of French typography (see the module's docstring)."""
    return _apply(str(text), TEXT_RULES)


# HTML, token by token: a comment, a doctype or processing instruction, a tag (attribute values may hold ">"), or
# a "<" and a letter that never closes (a browser drops it: it is no text either). The rest is text.
TAG = re.compile(
    r"""<!--.*?(?:-->|\Z)"""
    r"""|<[!?][^>]*(?:>|\Z)"""
    r"""|</?[A-Za-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>"""
    r"""|</?[A-Za-z].*\Z""",
    re.DOTALL,
)
TAG_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
LANG = re.compile(r"""\s(?:xml:)?lang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
# Elements whose content is left alone: code and preformatted text; script, style and textarea are raw text.
RAW_TEXT = {"script", "style", "textarea", "title", "xmp"}
LEFT_ALONE = RAW_TEXT | {"pre", "code", "kbd", "samp", "var", "svg", "math"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


def _is_french(lang):
    return lang == "" or lang.lower() == "fr" or lang.lower().startswith("fr-")


def french_spacing_html(html):
    """``html`` with the no-break spaces of French typography in its text only (see the module's docstring).

    Written as a small tokenizer rather than with an HTML parser so that everything but the spaces of the text
    comes out byte for byte as it went in (a parser would rewrite tags, attributes and entities).
    """
    html = str(html)
    pieces, position = [], 0
    stack = []  # open elements: (name, whether their text is left alone)
    while position < len(html):
        match = TAG.search(html, position)
        end = match.start() if match else len(html)
        text = html[position:end]
        if text:
            left_alone = bool(stack) and stack[-1][1]
            pieces.append(text if left_alone else _apply(text, HTML_RULES))
        if not match:
            break
        tag = match.group(0)
        pieces.append(tag)
        position = match.end()
        name_match = TAG_NAME.match(tag)
        if name_match is None:  # a comment, a doctype
            continue
        name = name_match.group(1).lower()
        if tag.startswith("</"):
            if any(open_name == name for open_name, _ in stack):
                while stack and stack.pop()[0] != name:
                    pass
            continue
        if name in RAW_TEXT:  # its content is text up to its end tag, never markup
            closing = re.compile(f"</{re.escape(name)}[\\s/>]", re.IGNORECASE).search(html, position)
            raw_end = closing.start() if closing else len(html)
            pieces.append(html[position:raw_end])
            position = raw_end
            continue
        if name in VOID or tag.endswith("/>"):
            continue
        lang = LANG.search(tag)
        foreign = lang is not None and not _is_french(next(value for value in lang.groups() if value is not None))
        inherited = stack[-1][1] if stack else False
        stack.append((name, inherited or name in LEFT_ALONE or foreign))
    return "".join(pieces)


DEFAULT_DATE_FORMAT = "j F Y"


def _first_day_format(date_format):
    """The Django date format with its day of the month ("j") written "1er" (for the first of a month)."""
    pieces, escaped = [], False
    for character in date_format:
        if escaped:
            pieces.append("\\" + character)
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == "j":
            pieces.append("\\1\\e\\r")
        else:
            pieces.append(character)
    if escaped:
        pieces.append("\\")
    return "".join(pieces)


def format_date_fr(value, date_format=DEFAULT_DATE_FORMAT):
    """ "1er décembre 2026", "mardi 12 mai 2026": ``value`` (a date or datetime) in French with Django's date
    format characters, the first of the month written "1er". A name such as "DATE_FORMAT" is looked up.

    An aware datetime is read in the site's time zone. None or "" gives "".
    """
    if value in (None, ""):
        return ""
    if date_format.isupper() and date_format.endswith("FORMAT"):
        date_format = get_format(date_format, lang="fr")
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    if value.day == 1:
        date_format = _first_day_format(date_format)
    with translation.override("fr"):
        return django_date_format(value, date_format)
