"""A database outage answers the French 503 page (pages.errors.server_error), wherever the request meets it.

Runs on SQLite and on PostgreSQL (the test client; the connection is patched to refuse). The end-to-end outage,
with gunicorn and a real PostgreSQL behind a proxy that hangs or refuses, is in test_outages.py.
"""

import logging
import sqlite3
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from pages.errors import database_outage

pytestmark = pytest.mark.django_db

REFUSED = 'connection failed: connection to server at "127.0.0.1", port 5432 failed: Connection refused'


def refusing_database():
    """Every new cursor fails like a database that refuses connections."""
    return mock.patch.object(connection, "ensure_connection", side_effect=OperationalError(REFUSED))


def get(path, **extra):
    client = Client(raise_request_exception=False)
    with refusing_database():
        return client.get(path, **extra)


def assert_french_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert '<html lang="fr-BE">' in html
    assert "Le site est momentanément indisponible" in html
    assert "Réessayez dans quelques minutes" in html
    assert "Connection refused" not in html and "5432" not in html  # nothing of the error itself


@pytest.mark.parametrize(
    "path",
    [
        "/",  # Wagtail's site lookup and page routing
        "/presentation/qui-sommes-nous/",
        "/motifs/",  # a 404 for visitors: Wagtail's redirect middleware looks the path up
        "/recherche/?q=formation",
    ],
)
def test_public_pages_answer_503(path):
    assert_french_503(get(path))


def test_signed_in_editor_gets_503_from_the_session_lookup(admin_client):
    """With a session cookie, the session and the user are read from the database first."""
    admin_client.raise_request_exception = False
    with refusing_database():
        response = admin_client.get("/admin/")
    assert_french_503(response)


def test_logged_once_by_djangos_request_logger(caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        get("/presentation/")
    records = [record for record in caplog.records if record.name == "django.request"]
    assert len(records) == 1
    assert records[0].levelno == logging.ERROR
    assert records[0].status_code == 503
    assert isinstance(records[0].exc_info[1], OperationalError)


def test_other_database_errors_keep_the_500():
    """A missing table (a forgotten ``migrate``) is a bug to fix, not an outage to wait out."""
    client = Client(raise_request_exception=False)
    missing_table = wrapped(FakePsycopgError('relation "wagtailcore_site" does not exist', "42P01"))
    with mock.patch.object(connection, "ensure_connection", side_effect=missing_table):
        response = client.get("/presentation/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Le site rencontre un problème" in response.content.decode()


def wrapped(driver_error, django_class=OperationalError):
    """A Django database error raised from a driver's, as Django's DatabaseErrorWrapper does."""
    try:
        try:
            raise driver_error
        except Exception as error:
            raise django_class(*error.args) from error
    except django_class as django_error:
        return django_error


class FakePsycopgError(Exception):
    def __init__(self, message, sqlstate):
        super().__init__(message)
        self.sqlstate = sqlstate


def sqlite_error(message, name):
    error = sqlite3.OperationalError(message)
    error.sqlite_errorname = name
    return error


@pytest.mark.parametrize(
    ("error", "outage"),
    [
        (OperationalError(REFUSED), True),  # no driver code: could not connect
        (wrapped(FakePsycopgError("connection timeout expired", None)), True),
        (wrapped(FakePsycopgError("server closed the connection unexpectedly", None)), True),
        (wrapped(FakePsycopgError("the database system is shutting down", "57P03")), True),
        (wrapped(FakePsycopgError("canceling statement due to statement timeout", "57014")), True),
        (wrapped(FakePsycopgError("sorry, too many clients already", "53300")), True),
        (wrapped(FakePsycopgError("connection failure", "08006")), True),
        (wrapped(FakePsycopgError("connection already closed", None), InterfaceError), True),
        (wrapped(FakePsycopgError("deadlock detected", "40P01")), False),
        (wrapped(FakePsycopgError('relation "x" does not exist', "42P01")), False),
        (wrapped(sqlite_error("database is locked", "SQLITE_BUSY")), True),
        (wrapped(sqlite_error("unable to open database file", "SQLITE_CANTOPEN")), True),
        (wrapped(sqlite_error("no such table: x", "SQLITE_ERROR")), False),
        (ValueError("bug"), False),
        (None, False),
    ],
)
def test_what_counts_as_an_outage(error, outage):
    assert database_outage(error) is outage


def test_an_outage_behind_another_exception_counts():
    try:
        try:
            raise OperationalError(REFUSED)
        except OperationalError:
            raise RuntimeError("while rendering") from None
    except RuntimeError as error:
        assert database_outage(error) is True
