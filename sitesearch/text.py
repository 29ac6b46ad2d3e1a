"""Text helpers of the search, without a database: normalising queries, folding accents, excerpts with <mark>."""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

WHITESPACE = re.compile(r"\s+")
# What the search engine is given: letters, digits, apostrophes and hyphens inside words. Quotes, brackets, stars,
# operators… become spaces, so no engine (SQLite FTS5 reads `"`, `*`, `AND`…) ever sees a syntax of its own.
NOT_A_WORD_CHARACTER = re.compile(r"[^\w'’-]+")
WORD = re.compile(r"\w+")
EXCERPT_LENGTH = 220
# Too short or too common to highlight (French stop words the full-text search ignores too).
STOP_WORD_LIST = (
    "a au aux avec ce ces d dans de des du elle en et eux il je l la le les leur lui m ma mais me meme mes moi "
    "mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses son sur t ta te tes toi ton tu un une "
    "vos votre vous y"
)
STOP_WORDS = frozenset(STOP_WORD_LIST.split())


def normalise_query(text):
    """How a query is recorded and compared: stripped, spaces collapsed, lower case, at most 100 characters."""
    return WHITESPACE.sub(" ", text).strip().lower()[:100].strip()


def fold(text):
    """Lower case without accents: "Intégration" → "integration". One character in, one character out."""
    return "".join(_fold_character(character) for character in text)


def _fold_character(character):
    decomposed = unicodedata.normalize("NFD", character)
    base = decomposed[0] if decomposed else character
    return base.lower() if len(base.lower()) == 1 else character


def engine_query(text):
    """The query as the search engine is given it: words only, single spaces."""
    words = (word.strip("'’-_") for word in NOT_A_WORD_CHARACTER.sub(" ", text).split())
    return " ".join(word for word in words if word)


def stems(words):
    """The folded words worth highlighting, without plural endings: "Formations" → "formation"."""
    found = []
    for word in words:
        for part in WORD.findall(fold(word)):
            if len(part) < 3 or part in STOP_WORDS:
                continue
            stem = part[:-1] if len(part) > 4 and part[-1] in "sx" else part
            if stem not in found:
                found.append(stem)
    return found


def _match_spans(text, word_stems):
    """Where the words of ``text`` starting with one of ``word_stems`` are (accents and case ignored)."""
    if not word_stems:
        return []
    folded = fold(text)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(stem) for stem in word_stems) + r")\w*")
    return [match.span() for match in pattern.finditer(folded)]


def excerpt(text, word_stems, length=EXCERPT_LENGTH):
    """A short passage of ``text`` around the first matched word, escaped, with matched words in <mark>."""
    text = WHITESPACE.sub(" ", text or "").strip()
    if not text:
        return ""
    spans = _match_spans(text, word_stems)
    start = 0
    if spans and spans[0][0] > length // 3:
        start = text.rfind(" ", 0, spans[0][0] - length // 4) + 1
    end = len(text)
    if end - start > length:
        end = text.rfind(" ", start, start + length)
        end = end if end > start else start + length
    passage_spans = [(max(a, start), min(b, end)) for a, b in spans if a < end and b > start]
    parts = ["…"] if start > 0 else []
    position = start
    for span_start, span_end in passage_spans:
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))  # every piece of text went through escape() above


def highlight(text, word_stems):
    """The whole of a short text (a title), escaped, with matched words in <mark>."""
    return excerpt(text, word_stems, length=10_000)
