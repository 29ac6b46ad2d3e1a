"""Fixtures for the registration tests: trainings open to registration, guard's checks turned off."""

import pytest

from trainings.factories import TrainingPageFactory
from trainings.models import RegistrationMode

from .helpers import session_in


@pytest.fixture
def spam_checks_off(settings):
    """Guard's minimum fill time and rate limit off: the tests post at once, and many times."""
    settings.SPAM_MIN_FILL_SECONDS = 0
    settings.SPAM_RATE_LIMIT = 0
    return settings


@pytest.fixture
def make_training(db):
    """A published training open to registration: ``make_training(capacity=2)``, ``make_training(
    session_choice=True, sessions=[session_in(10, capacity=1), …])``."""

    def make(**fields):
        fields.setdefault("registration_mode", RegistrationMode.ON_REQUEST)
        fields.setdefault("sessions", [session_in(20), session_in(21)])
        fields.setdefault("registration_email", "formations@cai.example")
        return TrainingPageFactory(**fields)

    return make
