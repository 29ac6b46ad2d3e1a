"""Phone numbers as links: every number shown on the site is a ``tel:`` link, whichever app shows it."""

import re

from bs4 import BeautifulSoup, NavigableString


def tel_href(number, country_code="32"):
    """Turn a number as people write it ("081 73 71 76") into a ``tel:`` URI in international form."""
    digits = re.sub(r"[^\d+]", "", number or "")
    if not digits:
        return ""
    if digits.startswith("+"):
        return f"tel:{digits}"
    if digits.startswith("00"):
        return f"tel:+{digits[2:]}"
    if digits.startswith("0"):
        return f"tel:+{country_code}{digits[1:]}"
    return f"tel:{digits}"


# A Belgian number as people write it: "081 73 71 76", "02 123 45 67", "0470 12 34 56", "+32 81 73 71 76".
PHONE_NUMBER = re.compile(r"(?<![\w+/-])(?:\+32[ .]?|0)\d{1,3}(?:[ ./]?\d{2,3})(?:[ ./]?\d{2}){2}(?![\w/-])")
EMAIL_ADDRESS = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])", re.IGNORECASE)
CONTACT = re.compile(f"{PHONE_NUMBER.pattern}|{EMAIL_ADDRESS.pattern}", re.IGNORECASE)


def link_contacts(html):
    """``html`` with every phone number and e-mail address written as text turned into a tel:/mailto: link.

    Editors type "appelez le 081 73 71 76" in rich text; a visitor on a phone must be able to tap it. Text already
    inside a link is left alone.
    """
    if not CONTACT.search(html):
        return html
    soup = BeautifulSoup(html, "html.parser")
    for text in soup.find_all(string=CONTACT):
        if text.find_parent(["a", "script", "style", "textarea"]) is not None:
            continue
        pieces, position = [], 0
        for match in CONTACT.finditer(text):
            pieces.append(NavigableString(text[position : match.start()]))
            value = match.group(0)
            link = soup.new_tag("a", href=f"mailto:{value}" if "@" in value else tel_href(value))
            link.string = value
            pieces.append(link)
            position = match.end()
        pieces.append(NavigableString(text[position:]))
        for piece in pieces:
            text.insert_before(piece)
        text.extract()
    return str(soup)
