"""In Chromium: the honeypot is off-screen, the keyboard never reaches it, and axe finds nothing to complain about
(``aria-hidden-focus`` holds because its input has tabindex -1)."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django import forms
from django.template import Context, Template

from guard.spam import HONEYPOT_FIELD, SpamProtectedForm
from tests.browser.conftest import CHROMIUM, IN_CI

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not IN_CI,
        reason=f"Chromium absent ({CHROMIUM}) : tests navigateur ignorés (apt-get install chromium)",
    ),
]

SITE_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "site.css"

axe = Axe()


class RegistrationForm(SpamProtectedForm, forms.Form):
    nom = forms.CharField(label="Nom")
    courriel = forms.EmailField(label="Adresse e-mail")


# A form rendered whole ({{ form }}), and one rendered field by field with the include.
TEMPLATES = {
    "whole": "{{ form }}",
    "field by field": (
        "{% for field in form.visible_fields %}<p>{{ field.label_tag }} {{ field }}</p>{% endfor %}"
        '{% include "guard/includes/spam_fields.html" with form=form only %}'
    ),
}


def show(page, template):
    form_html = Template(template).render(Context({"form": RegistrationForm()}))
    page.set_content(
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Inscription</title></head>'
        f'<body><main><h1>Inscription</h1><form method="post" action="/">{form_html}'
        '<button type="submit">Envoyer</button></form></main></body></html>'
    )
    page.add_style_tag(path=str(SITE_CSS))


@pytest.mark.parametrize("rendering", list(TEMPLATES))
def test_the_honeypot_passes_axe_and_is_out_of_sight(page, rendering):
    page.set_viewport_size({"width": 1280, "height": 900})
    show(page, TEMPLATES[rendering])
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
    assert "aria-hidden-focus" in {rule["id"] for rule in results.response["passes"]}
    box = page.locator(f'input[name="{HONEYPOT_FIELD}"]').bounding_box()
    assert box["x"] + box["width"] < 0  # off-screen, yet not display: none
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


@pytest.mark.parametrize("rendering", list(TEMPLATES))
def test_the_keyboard_goes_from_the_last_field_to_the_button(page, rendering):
    show(page, TEMPLATES[rendering])
    page.locator('input[name="nom"]').focus()
    reached = []
    for _ in range(3):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.name || document.activeElement.textContent"))
    assert reached[:2] == ["courriel", "Envoyer"]
    assert HONEYPOT_FIELD not in reached


def test_axe_would_complain_about_a_honeypot_reachable_by_keyboard(page):
    """Guards the test above against passing vacuously."""
    show(page, TEMPLATES["whole"])
    page.evaluate(f"document.querySelector('input[name=\"{HONEYPOT_FIELD}\"]').removeAttribute('tabindex')")
    results = axe.run(page)
    assert "aria-hidden-focus" in {violation["id"] for violation in results.response["violations"]}
