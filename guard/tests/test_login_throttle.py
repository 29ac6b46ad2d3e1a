"""The admin login throttle (django-axes through the cache, settings "Admin login throttle" in base.py): locks per
account and per address, the French page, the wait, no password hashed while locked, nothing in the database.

Axes is off in the test settings; every test here turns it on (the ``throttle`` fixture overrides the settings).
"""

from datetime import timedelta
from unittest import mock

import pytest
from axes.exceptions import AxesBackendRequestParameterRequired
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone

from guard.login_throttle import client_address, lockout_response

PASSWORD = "un mot de passe solide"
OFFICE = "203.0.113.7"
HOME = "198.51.100.20"
PUBLIC_PAGE = "/presentation/qui-sommes-nous/histoire-du-centre/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def throttle(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_MINUTES = 15
    settings.TRUSTED_PROXY_COUNT = 0


@pytest.fixture
def camille(django_user_model):
    return django_user_model.objects.create_superuser("camille", "camille@example.org", PASSWORD)


@pytest.fixture
def dominique(django_user_model):
    return django_user_model.objects.create_superuser("dominique", "dominique@example.org", PASSWORD)


def sign_in(client, username, password, address=OFFICE, **headers):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def fail(client, username, times, address=OFFICE, **headers):
    """``times`` wrong passwords; the statuses answered."""
    return [sign_in(client, username, "mauvais", address, **headers).status_code for _ in range(times)]


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def error_text(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(item.get_text(" ", strip=True) for item in soup.select(".messages li.error"))


def assert_locked(response):
    assert response.status_code == 429
    text = error_text(response)
    assert "Trop de tentatives de connexion échouées\u202f: par sécurité, la connexion est suspendue" in text
    assert "Réessayez dans 15 minutes, à partir de" in text
    assert response["Retry-After"] == "900"


def test_wrong_passwords_lock_the_account_at_the_limit_with_a_french_page_and_429(client, camille):
    assert fail(client, "camille", 4) == [200] * 4
    response = sign_in(client, "camille", "mauvais")
    assert_locked(response)
    soup = BeautifulSoup(response.content, "html.parser")
    # The admin's own login page, ready for the next try: the username kept, a form posting to the login view.
    assert soup.select_one("form.login-form[action='/admin/login/']") is not None
    assert soup.select_one("input[name='username']")["value"] == "camille"
    assert "Identifiant ou mot de passe" not in error_text(response)  # not the misleading "wrong password"


def test_a_locked_account_refuses_even_the_right_password_from_anywhere(client, camille):
    fail(client, "camille", 5)
    assert_locked(sign_in(client, "camille", PASSWORD))
    assert_locked(sign_in(client, "camille", PASSWORD, address=HOME))  # a distributed attack locks it too
    assert "_auth_user_id" not in client.session


def test_another_account_from_another_address_still_signs_in(client, camille, dominique):
    fail(client, "camille", 5)
    assert signed_in(sign_in(client, "dominique", PASSWORD, address=HOME))


def test_one_address_trying_many_accounts_is_locked(client, camille):
    statuses = [sign_in(client, f"inconnu{n}", "mauvais").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert_locked(sign_in(client, "camille", PASSWORD))  # an account it never tried: the address is locked
    assert signed_in(sign_in(client, "camille", PASSWORD, address=HOME))  # the account itself is not


def test_the_lock_lifts_after_the_cool_off_and_each_try_meanwhile_restarts_it(client, camille, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    fail(client, "camille", 5)
    time_machine.shift(timedelta(minutes=14))
    assert_locked(sign_in(client, "camille", PASSWORD))  # still locked, and the wait starts again
    time_machine.shift(timedelta(minutes=14))
    assert_locked(sign_in(client, "camille", PASSWORD))
    time_machine.shift(timedelta(minutes=15, seconds=1))
    assert signed_in(sign_in(client, "camille", PASSWORD))


def test_failures_further_apart_than_the_cool_off_do_not_add_up(client, camille, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    assert fail(client, "camille", 4) == [200] * 4
    time_machine.shift(timedelta(minutes=16))
    assert fail(client, "camille", 4) == [200] * 4


def test_a_successful_sign_in_clears_the_count_of_the_account_and_the_address(client, camille):
    assert fail(client, "camille", 4) == [200] * 4
    assert signed_in(sign_in(client, "camille", PASSWORD))
    client.logout()
    assert fail(client, "camille", 4) == [200] * 4  # counted from zero again: not locked at the first one
    assert signed_in(sign_in(client, "camille", PASSWORD))


def test_the_locked_request_hashes_no_password(client, camille):
    # Every hash goes through the hasher's encode(), checking a password (verify) included.
    with mock.patch.object(MD5PasswordHasher, "encode", autospec=True, side_effect=MD5PasswordHasher.encode) as encode:
        fail(client, "camille", 4)
        sign_in(client, "personne", "mauvais")  # an unknown account: Django hashes anyway, against timing attacks
        assert encode.call_count == 5  # the spy sees the hashing before the lock
        encode.reset_mock()
        for _ in range(3):
            assert_locked(sign_in(client, "camille", PASSWORD))
            assert_locked(sign_in(client, "personne", "mauvais"))
        assert encode.call_count == 0


def test_x_forwarded_for_is_ignored_without_a_trusted_proxy(client, camille):
    """Anyone can send the header: varying it must not escape the address's count."""
    statuses = [
        sign_in(client, f"inconnu{n}", "mauvais", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code for n in range(5)
    ]
    assert statuses[-1] == 429
    assert_locked(sign_in(client, "camille", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99"))


def test_behind_a_trusted_proxy_each_forwarded_client_is_counted_apart(client, camille, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    # The client may write entries of its own on the left: only the one our proxy appended counts.
    statuses = [
        sign_in(client, f"inconnu{n}", "mauvais", proxy, HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, {OFFICE}").status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert_locked(sign_in(client, "camille", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=OFFICE))
    assert signed_in(sign_in(client, "camille", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=HOME))


def test_the_counted_address_is_guards_client_key(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().post("/admin/login/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="2001:db8:1:2::7")
    assert client_address(request) == "2001:db8:1:2::/64"  # a whole IPv6 /64, which one host usually holds
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.1"


def test_nothing_is_written_to_axes_database_tables(client, camille, dominique):
    fail(client, "camille", 6)
    assert signed_in(sign_in(client, "dominique", PASSWORD, address=HOME))
    client.logout()
    assert AccessAttempt.objects.count() == AccessLog.objects.count() == AccessFailureLog.objects.count() == 0


def test_a_lock_leaves_password_reset_and_public_pages_alone(client, camille):
    fail(client, "camille", 5)
    assert client.get(PUBLIC_PAGE, REMOTE_ADDR=OFFICE).status_code == 200
    assert client.get("/admin/password_reset/", REMOTE_ADDR=OFFICE).status_code == 200
    response = client.post("/admin/password_reset/", {"email": "camille@example.org"}, REMOTE_ADDR=OFFICE)
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["camille@example.org"]]
    assert client.get("/admin/login/", REMOTE_ADDR=OFFICE).status_code == 200  # the form is still shown


def test_the_lock_page_of_its_own_when_the_login_page_cannot_be_reused(rf):
    request = rf.post("/admin/login/")
    request.user = AnonymousUser()  # what AuthenticationMiddleware gives a visitor
    response = lockout_response(request, original_response=None)
    assert response.status_code == 429 and response["Retry-After"] == "900"
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text(strip=True) == "Connexion suspendue"
    assert "Réessayez dans 15 minutes" in error_text(response)
    assert soup.select_one("a[href='/admin/login/']") is not None


def test_with_the_throttle_off_the_test_clients_sign_in_helpers_work(client, camille, settings):
    """The test settings switch axes off: ``client.login`` passes no request, which axes's backend refuses."""
    settings.AXES_ENABLED = False
    assert client.login(username="camille", password=PASSWORD)
    assert client.get("/admin/").status_code == 200
    client.logout()
    client.force_login(camille)
    assert client.get("/admin/").status_code == 200


def test_with_the_throttle_on_client_login_is_refused_for_want_of_a_request(client, camille):
    """Why the test settings switch axes off: its backend needs the request, which ``client.login`` never passes."""
    with pytest.raises(AxesBackendRequestParameterRequired):
        client.login(username="camille", password=PASSWORD)


def test_the_test_settings_switch_the_throttle_off():
    from cai_site.settings import test as test_settings

    assert test_settings.AXES_ENABLED is False
    assert get_user_model().USERNAME_FIELD == "username"  # what axes counts per account
