"""Phone numbers as links: every number shown on the site is a ``tel:`` link, whichever app shows it."""

import re


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
