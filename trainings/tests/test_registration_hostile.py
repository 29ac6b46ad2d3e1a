"""Hostile input in every field of the training registration form: never a 500, what is accepted is stored as
typed, escaped wherever it is shown, neutralised in the CSV export, plain text in the mails, and no header or
recipient added to a mail.

Hypothesis generates the values and the Django test client posts them to the training's registration route, with
guard's minimum fill time and rate limit off. Generated values (each test says its count): 200 × 9 fields (1,800)
in every field at once, 150 × 9 fields (1,350) the form accepts, 150 session choices, 40 × 5 fields (200) shown in
the admin, the CSV export and the public pages: 3,500 in all, plus the fixed payloads of the last tests.

What the form does with them:

- The POST body is not read by ``ControlCharacterMiddleware`` (it checks the path and the query string: a control
  character there is its French 400). In a text field, a NUL byte is the form's French error "Le caractère nul
  n’est pas autorisé." (Django's ``ProhibitNullCharactersValidator``), so it never reaches the database, which
  PostgreSQL would refuse; the other control characters (CR, LF, ESC, DEL, C1…) are accepted and stored.
- What is accepted is stored exactly as typed but for one change: Django's ``CharField`` and ``EmailField`` strip
  the surrounding whitespace, with ``str.strip()`` (so also \\x1c–\\x1f, \\x85, U+00A0, U+2028, U+3000…), never
  anything inside. The session is the one chosen, among the training's own sessions that have not started.

Must pass on PostgreSQL too (``DATABASE_URL=postgres://… pytest trainings/tests/test_registration_hostile.py
--migrations``).
"""

import csv
import io
import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.utils.html import escape
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from guard.spam import HONEYPOT_FIELD, NEUTRAL_MESSAGE, SIGNER_SALT, STARTED_FIELD, new_start_token
from outbox.mail import as_email_message
from outbox.models import OutgoingMail
from pages.spreadsheets import neutralise
from trainings.models import Registration

from .helpers import VALID, session_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spam_checks_off")]

LISTING = "/admin/inscriptions/"
STAFF_ADDRESS = "formations@cai.example"  # make_training's registration e-mail
TEXT_FIELDS = ("name", "email", "organisation", "phone", "accessibility_needs")
HYPOTHESIS = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
}
# What Django says in English when a message was left untranslated.
ENGLISH = ("This field", "Enter a valid", "Ensure this value", "Null characters", "Select a valid")


@dataclass(frozen=True)
class Ref:
    """A value known only once the fixtures exist (a session's id, a fresh start token): resolved at post time."""

    kind: str


# Hostile text

PAYLOADS = [
    "\x00",
    "a\x00b",
    "\x01\x07\x08\x0b\x0c\x1b\x7f\x85",
    "Awa\r\nBcc: victime@example.org",
    "Awa\nCc: autre@example.org\nX-Injected: oui",
    "\r\n\r\n",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</textarea><script>alert(1)</script>",
    "{{ settings.SECRET_KEY }}{% debug %}",
    "'; DROP TABLE trainings_registration; --",
    "' OR '1'='1",
    "1; SELECT pg_sleep(10)--",
    "%00%0d%0a",
    "\\u0000",
    "&amp; &lt; &#x27;",
    "\u202eabc\u202c\u200b\ufeff",
    "🏳️‍🌈👩🏽‍🏫 الصحة",
    "e\u0301" * 50,
    '=HYPERLINK("http://x")',
    "+1",
    "-2",
    "@SUM(A1)",
    "=1+2;=3",
    "\t=cmd|' /C calc'!A0",
]
FORMULA_STARTERS = ["=", "+", "-", "@"]
HUGE_UNITS = ["x", "é", "🏳️‍🌈", "\r\n", "<", "\x1b"]
# Sizes around the fields' limits (150, 200, 1,000 characters), 10k and 100k.
HUGE_SIZES = [40, 41, 150, 151, 200, 201, 254, 255, 1000, 1001, 10_000, 100_000]

formula = st.tuples(st.sampled_from(FORMULA_STARTERS), st.text(max_size=40)).map("".join)
huge = st.tuples(st.sampled_from(HUGE_UNITS), st.sampled_from(HUGE_SIZES)).map(
    lambda unit_size: (unit_size[0] * unit_size[1])[: unit_size[1]]
)
hostile_text = st.one_of(
    st.text(max_size=300),  # any Unicode, control characters and NUL included
    st.text(alphabet=st.characters(codec="ascii"), max_size=80),
    st.sampled_from(PAYLOADS),
    st.lists(st.sampled_from(PAYLOADS), min_size=2, max_size=5).map("".join),
    formula,
    huge,
)

# What the form accepts: hostile text without NUL, not blank, within the field's limit once stripped, between
# whitespace that Django strips.
WHITESPACE = " \t\r\n\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000"
padding = st.text(alphabet=WHITESPACE, max_size=3)
ACCEPTED_PAYLOADS = [payload for payload in PAYLOADS if "\x00" not in payload]


def accepted_text(limit):
    at_limit = st.sampled_from([unit for unit in HUGE_UNITS if unit.strip() == unit]).map(
        lambda unit: (unit * limit)[:limit]
    )
    core = st.one_of(
        st.text(max_size=min(limit, 300)),
        st.text(alphabet=st.characters(codec="ascii"), max_size=80),
        st.sampled_from(ACCEPTED_PAYLOADS),
        st.lists(st.sampled_from(ACCEPTED_PAYLOADS), min_size=2, max_size=4).map("".join),
        formula,
        at_limit,
    ).filter(lambda text: "\x00" not in text and text.strip() and len(text.strip()) <= limit)
    return padded(core)


def padded(strategy):
    return st.tuples(padding, strategy, padding).map("".join)


# Addresses Django's EmailField accepts that look like trouble: a quoted local part may hold commas, "<", ">",
# quotes and most control characters (not CR, LF or NUL).
HOSTILE_VALID_EMAILS = [
    '"a,victime@example.org"@example.org',
    '"<script>alert(1)</script>"@example.org',
    '"\x01\x1b\x7f"@example.org',
    '"a\\"b"@example.org',
    "=1+2@example.org",
    "+1@example.org",
    "-2@example.org",
    "a'b@example.org",
    "a@exämple.org",
    "a@[127.0.0.1]",
]
HOSTILE_INVALID_EMAILS = [
    "a@example.org\r\nBcc: victime@example.org",
    "a@example.org, victime@example.org",
    "Awa <a@example.org>",
    '"a\r\nBcc: v@example.org"@example.org',
    "a\x00@example.org",
    '=HYPERLINK("http://x")@example.org',
    "a@example.org\x00",
    "@example.org",
    "a@",
]
valid_email = st.one_of(st.emails().filter(lambda address: len(address) <= 254), st.sampled_from(HOSTILE_VALID_EMAILS))
valid_phone = st.one_of(
    st.just(""),
    st.from_regex(r"\A[+\-(.]?[0-9][0-9 ./()\-]{7,30}\Z", fullmatch=True).filter(
        lambda phone: sum(char.isdigit() for char in phone) >= 8 and len(phone.strip()) <= 40
    ),
)

# The session of a "séances au choix" training: its open sessions, one that has started, another training's,
# two values, junk and huge numbers.
SESSION_REFS = ["open-0", "open-1", "started", "other-training", "open-padded", "open-plus", "open-as-float"]
session_junk = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["0", "-0", "-1", "1e999", "nan", "9" * 400, "٣", "0x10", "[1]", "", " "]),
    hostile_text,
)
session_value = st.one_of(st.none(), st.sampled_from([Ref(kind) for kind in SESSION_REFS]), session_junk)

# Guard's fields: the honeypot, and the signed start time.
TOKEN_REFS = ["fresh", "fresh-padded", "tampered", "other-salt", "signed-garbage", "signed-future", "twice"]
honeypot_value = st.one_of(st.none(), st.just(""), padding, hostile_text)
token_value = st.one_of(st.none(), st.sampled_from([Ref(kind) for kind in TOKEN_REFS]), hostile_text)
consent_value = st.one_of(st.none(), st.sampled_from(["on", "", "false", "0", "False", "off"]), hostile_text)


def every_field(**strategies):
    return st.fixed_dictionaries(strategies)


hostile_values = every_field(
    training=st.sampled_from(["choice", "whole"]),
    name=st.one_of(st.none(), st.just(VALID["name"]), hostile_text),
    email=st.one_of(st.none(), valid_email, st.sampled_from(HOSTILE_INVALID_EMAILS), hostile_text),
    organisation=st.one_of(st.none(), st.just(VALID["organisation"]), hostile_text),
    phone=st.one_of(st.none(), valid_phone, hostile_text),
    accessibility_needs=st.one_of(st.none(), st.just(""), hostile_text),
    session=session_value,
    consent=consent_value,
    **{HONEYPOT_FIELD: honeypot_value, STARTED_FIELD: token_value},
)
accepted_values = every_field(
    training=st.sampled_from(["choice", "whole"]),
    name=accepted_text(150),
    email=padded(valid_email),
    organisation=accepted_text(200),
    phone=padded(valid_phone),
    accessibility_needs=st.one_of(padding, accepted_text(1000)),
    session=st.sampled_from([Ref("open-0"), Ref("open-1")]),
    consent=st.one_of(st.just("on"), hostile_text.filter(lambda text: text and text.lower() not in ("false", "0"))),
    **{
        HONEYPOT_FIELD: st.one_of(st.none(), padding),
        STARTED_FIELD: st.sampled_from([Ref("fresh"), Ref("fresh-padded")]),
    },
)


# Fixtures and helpers


@pytest.fixture
def trainings(make_training):
    """A "séances au choix" training (one session started, one open with a single seat, one open without limit), a
    whole training, and another training whose session ids are not choices of the first."""
    choice = make_training(
        title="Séances au choix",
        session_choice=True,
        sessions=[session_in(0, start="00:00", end="23:59"), session_in(10), session_in(11, capacity=1)],
    )
    started, *open_sessions = choice.sorted_sessions()
    other = make_training(title="Autre formation", session_choice=True, sessions=[session_in(12)])
    return {
        "choice": choice,
        "whole": make_training(title="Cycle complet"),
        "open": open_sessions,
        "started": started,
        "other": other.sorted_sessions()[0],
    }


def resolve(value, trainings):
    """The value to post for a ``Ref``; any other value as it is."""
    if not isinstance(value, Ref):
        return value
    first, second = (str(session.pk) for session in trainings["open"])
    return {
        "open-0": lambda: first,
        "open-1": lambda: second,
        "started": lambda: str(trainings["started"].pk),
        "other-training": lambda: str(trainings["other"].pk),
        "open-padded": lambda: f" {first} ",
        "open-plus": lambda: f"+{first}",
        "open-as-float": lambda: f"{first}.0",
        "fresh": new_start_token,
        "fresh-padded": lambda: f" {new_start_token()}\r\n",
        "tampered": lambda: new_start_token()[:-1] + "A",
        "other-salt": lambda: signing.TimestampSigner(salt="another-form").sign(f"{time.time():.3f}"),
        "signed-garbage": lambda: signing.TimestampSigner(salt=SIGNER_SALT).sign("pas un nombre"),
        "signed-future": lambda: signing.TimestampSigner(salt=SIGNER_SALT).sign(f"{time.time() + 3600:.3f}"),
        "twice": lambda: [new_start_token(), "garbage"],  # two values: the form reads the last one
    }[value.kind]()


def form_data(values, trainings):
    data = {name: resolve(value, trainings) for name, value in values.items() if name != "training"}
    return {name: value for name, value in data.items() if value is not None}


def post(client, training, data):
    """Post ``data`` to the training's registration route; never a 500, and a 200 only with French errors."""
    registrations, mails = Registration.objects.count(), OutgoingMail.objects.count()
    response = client.post(training.url + "inscription/", data)
    assert response.status_code in (200, 302), response.status_code
    if currently_in_test_context():  # a Hypothesis test: the statistics count the statuses
        event(f"status {response.status_code}")
    if response.status_code == 200:
        assert (Registration.objects.count(), OutgoingMail.objects.count()) == (registrations, mails)
        summary = BeautifulSoup(response.content, "html.parser").select_one("[data-error-summary]")
        assert summary is not None, "a 200 without an error summary"
        text = summary.get_text(" ", strip=True)
        assert not any(english in text for english in ENGLISH), text
    else:
        assert "/inscription/merci/?ref=" in response["Location"]
        assert Registration.objects.count() == registrations + 1
    return response


def last_value(value):
    return value[-1] if isinstance(value, list) else value


def assert_stored_as_typed(data, trainings, training):
    """The newest registration holds what was posted, stripped of surrounding whitespace, and nothing else."""
    registration = Registration.objects.latest("pk")
    assert registration.training_id == training.pk
    for name in TEXT_FIELDS:
        assert getattr(registration, name) == data.get(name, "").strip(), name
    if training.session_choice:
        assert str(registration.session_id) == data["session"]
        assert registration.session in trainings["open"]
    else:
        assert registration.session is None
    # guard let it through: the honeypot was blank and the start token genuine
    assert not data.get(HONEYPOT_FIELD, "").strip()
    signing.TimestampSigner(salt=SIGNER_SALT).unsign(last_value(data[STARTED_FIELD]).strip())
    return registration


def assert_mailed_as_plain_text(registration):
    """The visitor's mail and the staff's: the values as typed in the body, one-line subjects, and headers that
    name exactly the intended recipients."""
    staff, visitor = OutgoingMail.objects.order_by("-pk")[:2]  # the newest two: the visitor's, then the staff's
    assert visitor.to == [registration.email] and visitor.reply_to == [STAFF_ADDRESS]
    assert staff.to == [STAFF_ADDRESS] and staff.reply_to == [registration.email]
    assert registration.name in visitor.body
    if registration.is_registered and registration.accessibility_needs:
        assert registration.accessibility_needs in visitor.body
    for value in (
        registration.name,
        registration.email,
        registration.organisation,
        registration.phone or "—",
        registration.accessibility_needs or "—",
    ):
        assert value in staff.body  # plain text: not escaped
    for mail in (visitor, staff):
        assert not any(char in mail.subject for char in "\r\n\x0b\x0c\x85\u2028\u2029")
        message = as_email_message(mail).message()
        assert message["Bcc"] is None and message["Cc"] is None and message["X-Injected"] is None
        assert "\n" not in message["Subject"].replace("\n ", "").replace("\n\t", "")  # only folding
        assert as_email_message(mail).recipients() == mail.to


# Every field at once


# 200 examples × 9 fields (name, e-mail, organisation, phone, accessibility needs, session, consent, honeypot,
# start token): 1,800 hostile values.
@settings(max_examples=200, **HYPOTHESIS)
@given(values=hostile_values)
@example(values={"training": "whole", **VALID, "name": "a\x00b", STARTED_FIELD: Ref("fresh")})
@example(values={"training": "whole", **VALID, "organisation": "x" * 100_000, STARTED_FIELD: Ref("fresh")})
@example(values={"training": "choice", **VALID, "session": "a\x00", HONEYPOT_FIELD: "\x00", STARTED_FIELD: "\x00"})
@example(
    values={"training": "choice", **VALID, "consent": "\x00", "session": Ref("open-0"), STARTED_FIELD: Ref("fresh")}
)
def test_hostile_values_in_every_field_never_cause_a_500(client, trainings, values):
    training = trainings[values["training"]]
    data = form_data(values, trainings)
    if post(client, training, data).status_code == 302:
        registration = assert_stored_as_typed(data, trainings, training)
        assert_mailed_as_plain_text(registration)


# 150 examples × 9 fields, of which name, organisation, phone, accessibility needs, e-mail and consent are hostile
# (the session, the blank honeypot and the start token are valid; the last two padded with whitespace): 1,350 values.
@settings(max_examples=150, **HYPOTHESIS)
@given(values=accepted_values)
@example(
    values={
        "training": "choice",
        "name": " \x01 <script>alert(1)</script>\r\nBcc: victime@example.org \u3000",
        "email": '\xa0"a,victime@example.org"@example.org\r\n',
        "organisation": '=HYPERLINK("http://x")',
        "phone": "+32 (0)81/12.34-56",
        "accessibility_needs": "\r\n@SUM(A1)\r\n\x1b[31m\u202e",
        "session": Ref("open-1"),
        "consent": "\x00",
        HONEYPOT_FIELD: "\u2028 ",
        STARTED_FIELD: Ref("fresh-padded"),
    }
)
@example(
    values={
        "training": "whole",
        "name": "é" * 150,
        "email": '"\x01\x1b\x7f"@example.org',
        "organisation": "🏳️‍🌈" * 50,  # 4 code points each: 200
        "phone": "-081 12 34 56",
        "accessibility_needs": "<" * 1000,
        "session": Ref("open-0"),
        "consent": "on",
        HONEYPOT_FIELD: None,
        STARTED_FIELD: Ref("fresh"),
    }
)
def test_hostile_values_the_form_accepts_are_stored_and_mailed_as_typed(client, trainings, values):
    training = trainings[values["training"]]
    data = form_data(values, trainings)  # the whole training ignores the session posted
    assert post(client, training, data).status_code == 302
    registration = assert_stored_as_typed(data, trainings, training)
    event(registration.status)
    assert_mailed_as_plain_text(registration)


# The session of a "séances au choix" training: 150 values (open, started, another training's, junk, huge numbers).
@settings(max_examples=150, **HYPOTHESIS)
@given(session=session_value)
@example(session=Ref("open-0"))
@example(session=Ref("open-1"))
@example(session=Ref("other-training"))
@example(session=Ref("started"))
@example(session=str(2**63))
@example(session="9" * 400)
def test_only_an_open_session_of_the_training_is_accepted(client, trainings, session):
    training = trainings["choice"]
    value = resolve(session, trainings)
    data = {**VALID, "session": value, STARTED_FIELD: new_start_token()}
    response = post(client, training, {name: value for name, value in data.items() if value is not None})
    if value in {str(session.pk) for session in trainings["open"]}:
        assert response.status_code == 302
        assert Registration.objects.latest("pk").session_id == int(value)
    else:
        assert response.status_code == 200
        error = BeautifulSoup(response.content, "html.parser").select_one("#id_session_error").get_text()
        expected = "Choisissez une séance." if value in (None, "") else "Choisissez une des séances proposées."
        assert expected in error


# Output: the admin, the CSV export and the public pages


def csv_rows(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = csv.reader(io.StringIO(content, newline=""), delimiter=";")
    return [dict(zip(header, row, strict=True)) for row in rows]


CSV_COLUMNS = {
    "name": "Nom et prénom",
    "email": "E-mail",
    "organisation": "Organisation",
    "phone": "Téléphone",
    "accessibility_needs": "Besoins d'accessibilité",
}


# What could open a tag if it reached the page raw ("<" alone, or "&", appear in every page anyway).
OPENS_A_TAG = re.compile(r"<[A-Za-z/!?]")


def assert_escaped(content, value):
    """``value`` is in the HTML escaped, and never raw when raw it could open a tag."""
    assert escape(value) in content
    if OPENS_A_TAG.search(value):
        assert value not in content


def assert_shown_escaped_and_exported_neutralised(admin_client, client, registration, confirmation):
    # The admin listing (name, e-mail, organisation) and the inspect view (every field).
    listing = admin_client.get(LISTING + f"?training={registration.training_id}")
    assert listing.status_code == 200
    content = listing.content.decode()
    for name in ("name", "email", "organisation"):
        assert_escaped(content, getattr(registration, name))
    inspect = admin_client.get(LISTING + f"inspect/{registration.pk}/")
    assert inspect.status_code == 200
    for name in TEXT_FIELDS:
        if getattr(registration, name):
            assert_escaped(inspect.content.decode(), getattr(registration, name))
    edit = admin_client.get(LISTING + f"edit/{registration.pk}/")
    assert edit.status_code == 200
    form = BeautifulSoup(edit.content, "html.parser")
    assert form.select_one("input[name=name]")["value"] == registration.name
    # The CSV export: the newest registration first; a cell starting as a formula gets a leading quote.
    rows = csv_rows(admin_client.get(LISTING + f"?training={registration.training_id}&export=csv"))
    for name, heading in CSV_COLUMNS.items():
        value = getattr(registration, name)
        assert rows[0][heading] == neutralise(value)
        assert rows[0][heading] == ("'" + value if value[:1] in FORMULA_STARTERS else value)
    # The public confirmation (the e-mail) and cancellation (the name) pages.
    assert_escaped(client.get(confirmation).content.decode(), registration.email)
    cancel = client.get(urlsplit(registration.cancel_url()).path)
    assert cancel.status_code == 200
    assert_escaped(cancel.content.decode(), registration.name)


# 40 examples × 5 fields (name, e-mail, organisation, phone, accessibility needs): 200 values, each shown in the
# admin listing, inspect and edit views, the CSV export, the confirmation and the cancellation pages.
@settings(max_examples=40, **HYPOTHESIS)
@given(values=accepted_values)
def test_accepted_values_are_escaped_in_pages_and_neutralised_in_the_csv_export(
    admin_client, client, trainings, values
):
    training = trainings[values["training"]]
    data = form_data(values, trainings)
    response = post(client, training, data)
    assert response.status_code == 302
    registration = assert_stored_as_typed(data, trainings, training)
    assert_shown_escaped_and_exported_neutralised(admin_client, client, registration, response["Location"])


ESCAPING_CASES = [
    # name, e-mail, organisation, phone, accessibility needs
    ("<script>alert(1)</script>", '"<script>alert(1)</script>"@example.org', '"><img src=x onerror=alert(1)>', "", ""),
    ('=HYPERLINK("http://x")', "=1+2@example.org", "+1", "+32 81 12 34 56", "-2"),
    ("@SUM(A1)", "-2@example.org", "-2", "-081 12 34 56", "@SUM(A1)\r\n=1+1"),
    ('"><img src=x onerror=alert(1)>', "+1@example.org", "<script>alert(1)</script>", "", "<script>alert(1)</script>"),
]


@pytest.mark.parametrize("name, email, organisation, phone, needs", ESCAPING_CASES)
def test_the_named_payloads_are_escaped_neutralised_and_mailed_as_typed(
    admin_client, client, trainings, name, email, organisation, phone, needs
):
    data = {
        **VALID,
        "name": name,
        "email": email,
        "organisation": organisation,
        "phone": phone,
        "accessibility_needs": needs,
        STARTED_FIELD: new_start_token(),
    }
    response = post(client, trainings["whole"], data)
    assert response.status_code == 302
    registration = assert_stored_as_typed(data, trainings, trainings["whole"])
    assert_shown_escaped_and_exported_neutralised(admin_client, client, registration, response["Location"])
    assert_mailed_as_plain_text(registration)
    listing = BeautifulSoup(admin_client.get(LISTING).content, "html.parser")
    assert not any("alert(1)" in script.get_text() for script in listing.find_all("script"))
    assert not listing.select("img[onerror]")
    row = listing.select_one("tbody tr")
    assert row.select_one("td.title a").get_text(strip=True) == name
    assert organisation in row.get_text()


def test_the_staff_cancel_message_escapes_the_name(admin_client, trainings):
    name = "<script>alert(1)</script>"
    data = {**VALID, "name": name, STARTED_FIELD: new_start_token()}
    assert post(admin_client, trainings["whole"], data).status_code == 302
    registration = Registration.objects.latest("pk")
    response = admin_client.post(LISTING + f"cancel/{registration.pk}/", follow=True)
    assert response.status_code == 200
    assert_escaped(response.content.decode(), name)
    registration.refresh_from_db()
    assert registration.status == "cancelled"


# No header injection, through a real SMTP server


def test_line_breaks_in_what_was_typed_add_no_header_nor_recipient(
    client, trainings, smtp_server, django_capture_on_commit_callbacks
):
    data = {
        **VALID,
        "name": "Awa\r\nBcc: victim@example.org",
        "organisation": "ASBL\r\nCc: autre@example.org\r\nX-Injected: oui",
        "accessibility_needs": "\r\n\r\nBcc: encore@example.org\nX-Injected: oui",
        STARTED_FIELD: new_start_token(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, trainings["whole"], data).status_code == 302
    messages = smtp_server.wait_for(2)
    assert sorted(recipients for _, recipients in smtp_server.envelopes) == [[VALID["email"]], [STAFF_ADDRESS]]
    for message in messages:
        assert message["Bcc"] is None and message["Cc"] is None and message["X-Injected"] is None
        assert "\n" not in message["Subject"] and "\r" not in message["Subject"]
    visitor = next(message for message in messages if message["To"] == VALID["email"])
    staff = next(message for message in messages if message["To"] == STAFF_ADDRESS)
    assert "Bonjour Awa\nBcc: victim@example.org," in visitor.get_body(("plain",)).get_content().replace("\r\n", "\n")
    body = staff.get_content().replace("\r\n", "\n")
    assert "Nom : Awa\nBcc: victim@example.org\n" in body
    assert "Organisation : ASBL\nCc: autre@example.org\nX-Injected: oui\n" in body
    assert "Besoins d'accessibilité : Bcc: encore@example.org\nX-Injected: oui" in body  # stripped, as stored
    assert staff["Reply-To"] == VALID["email"]


def test_an_address_with_a_quoted_comma_is_one_recipient(
    client, trainings, smtp_server, django_capture_on_commit_callbacks
):
    address = '"a,victim@example.org"@example.org'
    with django_capture_on_commit_callbacks(execute=True):
        data = {**VALID, "email": address, STARTED_FIELD: new_start_token()}
        assert post(client, trainings["whole"], data).status_code == 302
    smtp_server.wait_for(2)
    assert sorted(recipients for _, recipients in smtp_server.envelopes) == [[address], [STAFF_ADDRESS]]


# What the form never sees: the request itself


def test_a_control_character_in_the_query_string_is_the_french_400(client, trainings):
    data = {**VALID, STARTED_FIELD: new_start_token()}
    for query in ("?x=%00", "?%0D%0ABcc:=1", "?ref=%7F", "?x=%C2%85"):
        response = client.post(trainings["whole"].url + "inscription/" + query, data)
        assert response.status_code == 400
        assert "caractères qui ne sont pas acceptés" in response.content.decode()
    assert Registration.objects.count() == 0


def test_bytes_that_are_not_utf8_are_stored_as_replacement_characters(client, trainings):
    body = "&".join(
        [
            "name=%FF%FEAwa%C3",
            "email=awa%40example.org",
            "organisation=ASBL%80",
            "consent=on",
            f"{STARTED_FIELD}={new_start_token()}",
        ]
    )
    response = client.post(
        trainings["whole"].url + "inscription/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.name == "\ufffd\ufffdAwa\ufffd" and registration.organisation == "ASBL\ufffd"


def test_a_nul_byte_in_a_urlencoded_body_is_a_french_error(client, trainings):
    body = f"name=a%00b&email=awa%40example.org&organisation=ASBL&consent=on&{STARTED_FIELD}={new_start_token()}"
    response = client.post(
        trainings["whole"].url + "inscription/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    error = BeautifulSoup(response.content, "html.parser").select_one("#id_name_error").get_text()
    assert "Le caractère nul n’est pas autorisé." in error
    assert Registration.objects.count() == 0


def test_too_many_fields_or_too_big_a_body_is_a_400(client, trainings):
    url = trainings["whole"].url + "inscription/"
    data = {**VALID, STARTED_FIELD: new_start_token()}
    many = {**data, **{f"champ{number}": "x" for number in range(10_001)}}
    assert client.post(url, many).status_code == 400
    assert client.post(url, {**data, "accessibility_needs": "x" * 3_000_000}).status_code == 400
    assert Registration.objects.count() == 0


def test_a_spam_rejection_of_hostile_guard_fields_is_the_neutral_message(client, trainings):
    for honeypot, token in (("<script>alert(1)</script>", new_start_token()), ("", "=1+2"), ("", "x" * 100_000)):
        data = {**VALID, HONEYPOT_FIELD: honeypot, STARTED_FIELD: token}
        response = post(client, trainings["whole"], data)
        assert response.status_code == 200
        assert NEUTRAL_MESSAGE in response.content.decode().replace("&#x27;", "'")
        assert "<script>alert(1)</script>" not in response.content.decode()
