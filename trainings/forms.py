"""The public registration form of a training. Plain form fields (not a ModelForm) so that the page model, which
renders it, can import it; ``Registration.objects.register`` stores what ``registration_details()`` returns.
Protected from spam by guard (honeypot, minimum fill time; the view checks the rate limit)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import time as time_filter

from guard.spam import SpamProtectedForm
from pages.typography import format_date_fr

PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ./()\-]+$")
TIME_FORMAT = "H\\hi"  # 9h30


def seats_label(left):
    """ "Complet : inscription sur liste d'attente", "Plus qu'une place", "Plus que 3 places"… (None: no limit)."""
    if left is None:
        return ""
    if left == 0:
        return "Complet : inscription sur liste d'attente"
    if left == 1:
        return "Plus qu'une place"
    if left <= 5:
        return f"Plus que {left} places"
    return f"{left} places disponibles"


def session_label(session, left=None):
    """ "mardi 12 mai 2026, de 9h30 à 16h30 · Salle A — Plus que 2 places"."""
    label = (
        f"{format_date_fr(session.date, 'l j F Y')}, de {time_filter(session.starts_at, TIME_FORMAT)} "
        f"à {time_filter(session.ends_at, TIME_FORMAT)} · {session.place_label}"
    )
    seats = seats_label(left)
    return f"{label} — {seats}" if seats else label


class RegistrationForm(SpamProtectedForm, forms.Form):
    """Guard's honeypot and signed start time come with the mixin; the view calls ``check_submission``."""

    name = forms.CharField(
        label="Nom et prénom",
        max_length=150,
        error_messages={"required": "Indiquez votre nom et votre prénom."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Adresse e-mail",
        max_length=254,
        help_text="Nous y envoyons la confirmation et le lien pour annuler.",
        error_messages={
            "required": "Indiquez votre adresse e-mail.",
            "invalid": "Indiquez une adresse e-mail valide, par exemple nom@example.org.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label="Organisation",
        max_length=200,
        help_text="L'association, le service ou l'institution où vous travaillez ; sinon, « À titre personnel ».",
        error_messages={"required": "Indiquez votre organisation, ou « À titre personnel »."},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    phone = forms.CharField(
        label="Téléphone (facultatif)",
        max_length=40,
        required=False,
        help_text="Pour vous prévenir en cas de changement de dernière minute.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    session = forms.TypedChoiceField(
        label="Séance choisie",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez une séance.",
            "invalid_choice": "Choisissez une des séances proposées.",
        },
    )
    accessibility_needs = forms.CharField(
        label="Besoins d'accessibilité (facultatif)",
        max_length=1000,
        required=False,
        help_text="Mobilité, audition, vue, interprétation, autre : dites-nous comment bien vous accueillir.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label="J'accepte que le CAI utilise ces données pour gérer mon inscription à cette formation.",
        error_messages={"required": "Cochez cette case pour que nous puissions enregistrer votre inscription."},
    )

    def __init__(self, *args, training, sessions=(), seats=None, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.training = training
        self.request = request
        self.sessions = {session.pk: session for session in sessions}
        if training.session_choice:
            seats = seats or {}
            self.fields["session"].choices = [
                (session.pk, session_label(session, training.seats_left(session, seats))) for session in sessions
            ]
        else:
            del self.fields["session"]

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone and (not PHONE_CHARACTERS.match(phone) or sum(char.isdigit() for char in phone) < 8):
            raise ValidationError("Indiquez un numéro de téléphone valide, par exemple 081 12 34 56, ou rien.")
        return phone

    def error_summary(self):
        """(field id, label, message) of every error, in the form's order, for the summary at the top of the form;
        errors of the whole form come first, without a field id."""
        summary = [(None, "", error) for error in self.non_field_errors()]
        for name, field in self.fields.items():
            for error in self.errors.get(name, []):
                bound = self[name]
                target = bound.auto_id + ("_0" if isinstance(field.widget, forms.RadioSelect) else "")
                summary.append((target, field.label, error))
        return summary

    def registration_details(self):
        data = self.cleaned_data
        details = {name: data[name] for name in ("name", "email", "organisation", "phone", "accessibility_needs")}
        details["session"] = self.sessions[data["session"]] if "session" in data else None
        return details
