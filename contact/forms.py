"""The contact form: the form visitors fill (built from the fields staff edit) and the admin form of its page."""

import datetime

from django import forms
from django.utils.formats import date_format
from wagtail.contrib.forms.forms import BaseForm, FormBuilder, WagtailAdminFormPageForm

from guard.spam import GUARD_FIELDS
from pages.forms import SitePageForm

# Fields every contact form has, added by the page's form class rather than stored as fields staff could delete.
SUBJECT_FIELD = "sujet"
CONSENT_FIELD = "consentement"
RESERVED_NAMES = {SUBJECT_FIELD, CONSENT_FIELD, *GUARD_FIELDS}

SUBJECT_LABEL = "Sujet"
MESSAGE_MAX_LENGTH = 10_000  # a long letter; Wagtail's multi-line field has no limit of its own


def consent_label(centre_name):
    return f"J'accepte que {centre_name} utilise ces informations pour répondre à ma demande."


class ContactForm(BaseForm):
    """The base of every contact form class that ``ContactFormBuilder`` builds."""

    def error_summary(self):
        """The errors for the summary at the top of the form: (anchor id or None, label, messages), in form order."""
        entries = [(None, "", list(self.non_field_errors()))] if self.non_field_errors() else []
        for bound_field in self:
            if bound_field.errors and not bound_field.is_hidden:
                entries.append((anchor_id(bound_field), bound_field.label, list(bound_field.errors)))
        return entries

    def submission_data(self):
        """What is stored for a valid submission: the visitor's values by field name (the guard's fields are out)."""
        return {name: value for name, value in self.cleaned_data.items() if name in self.fields}

    def notification_lines(self, data):
        """The stored ``data`` as plain-text lines "Label : value", in form order (the consent box left out)."""
        lines = []
        for name, field in self.fields.items():
            if name not in data or name == CONSENT_FIELD:
                continue
            value = plain_text(data[name])
            if "\n" in value or "\r" in value:
                lines.append(f"{field.label} :\n{value}")
            else:
                lines.append(f"{field.label} : {value}")
        return lines


def anchor_id(bound_field):
    """The id the error summary links to: the field's input, or the first option of a group of options."""
    if bound_field.field.widget.use_fieldset:
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label


def plain_text(value):
    """A stored value as staff read it in a mail: as typed, lists joined, dates in the French format."""
    if value is None or value == "":
        return "(non rempli)"
    if value is True:
        return "Oui"
    if value is False:
        return "Non"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or "(non rempli)"
    if isinstance(value, datetime.datetime):
        return date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


class ContactFormBuilder(FormBuilder):
    """Wagtail's FormBuilder, plus the subject choice (placed before the first multi-line field, the message, or
    last) and the consent box (always last), and a length limit on multi-line text."""

    def __init__(self, fields, subjects=(), centre_name="le centre"):
        super().__init__(fields)
        self.subjects = list(subjects)
        self.centre_name = centre_name

    def create_multiline_field(self, field, options):
        options.setdefault("max_length", MESSAGE_MAX_LENGTH)
        return super().create_multiline_field(field, options)

    @property
    def formfields(self):
        stored = super().formfields
        fields = {}
        subject = self.subject_field()
        for name, field in stored.items():
            if subject and isinstance(field.widget, forms.Textarea):
                fields[SUBJECT_FIELD], subject = subject, None
            fields[name] = field
        if subject:
            fields[SUBJECT_FIELD] = subject
        fields[CONSENT_FIELD] = forms.BooleanField(
            label=consent_label(self.centre_name),
            required=True,
            error_messages={"required": "Cochez cette case pour que nous puissions traiter votre demande."},
        )
        return fields

    def subject_field(self):
        if not self.subjects:
            return None
        return forms.ChoiceField(
            label=SUBJECT_LABEL,
            choices=[(subject, subject) for subject in self.subjects],
            widget=forms.RadioSelect,
            error_messages={"required": "Choisissez le sujet de votre message."},
        )

    def get_form_class(self):
        return type("ContactForm", (ContactForm,), self.formfields)


class ContactFormPageAdminForm(WagtailAdminFormPageForm, SitePageForm):
    """The page's admin form: Wagtail's checks of form fields and the site's checks of every page, plus a field
    name that would collide with the fields the page adds itself, and subjects given twice."""

    def clean(self):
        cleaned_data = super().clean()
        fields = self.formsets.get("form_fields")
        for form in active_forms(fields):
            name = form.instance.clean_name or form.instance.get_field_clean_name()
            if name in RESERVED_NAMES:
                form.add_error(
                    "label",
                    forms.ValidationError(
                        f"Le libellé « {form.cleaned_data.get('label', '')} » est réservé : le formulaire ajoute "
                        "lui-même le choix du sujet (liste « Sujets et destinataires ») et la case de consentement. "
                        "Choisissez un autre libellé."
                    ),
                )
        seen = set()
        for form in active_forms(self.formsets.get("subject_routes")):
            subject = form.cleaned_data.get("subject", "").strip()
            if subject in seen:
                form.add_error("subject", forms.ValidationError("Ce sujet figure déjà dans la liste."))
            seen.add(subject)
        return cleaned_data


def active_forms(formset):
    """The valid forms of an admin formset that are not being deleted."""
    if formset is None:
        return []
    return [form for form in formset.forms if form.is_valid() and not form.cleaned_data.get("DELETE", False)]
