"""Dates and times typed in the admin are kept as typed, or refused with a French message: never silently changed.

Two things used to change them:

- in the browser, Wagtail's date/time picker (the jQuery "xdsoft" datetimepicker behind AdminDateInput,
  AdminTimeInput and AdminDateTimeInput) re-parses the field on blur with its one display format (``validateOnBlur``,
  on by default): what it cannot read with that format becomes *now* ("2027-01-20" with "d/m/Y" becomes today), and a
  time it half-reads keeps only the hour ("9h30" becomes 09:00). The widgets below turn that off; the picker still
  opens, and a click in it still writes the chosen value;
- on the server, Django's fields accept the locale's formats only ("9h30" refused; "20/01/27" read as the year 27).
  The fields below accept exactly the spellings editors use and refuse anything else with the expected form.

``register()`` makes them the admin's form fields for every model DateField, TimeField and DateTimeField (pages,
snippets, settings and their inline panels), in place of Wagtail's own overrides of the same fields.
"""

import copy
import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import from_current_timezone
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput

TIME_INVALID = "Heure invalide : écrivez-la comme 9h30 ou 09:30."
DATE_INVALID = "Date invalide : écrivez-la comme 20/01/2027."
DATETIME_INVALID = "Date et heure invalides : écrivez-les comme 20/01/2027 09:30."

# "9h30", "09h30", "9:30", "09:30" (an "H" as well as an "h").
TIME_PATTERN = re.compile(r"(?P<hour>\d{1,2})\s*[hH:]\s*(?P<minute>\d{2})")
# "20/01/2027" (the admin's display form) or "2027-01-20" (ISO).
DATE_PATTERNS = (
    re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})"),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
)


def parse_time(text):
    """The time written as "9h30", "09h30", "9:30" or "09:30"; None for anything else."""
    match = TIME_PATTERN.fullmatch(text.strip())
    if not match:
        return None
    try:
        return datetime.time(int(match["hour"]), int(match["minute"]))
    except ValueError:  # 25h00, 9h75
        return None


def parse_date(text):
    """The date written as "20/01/2027" or "2027-01-20"; None for anything else (including 31/02/2027)."""
    for pattern in DATE_PATTERNS:
        match = pattern.fullmatch(text.strip())
        if match:
            try:
                return datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
            except ValueError:
                return None
    return None


def parse_datetime(text):
    """A date and a time, as above, separated by spaces ("20/01/2027 09:30"); None for anything else."""
    parts = text.split()
    if len(parts) != 2:
        return None
    date, time = parse_date(parts[0]), parse_time(parts[1])
    if date is None or time is None:
        return None
    return datetime.datetime.combine(date, time)


class KeepTypedValue:
    """Widget mixin: the picker leaves what the editor typed alone when the field loses focus."""

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


class DateInput(KeepTypedValue, AdminDateInput):
    pass


class TimeInput(KeepTypedValue, AdminTimeInput):
    pass


class DateTimeInput(KeepTypedValue, AdminDateTimeInput):
    pass


def keeping_typed_value(widget):
    """``widget``, or a copy of it that keeps typed values if it is one of Wagtail's pickers: some admin forms pass
    their own (the publishing panel gives go_live_at/expire_at an AdminDateTimeInput tied to its dialog)."""
    for stock, ours in ((AdminDateTimeInput, DateTimeInput), (AdminDateInput, DateInput), (AdminTimeInput, TimeInput)):
        if isinstance(widget, stock) and not isinstance(widget, KeepTypedValue):
            widget = copy.copy(widget)
            widget.__class__ = ours  # ours add no state: the copy keeps its format and dialog
            return widget
    return widget


class KeepTypedWidgetField:
    def __init__(self, *, widget=None, **kwargs):
        super().__init__(widget=keeping_typed_value(widget), **kwargs)


class AdminTimeField(KeepTypedWidgetField, forms.TimeField):
    widget = TimeInput
    default_error_messages = {"invalid": TIME_INVALID}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.time):
            return value
        parsed = parse_time(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class AdminDateField(KeepTypedWidgetField, forms.DateField):
    widget = DateInput
    default_error_messages = {"invalid": DATE_INVALID}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        parsed = parse_date(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class AdminDateTimeField(KeepTypedWidgetField, forms.DateTimeField):
    """Read in the site's time zone (Brussels), as Django's own DateTimeField does."""

    widget = DateTimeInput
    default_error_messages = {"invalid": DATETIME_INVALID}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return from_current_timezone(value)
        if isinstance(value, datetime.date):
            return from_current_timezone(datetime.datetime.combine(value, datetime.time()))
        parsed = parse_datetime(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return from_current_timezone(parsed)


def register():
    """Use these fields and widgets in every admin model form (replaces Wagtail's overrides for the same fields)."""
    register_form_field_override(models.DateField, override={"form_class": AdminDateField, "widget": DateInput})
    register_form_field_override(models.TimeField, override={"form_class": AdminTimeField, "widget": TimeInput})
    register_form_field_override(
        models.DateTimeField, override={"form_class": AdminDateTimeField, "widget": DateTimeInput}
    )
