"""guard.spam: the honeypot, the signed start time, the rate limit, the neutral answer, and the mixin on both kinds
of form (a plain Django form, a Wagtail FormBuilder form)."""

import datetime
import logging
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.test import RequestFactory
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.utils import get_field_clean_name

from guard import spam
from guard.spam import (
    HONEYPOT_FIELD,
    NEUTRAL_MESSAGE,
    STARTED_FIELD,
    Reason,
    SpamProtectedForm,
    SpamRejected,
    check_submission,
    spam_protected,
)

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


class RegistrationForm(SpamProtectedForm, forms.Form):
    nom = forms.CharField(label="Nom")
    courriel = forms.EmailField(label="Adresse e-mail")


@pytest.fixture(autouse=True)
def spam_settings(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.SPAM_MIN_FILL_SECONDS = 3
    settings.SPAM_MAX_FORM_AGE_SECONDS = 24 * 3600
    settings.SPAM_RATE_LIMIT = 5
    settings.SPAM_RATE_WINDOW_SECONDS = 600
    return settings


@pytest.fixture
def clock(time_machine):
    """A clock stopped at START; ``clock.shift(seconds)`` moves it on."""
    time_machine.move_to(START, tick=False)
    return time_machine


def request_from(address="203.0.113.7"):
    return RequestFactory().post("/formulaire/", REMOTE_ADDR=address)


def sent_back(form, **changes):
    """What a browser sends back from ``form`` as rendered: every input's value, then ``changes``."""
    soup = BeautifulSoup(str(form), "html.parser")
    data = {field["name"]: field.get("value", "") for field in soup.find_all("input")}
    data.update({"nom": "Awa Diallo", "courriel": "awa@example.org"})
    data.update({name.replace("_", "-"): value for name, value in changes.items()})
    return data


def shown_and_sent(clock, after=10, form_class=RegistrationForm, **changes):
    """A form shown now, filled in for ``after`` seconds, sent back: the bound form, already validated."""
    data = sent_back(form_class(), **changes)
    clock.shift(after)
    form = form_class(data)
    assert form.is_valid(), form.errors
    return form


def rejection_of(form, request=None, scope="inscription"):
    with pytest.raises(SpamRejected) as rejected:
        check_submission(form, request or request_from(), scope=scope)
    return rejected.value.reason


# The form as shown


def test_the_form_gets_a_honeypot_and_a_hidden_signed_start_time():
    soup = BeautifulSoup(str(RegistrationForm()), "html.parser")
    honeypot = soup.find("input", attrs={"name": HONEYPOT_FIELD})
    started = soup.find("input", attrs={"name": STARTED_FIELD})
    assert honeypot["type"] == "text" and honeypot["tabindex"] == "-1" and honeypot["autocomplete"] == "off"
    assert started["type"] == "hidden" and started["value"]


def test_the_honeypot_is_rendered_in_its_hidden_wrapper_even_by_form_as_a_whole():
    """``{{ form }}`` puts it among the hidden fields: no label of the form's own is printed beside it."""
    html = str(RegistrationForm())
    soup = BeautifulSoup(html, "html.parser")
    wrapper = soup.find("input", attrs={"name": HONEYPOT_FIELD}).find_parent("div")
    assert wrapper["aria-hidden"] == "true" and "form-extra" in wrapper["class"]
    assert html.count("Laissez ce champ vide") == 1 and "Laissez ce champ vide" in wrapper.get_text()


def test_templates_looping_over_visible_fields_never_meet_the_guard_fields():
    form = RegistrationForm()
    assert [field.name for field in form.visible_fields()] == ["nom", "courriel"]
    assert {field.name for field in form.hidden_fields()} == {HONEYPOT_FIELD, STARTED_FIELD}


def test_the_include_renders_the_honeypot_hidden_and_the_start_time():
    html = render_to_string("guard/includes/spam_fields.html", {"form": RegistrationForm()})
    soup = BeautifulSoup(html, "html.parser")
    wrapper = soup.find("div")
    assert wrapper["aria-hidden"] == "true" and wrapper["class"] == ["form-extra"]
    label = wrapper.find("label")
    honeypot = label.find("input")  # labelled by its label, for anyone who sees it anyway
    assert label.get_text(strip=True) == "Laissez ce champ vide"
    assert honeypot["name"] == HONEYPOT_FIELD and honeypot["tabindex"] == "-1" and honeypot["autocomplete"] == "off"
    assert soup.find("input", attrs={"name": STARTED_FIELD})["type"] == "hidden"
    assert [field["name"] for field in soup.find_all("input")] == [HONEYPOT_FIELD, STARTED_FIELD]


def test_each_new_form_gets_a_new_start_time(clock):
    first = sent_back(RegistrationForm())[STARTED_FIELD]
    clock.shift(60)
    assert sent_back(RegistrationForm())[STARTED_FIELD] != first


def test_a_form_shown_again_with_its_errors_keeps_its_start_time(clock):
    """A person who corrects an error is not rejected as too fast: the start time is the one of the first showing."""
    data = sent_back(RegistrationForm(), courriel="pas-une-adresse")
    clock.shift(10)
    with_errors = RegistrationForm(data)
    assert not with_errors.is_valid()
    shown_again = sent_back(with_errors, courriel="awa@example.org")
    assert shown_again[STARTED_FIELD] == data[STARTED_FIELD]
    clock.shift(1)  # corrected in one second: quicker than the minimum, but counted from the first showing
    corrected = RegistrationForm(shown_again)
    assert corrected.is_valid()
    check_submission(corrected, request_from(), scope="inscription")


def test_the_guard_fields_stay_out_of_the_cleaned_data(clock):
    """Wagtail stores and mails cleaned_data whole: only what the visitor wrote is in it."""
    form = shown_and_sent(clock)
    assert form.cleaned_data == {"nom": "Awa Diallo", "courriel": "awa@example.org"}


# The checks


def test_a_person_who_takes_their_time_is_accepted(clock):
    assert check_submission(shown_and_sent(clock, after=45), request_from(), scope="inscription") is None


def test_a_filled_honeypot_is_rejected(clock):
    assert rejection_of(shown_and_sent(clock, site_internet="https://spam.example")) == Reason.HONEYPOT


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"site_internet": "\x00"}, Reason.HONEYPOT),
        ({"site_internet": "x" * 100_000}, Reason.HONEYPOT),
        ({"form_started": "\x00abc"}, Reason.FORGED_TOKEN),
    ],
)
def test_junk_in_the_guard_fields_is_no_field_error_but_the_neutral_rejection(clock, changes, reason):
    """A field error on a hidden field would tell a bot which check failed: the form stays valid, and is rejected."""
    assert rejection_of(shown_and_sent(clock, **changes)) == reason


def test_a_form_sent_faster_than_a_person_can_is_rejected(clock):
    assert rejection_of(shown_and_sent(clock, after=2)) == Reason.TOO_FAST


def test_the_minimum_time_is_a_setting(clock, settings):
    settings.SPAM_MIN_FILL_SECONDS = 20
    assert rejection_of(shown_and_sent(clock, after=19)) == Reason.TOO_FAST
    assert check_submission(shown_and_sent(clock, after=21), request_from(), scope="inscription") is None


@pytest.mark.parametrize("token", ["", "   "])
def test_a_missing_start_time_is_rejected(clock, token):
    assert rejection_of(shown_and_sent(clock, form_started=token)) == Reason.MISSING_TOKEN


def test_a_form_without_the_start_time_field_at_all_is_rejected(clock):
    data = sent_back(RegistrationForm())
    del data[STARTED_FIELD]
    clock.shift(10)
    form = RegistrationForm(data)
    assert form.is_valid()
    assert rejection_of(form) == Reason.MISSING_TOKEN


def forged_tokens():
    genuine = signing.TimestampSigner(salt=spam.SIGNER_SALT).sign("1000.000")
    value, timestamp, signature = genuine.split(":")
    return {
        "made up": "1772442000.000:1w2x3y:bm90LWEtc2lnbmF0dXJl",
        "earlier time, same signature": f"1.000:{timestamp}:{signature}",
        "another salt": signing.TimestampSigner(salt="contact").sign("1772442000.000"),
        "another key": signing.TimestampSigner(key="not-our-key", salt=spam.SIGNER_SALT).sign("1772442000.000"),
        "plain signer": signing.Signer(salt=spam.SIGNER_SALT).sign("1772442000.000"),
        "no separator": "garbage",
    }


@pytest.mark.parametrize("name", list(forged_tokens()))
def test_a_forged_start_time_is_rejected(clock, name):
    assert rejection_of(shown_and_sent(clock, form_started=forged_tokens()[name])) == Reason.FORGED_TOKEN


def test_a_form_older_than_the_maximum_age_is_rejected(clock):
    assert rejection_of(shown_and_sent(clock, after=24 * 3600 + 1)) == Reason.TOO_OLD


def test_a_form_a_little_younger_than_the_maximum_age_is_accepted(clock):
    assert check_submission(shown_and_sent(clock, after=23 * 3600), request_from(), scope="inscription") is None


def test_a_rejected_form_gets_a_new_start_time_and_an_empty_honeypot(clock):
    """A person whose form was left open too long, or whose browser filled the trap, gets through next time."""
    form = shown_and_sent(clock, after=2 * 24 * 3600, site_internet="autofill")
    assert rejection_of(form) == Reason.HONEYPOT
    shown_again = sent_back(form)
    assert shown_again[HONEYPOT_FIELD] == ""
    clock.shift(30)
    resent = RegistrationForm(shown_again)
    assert resent.is_valid()
    check_submission(resent, request_from(), scope="inscription")


def test_a_form_without_the_mixin_is_a_programming_error():
    class PlainForm(forms.Form):
        nom = forms.CharField()

    with pytest.raises(TypeError):
        check_submission(PlainForm({"nom": "x"}), request_from(), scope="inscription")


def test_a_form_with_a_prefix_is_checked_on_its_prefixed_fields(clock):
    shown = RegistrationForm(prefix="inscription")
    soup = BeautifulSoup(str(shown), "html.parser")
    data = {field["name"]: field.get("value", "") for field in soup.find_all("input")}
    data |= {"inscription-nom": "Awa", "inscription-courriel": "awa@example.org"}
    clock.shift(10)
    form = RegistrationForm(data, prefix="inscription")
    assert form.is_valid()
    check_submission(form, request_from(), scope="inscription")
    data["inscription-site-internet"] = "spam"
    form = RegistrationForm(data, prefix="inscription")
    assert form.is_valid()
    assert rejection_of(form) == Reason.HONEYPOT


# What is logged and shown


def test_a_rejection_is_logged_with_its_reason_and_client_but_never_the_content(clock, caplog):
    form = shown_and_sent(clock, after=1)
    with caplog.at_level(logging.INFO, logger="guard"):
        rejection_of(form, request_from("2001:db8:1:2::5"), scope="contact")
    (record,) = caplog.records
    assert record.name == "guard" and record.levelno == logging.INFO
    assert record.reason == "too-fast" and record.scope == "contact" and record.client_key == "2001:db8:1:2::/64"
    message = record.getMessage()
    assert "too-fast" in message and "2001:db8:1:2::/64" in message
    assert "Awa" not in message and "awa@example.org" not in message


def test_an_accepted_submission_is_not_logged(clock, caplog):
    form = shown_and_sent(clock)
    with caplog.at_level(logging.INFO, logger="guard"):
        check_submission(form, request_from(), scope="contact")
    assert not caplog.records


def test_the_message_shown_to_visitors_names_no_check():
    assert NEUTRAL_MESSAGE == (
        "Votre envoi n'a pas pu être traité. Attendez quelques minutes et réessayez, ou appelez-nous."
    )
    for word in ("rapide", "robot", "spam", "champ", "limite", "expiré"):
        assert word not in NEUTRAL_MESSAGE.lower()


# The rate limit


def submit(clock, address="203.0.113.7", scope="inscription"):
    """One submission by a patient person: None when accepted, the reason when rejected."""
    form = shown_and_sent(clock)
    try:
        check_submission(form, request_from(address), scope=scope)
    except SpamRejected as rejection:
        return rejection.reason
    return None


def test_the_limit_accepts_n_submissions_then_rejects(clock, settings):
    settings.SPAM_RATE_LIMIT = 3
    assert [submit(clock) for _ in range(4)] == [None, None, None, Reason.RATE_LIMITED]


def test_the_limit_counts_each_client_on_its_own(clock, settings):
    settings.SPAM_RATE_LIMIT = 2
    assert [submit(clock, "203.0.113.7") for _ in range(3)][-1] == Reason.RATE_LIMITED
    assert submit(clock, "203.0.113.8") is None


def test_the_limit_counts_an_ipv6_network_as_one_client(clock, settings):
    settings.SPAM_RATE_LIMIT = 2
    assert submit(clock, "2001:db8:1:2::1") is None
    assert submit(clock, "2001:db8:1:2::2") is None
    assert submit(clock, "2001:db8:1:2:ffff::3") == Reason.RATE_LIMITED
    assert submit(clock, "2001:db8:1:3::1") is None


def test_the_limit_counts_each_form_on_its_own(clock, settings):
    settings.SPAM_RATE_LIMIT = 2
    assert [submit(clock, scope="contact") for _ in range(3)][-1] == Reason.RATE_LIMITED
    assert submit(clock, scope="inscription") is None


def test_a_new_window_accepts_again(clock, settings):
    settings.SPAM_RATE_LIMIT = 2
    assert [submit(clock) for _ in range(3)][-1] == Reason.RATE_LIMITED
    clock.shift(600)
    assert submit(clock) is None


def test_a_rate_limit_of_zero_turns_it_off(clock, settings):
    settings.SPAM_RATE_LIMIT = 0
    assert [submit(clock) for _ in range(20)] == [None] * 20


def test_rejected_submissions_do_not_use_up_the_limit(clock, settings):
    settings.SPAM_RATE_LIMIT = 1
    rejection_of(shown_and_sent(clock, site_internet="spam"))
    rejection_of(shown_and_sent(clock, after=1))
    assert submit(clock) is None


def test_the_count_survives_its_key_expiring_between_add_and_incr(monkeypatch, settings):
    """``cache.add`` creates the key, it expires, ``cache.incr`` finds nothing: the submission starts a new count."""

    class ExpiringCache:
        def add(self, key, value, timeout):
            return True  # as if the key had been added and had expired at once

        def incr(self, key):
            raise ValueError(f"Key '{key}' not found")

    monkeypatch.setattr(spam, "cache", ExpiringCache())
    assert spam._count_submission("contact", "203.0.113.7") == 1


def test_the_count_lives_in_the_cache_for_one_window(clock):
    spam._count_submission("contact", "203.0.113.7")
    spam._count_submission("contact", "203.0.113.7")
    window = int(START.timestamp() // 600)
    assert cache.get(f"guard:rate:contact:203.0.113.7:{window}") == 2


# Both kinds of form


def wagtail_fields(*labels):
    """Field definitions as Wagtail's form pages store them (FormBuilder reads these attributes)."""
    return [
        SimpleNamespace(
            field_type=field_type,
            label=label,
            clean_name=get_field_clean_name(label),
            help_text="",
            required=required,
            default_value="",
            choices="",
        )
        for label, field_type, required in labels
    ]


@pytest.fixture
def wagtail_form_class():
    fields = wagtail_fields(
        ("Nom", "singleline", True),
        ("Site internet", "url", False),  # the honeypot's name is one no Wagtail field can take
        ("Message", "multiline", True),
    )
    return spam_protected(FormBuilder(fields).get_form_class())


def test_a_wagtail_form_class_gets_the_protection(clock, wagtail_form_class):
    shown = wagtail_form_class(page=None, user=None)
    soup = BeautifulSoup(str(shown), "html.parser")
    data = {field["name"]: field.get("value", "") for field in soup.find_all("input")}
    data |= {"nom": "Awa", "site_internet": "https://awa.example", "message": "Bonjour"}
    assert HONEYPOT_FIELD in data and STARTED_FIELD in data
    clock.shift(10)
    form = wagtail_form_class(data, {}, page=None, user=None)
    assert form.is_valid(), form.errors
    check_submission(form, request_from(), scope="contact")
    # What Wagtail stores (form_data=cleaned_data) and mails (every field in cleaned_data): the visitor's fields only.
    assert form.cleaned_data == {"nom": "Awa", "site_internet": "https://awa.example", "message": "Bonjour"}


def test_a_wagtail_form_with_a_filled_honeypot_is_rejected(clock, wagtail_form_class):
    data = sent_back(wagtail_form_class(), nom="Bot", message="Achetez", site_internet="https://spam.example")
    data["site-internet"] = "https://spam.example"
    clock.shift(10)
    form = wagtail_form_class(data, page=None, user=None)
    assert form.is_valid(), form.errors
    assert rejection_of(form, scope="contact") == Reason.HONEYPOT


def test_a_form_class_built_with_type_composes_with_the_mixin(clock):
    built = type("BuiltForm", (forms.Form,), {"nom": forms.CharField(), "courriel": forms.EmailField()})
    protected = spam_protected(built)
    assert issubclass(protected, SpamProtectedForm) and issubclass(protected, built)
    assert spam_protected(protected) is protected
    form = shown_and_sent(clock, form_class=protected)
    check_submission(form, request_from(), scope="contact")


def test_a_form_that_already_has_a_guard_field_name_is_refused():
    clashing = type("ClashingForm", (forms.Form,), {HONEYPOT_FIELD: forms.CharField()})
    with pytest.raises(ImproperlyConfigured):
        spam_protected(clashing)()


def test_a_model_form_takes_the_mixin_too(clock):
    from django.contrib.auth.models import Permission

    class PermissionForm(SpamProtectedForm, forms.ModelForm):
        class Meta:
            model = Permission
            fields = ["name"]

    data = sent_back(PermissionForm(), name="Peut inscrire")
    clock.shift(10)
    form = PermissionForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"name": "Peut inscrire"} and form.instance.name == "Peut inscrire"
    check_submission(form, request_from(), scope="permission")
