"""Whatever text a subject holds (a visitor may type it), the mail keeps the same headers: none can be injected."""

import email
import email.policy

from django.core.mail import EmailMessage
from hypothesis import given, settings
from hypothesis import strategies as st

from outbox.mail import SUBJECT_MAX_LENGTH, single_line

HEADERS = ["Content-Transfer-Encoding", "Content-Type", "Date", "From", "MIME-Version", "Message-ID", "Subject", "To"]
subjects = st.text(st.characters(exclude_categories=["Cs"]), max_size=400) | st.lists(
    st.sampled_from(["Bonjour", "\r", "\n", "\r\n", "Bcc: cible@example.org", ":", " ", "\u2028", "\x0b", "é"])
).map("".join)


@settings(max_examples=300, deadline=None, database=None)  # no .hypothesis/ folder in the tree
@given(subjects)
def test_any_subject_becomes_one_line_and_adds_no_header(subject):
    clean = single_line(subject, SUBJECT_MAX_LENGTH)
    assert len(clean) <= SUBJECT_MAX_LENGTH and clean == clean.strip()
    assert len(clean.splitlines()) <= 1

    raw = EmailMessage(clean, "Texte", "site@example.org", ["equipe@example.org"]).message().as_bytes()
    received = email.message_from_bytes(raw, policy=email.policy.default)
    assert sorted(received.keys()) == HEADERS
    assert " ".join(str(received["Subject"]).split()) == " ".join(clean.split())
