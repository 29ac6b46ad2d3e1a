"""Hostile input in every field of the contact form: never a 500, and what is accepted is stored as typed.

Must pass on PostgreSQL too (``DATABASE_URL=postgres://… pytest contact --migrations``): PostgreSQL refuses a NUL
byte in text and in JSON, where SQLite stores it.
"""

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from wagtail.contrib.forms.models import FormSubmission

from outbox.models import OutgoingMail

from .conftest import URL, soup, typed

pytestmark = pytest.mark.django_db

SUBJECTS = ["Parcours d'intégration", "Formations", "Autre question"]
TEXT_FIELDS = ["nom", "e_mail", "telephone", "message"]

PAYLOADS = [
    "\x00",
    "a\x00b",
    "\x01\x07\x08\x0b\x0c\x1b\x7f\x85",
    "Marie\r\nBcc: victime@example.org",
    "\r\n\r\n",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ settings.SECRET_KEY }}{% debug %}",
    "'; DROP TABLE wagtailforms_formsubmission; --",
    "' OR '1'='1",
    "%00%0d%0a",
    "\u202eabc\u202c\u200b\ufeff",
    "🏳️‍🌈👩🏽‍🏫 الصحة",
    "e\u0301" * 50,
    "\\u0000",
    "marie@example.org\nBcc: x@example.org",
]
huge = st.integers(min_value=255, max_value=12_000).flatmap(
    lambda size: st.sampled_from(["x", "é", "🏳️‍🌈", "\r\n", "<"]).map(lambda unit: unit * size)
)
hostile_text = st.one_of(
    st.text(max_size=300),  # any Unicode, control characters and NUL included
    st.text(alphabet=st.characters(codec="ascii"), max_size=80),
    st.sampled_from(PAYLOADS),
    st.lists(st.sampled_from(PAYLOADS), min_size=2, max_size=5).map("".join),
    huge,
)
hostile_values = st.fixed_dictionaries(
    {
        "nom": hostile_text,
        "e_mail": st.one_of(hostile_text, st.emails()),
        "telephone": hostile_text,
        "message": hostile_text,
        "sujet": st.one_of(st.sampled_from(SUBJECTS), hostile_text),
    }
)
# Hostile text the form accepts (no NUL, something besides spaces, within the length limits), with a valid address
# and subject: what is stored must be what was typed.
acceptable_text = hostile_text.filter(lambda text: "\x00" not in text and text.strip())
acceptable_values = st.fixed_dictionaries(
    {
        "nom": acceptable_text.filter(lambda text: len(text.strip()) <= 255),
        "e_mail": st.emails(),
        "telephone": acceptable_text.filter(lambda text: len(text.strip()) <= 255),
        "message": acceptable_text.filter(lambda text: len(text.strip()) <= 10_000),
        "sujet": st.sampled_from(SUBJECTS),
    }
)
HYPOTHESIS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
}


def post(client, values):
    before = FormSubmission.objects.count()
    response = client.post(URL, typed(**values))
    assert response.status_code in (200, 302), response.status_code
    event(f"status {response.status_code}")
    if response.status_code == 200:
        assert FormSubmission.objects.count() == before
        assert soup(response).select_one("[data-form-summary]") is not None
    return response


# 200 examples × 5 fields (1,000 values), then 200 × 3 hostile fields (600 values): 1,600 hostile values.
@settings(max_examples=200, **HYPOTHESIS)
@given(values=hostile_values)
@example(values={"nom": "a\x00b", "e_mail": "m@example.org", "telephone": "", "message": "x", "sujet": "Formations"})
@example(values={"nom": "Marie", "e_mail": "m@example.org", "telephone": "\x00", "message": "x", "sujet": "Formations"})
def test_hostile_values_in_every_field_never_cause_a_500(client, form_page, values):
    if post(client, values).status_code == 302:
        assert_stored_as_typed(values)


@settings(max_examples=200, **HYPOTHESIS)
@given(values=acceptable_values)
@example(
    values={
        "nom": " \x01 x",
        "e_mail": "m@example.org",
        "telephone": "\x7f",
        "message": "\r\n<b>\r\n",
        "sujet": "Autre question",
    }
)
def test_hostile_values_the_form_accepts_are_stored_and_mailed_as_typed(client, form_page, values):
    assert post(client, values).status_code == 302
    assert_stored_as_typed(values)


def assert_stored_as_typed(values):
    submission = FormSubmission.objects.latest("pk")
    for name in TEXT_FIELDS:
        assert submission.form_data[name] == values[name].strip()  # Django strips surrounding spaces, no more
    assert submission.form_data["sujet"] == values["sujet"]
    body = OutgoingMail.objects.latest("pk").body
    assert values["message"].strip() in body and values["nom"].strip() in body


@pytest.mark.parametrize("name", ["nom", "telephone", "message"])
def test_a_nul_byte_is_a_french_error_on_its_field(client, form_page, name):
    response = client.post(URL, typed(**{name: "avant\x00après"}))
    assert response.status_code == 200
    assert "Le caractère nul n’est pas autorisé." in soup(response).select_one(f"#id_{name}_error").get_text()
    assert FormSubmission.objects.count() == 0
