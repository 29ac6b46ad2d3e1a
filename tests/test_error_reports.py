"""Error reports: server errors mailed to ADMINS only when configured, a 500 page that promises only that, and a
request for a Host the site does not serve logged as one line."""

import io
import logging

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings

from cai_site.settings.base import env_addresses

ADMINS = [("Équipe technique", "technique@example.org")]


def page_text(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").find("main").get_text(" ").split())


@pytest.fixture
def failing_client(db):
    with override_settings(ROOT_URLCONF="tests.error_urls"):
        yield Client(raise_request_exception=False)


@pytest.fixture
def quiet_request_log():
    """The failure's traceback is expected here: keep it out of the test output."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


@pytest.mark.usefixtures("quiet_request_log")
def test_without_admins_no_mail_and_the_page_promises_nothing(failing_client):
    with override_settings(ADMINS=[]):
        response = failing_client.get("/panne-de-test/")
    assert response.status_code == 500
    text = page_text(response)
    assert "prévenue" not in text and "enregistrée" not in text
    assert "Si le problème persiste, prévenez-nous" in text
    assert mail.outbox == []


def test_with_admins_the_error_is_mailed_and_the_page_says_so(failing_client, settings):
    settings.ADMINS = ADMINS
    handlers = [
        handler for handler in logging.getLogger("django").handlers if handler.__class__.__name__ == "AdminEmailHandler"
    ]
    assert handlers, "Django's mail_admins handler is not configured"
    console_levels = [(handler, handler.level) for handler in logging.getLogger().handlers]
    for handler, _level in console_levels:
        handler.setLevel(logging.CRITICAL)  # the traceback is expected: keep it out of the test output
    try:
        response = failing_client.get("/panne-de-test/")
    finally:
        for handler, level in console_levels:
            handler.setLevel(level)
    assert response.status_code == 500
    assert "L'équipe technique en a été prévenue automatiquement." in page_text(response)
    assert len(mail.outbox) == 1
    report = mail.outbox[0]
    assert report.to == ["technique@example.org"]
    assert "/panne-de-test/" in report.subject
    assert "A failure for the error-report tests." in report.body


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
