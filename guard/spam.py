"""Spam protection for the public forms, without any third party: no captcha, no request to another origin.

Three checks, run by ``check_submission`` once the form is valid:

1. **Honeypot.** ``SpamProtectedForm`` adds a text field named ``site-internet``, labelled "Laissez ce champ vide",
   moved off-screen by CSS (``.form-extra`` in ``static/css/site.css``), ``tabindex="-1"``, ``autocomplete="off"``,
   in a wrapper with ``aria-hidden="true"``: people never see nor reach it (keyboard, screen reader), bots that
   fill every field fill it. Its widget counts as hidden, so Django's form rendering and ``form.hidden_fields()``
   put it with the hidden fields, and it renders its own wrapper and label.
2. **Time to fill.** A hidden field, ``form-started``, carries the moment the form was first shown, signed with
   ``TimestampSigner`` (salt of its own). Missing or forged: rejected. Younger than ``SPAM_MIN_FILL_SECONDS``:
   rejected (too fast for a person). Older than ``SPAM_MAX_FORM_AGE_SECONDS``: rejected. A bound form shown
   again with its errors keeps the start time it was sent with (a person correcting an error is not punished); a
   new, unbound form gets a new one.
3. **Rate limit.** At most ``SPAM_RATE_LIMIT`` accepted submissions per client (``guard.client_ip.client_ip_key``:
   the address, or its /64 in IPv6) and scope ("contact", "inscription"…) per fixed window of
   ``SPAM_RATE_WINDOW_SECONDS``, counted in Django's default cache. ``SPAM_RATE_LIMIT = 0`` turns it off (tests).
   The count is only shared between worker processes when the cache is (Redis): with the default LocMemCache,
   each process counts on its own, so the real limit is SPAM_RATE_LIMIT times the number of processes.

The settings are read at each call. A rejection raises ``SpamRejected`` (``.reason``: a ``Reason``), is logged on
the "guard" logger at INFO with the reason, the scope and the client's key (never what was submitted), and leaves
the form with a new start time and an empty honeypot, so that a person who sends it again later gets through.
The visitor only ever sees ``NEUTRAL_MESSAGE``, whatever the check that failed: it must not tell a bot which one.
Answer with the form page again, status 200, the form bound (what the person typed stays) and the message above
it; store nothing, mail nothing.

Pages that show a protected form carry a per-visitor, time-dependent field (like the CSRF token): they are left out
of any whole-page cache.

A plain Django form view::

    class RegistrationForm(SpamProtectedForm, forms.Form):  # the mixin first
        ...

    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            check_submission(form, request, scope="inscription")
        except SpamRejected:
            return render(request, template, {"form": form, "spam_message": NEUTRAL_MESSAGE})
        ...  # save, mail, redirect

A ``wagtail.contrib.forms`` page (``AbstractEmailForm``), whose form class FormBuilder builds at run time::

    def get_form_class(self):
        return spam_protected(super().get_form_class())

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
            if form.is_valid():
                try:
                    check_submission(form, request, scope="contact")
                except SpamRejected:
                    context = self.get_context(request) | {"form": form, "spam_message": NEUTRAL_MESSAGE}
                    return TemplateResponse(request, self.get_template(request), context)
                submission = self.process_form_submission(form)
                return self.render_landing_page(request, submission, *args, **kwargs)
            ...  # as Wagtail's serve(): the page again with the form's errors

The guard fields are taken out of ``cleaned_data`` (Wagtail stores and mails ``cleaned_data`` whole). Templates
that render ``{{ form }}`` or loop over ``form.visible_fields`` and ``form.hidden_fields`` need nothing more;
templates that name each field render the two guard fields with
``{% include "guard/includes/spam_fields.html" with form=form only %}``.
"""

import logging
import time
from enum import StrEnum

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from .cache_errors import CACHE_ERRORS, warn_once_a_minute
from .client_ip import client_ip_key

logger = logging.getLogger("guard")

# Names no Wagtail form field can take (FormBuilder's clean names are snake_case), so an editor who adds a field
# labelled "Site internet" does not collide with the honeypot.
HONEYPOT_FIELD = "site-internet"
STARTED_FIELD = "form-started"
GUARD_FIELDS = (HONEYPOT_FIELD, STARTED_FIELD)

HONEYPOT_LABEL = "Laissez ce champ vide"
NEUTRAL_MESSAGE = "Votre envoi n'a pas pu être traité. Attendez quelques minutes et réessayez, ou appelez-nous."

SIGNER_SALT = "guard.spam.form-started"


class Reason(StrEnum):
    HONEYPOT = "honeypot"
    MISSING_TOKEN = "missing-token"
    FORGED_TOKEN = "forged-token"
    TOO_FAST = "too-fast"
    TOO_OLD = "too-old"
    RATE_LIMITED = "rate-limited"


class SpamRejected(Exception):
    """A submission refused by ``check_submission``; ``reason`` says why (for logs and tests, never for visitors)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class HoneypotInput(forms.TextInput):
    """A text input that renders inside an off-screen, ``aria-hidden`` wrapper with its own label."""

    template_name = "guard/widgets/honeypot.html"
    # Hidden from people: form templates render it among the hidden fields, without their own label around it.
    is_hidden = True

    def __init__(self, attrs=None):
        super().__init__(attrs={"tabindex": "-1", "autocomplete": "off", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["label"] = HONEYPOT_LABEL
        return context


def new_start_token():
    """A signed token of the current moment, to put in a form when it is first shown."""
    return signing.TimestampSigner(salt=SIGNER_SALT).sign(f"{time.time():.3f}")


class GuardField(forms.CharField):
    """A field of the guard's own: never a field error (one would tell a bot which check failed, e.g. a NUL byte in
    the honeypot); ``check_submission`` reads its raw value and rejects with the neutral message."""

    def run_validators(self, value):
        return


class SpamProtectedForm:
    """Mix in before a Django form class (``class F(SpamProtectedForm, forms.Form)``): adds the honeypot and the
    signed start time, and keeps them out of ``cleaned_data``. See the module docstring."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in GUARD_FIELDS:
            if name in self.fields:
                raise ImproperlyConfigured(f"{type(self).__name__} already has a field named {name!r}.")
        self.fields[HONEYPOT_FIELD] = GuardField(label="", required=False, widget=HoneypotInput())
        # A callable initial: each unbound form gets a new start time; a bound one shows the time it was sent with.
        self.fields[STARTED_FIELD] = GuardField(
            label="", required=False, widget=forms.HiddenInput(), initial=new_start_token
        )

    @property
    def spam_fields(self):
        """The bound honeypot and start-time fields (rendered by ``guard/includes/spam_fields.html``)."""
        return [self[name] for name in GUARD_FIELDS]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data is None:
            cleaned_data = self.cleaned_data
        for name in GUARD_FIELDS:  # only what the visitor wrote is stored and mailed
            cleaned_data.pop(name, None)
        return cleaned_data


def spam_protected(form_class):
    """``form_class`` with ``SpamProtectedForm`` mixed in, for form classes built at run time (Wagtail's
    FormBuilder): ``return spam_protected(super().get_form_class())``."""
    if issubclass(form_class, SpamProtectedForm):
        return form_class
    return type(f"SpamProtected{form_class.__name__}", (SpamProtectedForm, form_class), {})


def check_submission(form, request, *, scope):
    """Accept or reject a valid submission of a ``SpamProtectedForm``: returns None when accepted, raises
    ``SpamRejected`` otherwise (after logging it and renewing the form's start time and honeypot).

    ``scope`` names the form for the rate limit ("contact", "inscription"): each form has its own count.
    Accepted submissions count towards the limit, so call it once per submission, just before saving.
    """
    if not isinstance(form, SpamProtectedForm):
        raise TypeError(f"{type(form).__name__} is not a SpamProtectedForm.")
    client_key = client_ip_key(request)
    try:
        _check_honeypot(form)
        _check_start_time(form)
        _check_rate(scope, client_key)
    except SpamRejected as rejection:
        logger.info(
            "Form submission rejected (%s): scope %s, client %s",
            rejection.reason,
            scope,
            client_key or "unknown",
            extra={"reason": str(rejection.reason), "scope": scope, "client_key": client_key},
        )
        _renew(form)
        raise


def _raw_value(form, name):
    return (form[name].data or "").strip()


def _check_honeypot(form):
    if _raw_value(form, HONEYPOT_FIELD):
        raise SpamRejected(Reason.HONEYPOT)


def _check_start_time(form):
    token = _raw_value(form, STARTED_FIELD)
    if not token:
        raise SpamRejected(Reason.MISSING_TOKEN)
    signer = signing.TimestampSigner(salt=SIGNER_SALT)
    try:
        started_at = float(signer.unsign(token, max_age=settings.SPAM_MAX_FORM_AGE_SECONDS))
    except signing.SignatureExpired:  # a BadSignature too: caught first
        raise SpamRejected(Reason.TOO_OLD) from None
    except (signing.BadSignature, ValueError):
        raise SpamRejected(Reason.FORGED_TOKEN) from None
    if time.time() - started_at < settings.SPAM_MIN_FILL_SECONDS:
        raise SpamRejected(Reason.TOO_FAST)


def _check_rate(scope, client_key):
    limit = settings.SPAM_RATE_LIMIT
    if limit <= 0:
        return
    if _count_submission(scope, client_key) > limit:
        raise SpamRejected(Reason.RATE_LIMITED)


def _count_submission(scope, client_key):
    """Count one submission in the current fixed window of (scope, client); returns the window's count so far."""
    window = settings.SPAM_RATE_WINDOW_SECONDS
    key = f"guard:rate:{scope}:{client_key}:{int(time.time() // window)}"
    try:
        cache.add(key, 0, timeout=window)
        try:
            return cache.incr(key)
        except ValueError:  # the key expired between add() and incr(): this submission starts a new count
            cache.add(key, 1, timeout=window)
            return 1
    except CACHE_ERRORS:  # Redis away: accept rather than lose the message (guard/cache_errors.py)
        warn_once_a_minute("the forms' rate limit")
        return 0


def _renew(form):
    """Give a rejected form a new start time and an empty honeypot, kept when it is shown again: a person who
    sends it again later is not refused for a stale form, or for what autofill put in the trap."""
    data = form.data.copy()
    data[form.add_prefix(STARTED_FIELD)] = new_start_token()
    data[form.add_prefix(HONEYPOT_FIELD)] = ""
    form.data = data
