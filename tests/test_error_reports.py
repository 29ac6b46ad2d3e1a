"""Error reports: server errors mailed to ADMINS only when configured, a 500 page that promises only that, and a
request for a Host the site does not serve logged as one line."""

import io
import logging

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings

from cai_site.log_filters import OncePerError
from cai_site.settings.base import env_addresses

ADMINS = [("Équipe technique", "technique@example.org")]


def page_text(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").find("main").get_text(" ").split())


def mail_admins_handler():
    (handler,) = [
        handler for handler in logging.getLogger("django").handlers if handler.__class__.__name__ == "AdminEmailHandler"
    ]
    return handler


@pytest.fixture
def failing_client(db):
    once = [item for item in mail_admins_handler().filters if isinstance(item, OncePerError)]
    assert once, "the mail to ADMINS is not limited to one per error"
    once[0].last_sent.clear()  # earlier tests may have reported the same failure
    with override_settings(ROOT_URLCONF="tests.error_urls"):
        yield Client(raise_request_exception=False)
    once[0].last_sent.clear()


@pytest.fixture
def quiet_console():
    """The failure's traceback is expected here: keep it out of the test output."""
    console_levels = [(handler, handler.level) for handler in logging.getLogger().handlers]
    for handler, _level in console_levels:
        handler.setLevel(logging.CRITICAL)
    yield
    for handler, level in console_levels:
        handler.setLevel(level)


@pytest.mark.usefixtures("quiet_console")
def test_without_admins_no_mail_and_the_page_promises_nothing(failing_client):
    with override_settings(ADMINS=[]):
        response = failing_client.get("/panne-de-test/")
    assert response.status_code == 500
    text = page_text(response)
    assert "prévenue" not in text and "enregistrée" not in text
    assert "Si le problème persiste, prévenez-nous" in text
    assert mail.outbox == []


@pytest.mark.usefixtures("quiet_console")
def test_with_admins_the_error_is_mailed_once_and_the_page_says_so(failing_client, settings):
    settings.ADMINS = ADMINS
    response = failing_client.get("/panne-de-test/")
    assert response.status_code == 500
    assert "L'équipe technique en a été prévenue automatiquement." in page_text(response)
    assert len(mail.outbox) == 1
    report = mail.outbox[0]
    assert report.to == ["technique@example.org"]
    assert "/panne-de-test/" in report.subject
    assert "A failure for the error-report tests." in report.body
    # The same failure again (a database outage fails every request alike): no second mail for ten minutes.
    assert failing_client.get("/panne-de-test/?encore=1").status_code == 500
    assert len(mail.outbox) == 1


def test_bad_host_is_one_line_in_the_logs_and_mails_nobody(db, settings):
    settings.ADMINS = ADMINS
    logger = logging.getLogger("django.security.DisallowedHost")
    assert logger.propagate is False  # neither the root's traceback printer nor Django's mail_admins
    stream = io.StringIO()
    handler = logger.handlers[0]
    previous = handler.setStream(stream)
    try:
        response = Client().get("/", HTTP_HOST="sonde.example.net")
    finally:
        handler.setStream(previous)
    assert response.status_code == 400
    lines = stream.getvalue().splitlines()
    assert lines == [
        "Invalid HTTP_HOST header: 'sonde.example.net'. You may need to add 'sonde.example.net' to ALLOWED_HOSTS."
    ]
    assert mail.outbox == []


def test_admins_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_ADMINS", "Équipe technique <technique@example.org>, veille@example.org")
    assert env_addresses("DJANGO_ADMINS") == [
        ("Équipe technique", "technique@example.org"),
        ("veille@example.org", "veille@example.org"),
    ]
    monkeypatch.setenv("DJANGO_ADMINS", "")
    assert env_addresses("DJANGO_ADMINS") == []
    monkeypatch.setenv("DJANGO_ADMINS", "technique(at)example.org")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_ADMINS"):
        env_addresses("DJANGO_ADMINS")


def test_once_per_error_lets_different_errors_through():
    once = OncePerError(window_seconds=600)

    def record(error):
        try:
            raise error
        except Exception as caught:
            return logging.LogRecord(
                "django.request", logging.ERROR, __file__, 1, "Error: %s", ("/x/",), (type(caught), caught, None)
            )

    assert once.filter(record(RuntimeError("base de données injoignable")))
    assert not once.filter(record(RuntimeError("base de données injoignable")))
    assert once.filter(record(RuntimeError("autre panne")))
    assert once.filter(record(ValueError("base de données injoignable")))
