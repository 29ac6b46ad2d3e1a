"""The admin's own mails: a staff member who forgot their password gets a French mail through a real SMTP server,
from the site's sender, with a link to the public address that lets them choose a new one; production takes the
mail server, the sender and the public address from the environment and refuses addresses that would reach nobody."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model

ROOT = Path(__file__).resolve().parent.parent.parent
PUBLIC_URL = "https://cai-namur.example"
SENDER = "CAI Namur <site@cai-namur.example>"


@pytest.fixture
def staff_member(db):
    return get_user_model().objects.create_user(
        "awa", "awa.diallo@cai-namur.example", "ancien mot de passe 2026", is_staff=False
    )


@pytest.fixture
def mail_settings(settings, smtp_server):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC_URL
    settings.DEFAULT_FROM_EMAIL = SENDER
    return smtp_server


@pytest.mark.django_db
def test_forgotten_password_mail_is_french_from_the_sender_and_its_link_sets_a_new_password(
    client, staff_member, mail_settings
):
    form = client.get("/admin/password_reset/")
    assert form.status_code == 200
    response = client.post("/admin/password_reset/", {"email": "AWA.DIALLO@cai-namur.example"})
    assert response.status_code == 302 and response.url == "/admin/password_reset/done/"

    message = mail_settings.wait_for(1)[0]
    assert mail_settings.envelopes[0] == ("site@cai-namur.example", ["awa.diallo@cai-namur.example"])
    assert message["From"] == SENDER
    assert message["To"] == "awa.diallo@cai-namur.example"
    assert message["Subject"] == "Réinitialisation de mot de passe"
    body = message.get_content()
    assert "Suivez le lien ci-dessous pour réinitialiser votre mot de passe" in body
    assert "Votre nom d'utilisateur (au cas où vous l'auriez perdu) : awa" in body
    links = re.findall(r"https?://\S+", body)
    assert len(links) == 1
    link = urlsplit(links[0])
    assert f"{link.scheme}://{link.netloc}" == PUBLIC_URL  # WAGTAILADMIN_BASE_URL, not the request's host

    confirm = client.get(link.path, follow=True)  # Django swaps the token for a session and redirects
    assert confirm.status_code == 200
    assert "Définissez votre nouveau mot de passe" in confirm.content.decode()
    set_password_url = confirm.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": "un nouveau mot de passe", "new_password2": "un nouveau mot de passe"}
    )
    assert done.status_code == 302 and done.url == "/admin/password_reset/complete/"

    staff_member.refresh_from_db()
    assert staff_member.check_password("un nouveau mot de passe")
    assert not staff_member.check_password("ancien mot de passe 2026")
    assert client.get(link.path, follow=True).content.decode().count("Lien de réinitialisation") >= 1  # used once


@pytest.mark.django_db
def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, staff_member, mail_settings):
    response = client.post("/admin/password_reset/", {"email": "personne@cai-namur.example"})
    assert response.status_code == 302 and response.url == "/admin/password_reset/done/"
    with pytest.raises(AssertionError):
        mail_settings.wait_for(1, timeout=0.5)


def production_settings(**env):
    """The mail settings that cai_site.settings.production computes from ``env`` in a fresh interpreter."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "EMAIL_", "DEFAULT_FROM_EMAIL", "SERVER_EMAIL", "WAGTAIL"))
    }
    names = [
        "EMAIL_BACKEND",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
        "EMAIL_USE_TLS",
        "EMAIL_USE_SSL",
        "DEFAULT_FROM_EMAIL",
        "SERVER_EMAIL",
        "WAGTAILADMIN_BASE_URL",
    ]
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    base = {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "cainamur.be,www.cainamur.be"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "cai_site.settings.production", **base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result, (json.loads(result.stdout) if result.returncode == 0 else None)


def test_production_takes_the_mail_server_and_sender_from_the_environment():
    result, values = production_settings(
        EMAIL_HOST="smtp.fournisseur.example",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="site@cainamur.be",
        EMAIL_HOST_PASSWORD="secret-du-serveur",
        EMAIL_USE_TLS="true",
        DEFAULT_FROM_EMAIL="CAI Namur <site@cainamur.be>",
        SERVER_EMAIL="erreurs@cainamur.be",
        WAGTAILADMIN_BASE_URL="https://www.cainamur.be/",
    )
    assert result.returncode == 0, result.stderr
    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.fournisseur.example",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "site@cainamur.be",
        "EMAIL_HOST_PASSWORD": "secret-du-serveur",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "DEFAULT_FROM_EMAIL": "CAI Namur <site@cainamur.be>",
        "SERVER_EMAIL": "erreurs@cainamur.be",
        "WAGTAILADMIN_BASE_URL": "https://www.cainamur.be",  # no trailing slash: Wagtail appends /admin/…
    }


def test_production_served_on_an_ip_address_starts_with_a_named_sender():
    result, values = production_settings(DJANGO_ALLOWED_HOSTS="127.0.0.1", DEFAULT_FROM_EMAIL="site@example.org")
    assert result.returncode == 0, result.stderr
    assert values["WAGTAILADMIN_BASE_URL"] == "https://127.0.0.1"


def test_production_without_an_address_or_sender_follows_the_first_allowed_host_never_localhost():
    result, values = production_settings()
    assert result.returncode == 0, result.stderr
    assert values["WAGTAILADMIN_BASE_URL"] == "https://cainamur.be"
    assert values["DEFAULT_FROM_EMAIL"] == values["SERVER_EMAIL"] == "site@cainamur.be"


@pytest.mark.parametrize(
    "env, error",
    [
        ({"WAGTAILADMIN_BASE_URL": "http://localhost:8000"}, "WAGTAILADMIN_BASE_URL must be the site's public https"),
        ({"WAGTAILADMIN_BASE_URL": "cainamur.be"}, "WAGTAILADMIN_BASE_URL must be the site's public https"),
        ({"WAGTAILADMIN_BASE_URL": "https://localhost"}, "must be one of DJANGO_ALLOWED_HOSTS"),
        ({"DEFAULT_FROM_EMAIL": "le site"}, "DEFAULT_FROM_EMAIL must be an e-mail address"),
        ({"DJANGO_ALLOWED_HOSTS": "*"}, "WAGTAILADMIN_BASE_URL and DEFAULT_FROM_EMAIL must be set in production"),
        ({"DJANGO_ALLOWED_HOSTS": "127.0.0.1"}, "'site@127.0.0.1' (made from the first of DJANGO_ALLOWED_HOSTS: set"),
    ],
)
def test_production_refuses_mail_settings_that_would_reach_nobody(env, error):
    result, _ = production_settings(**env)
    assert result.returncode != 0
    assert error in result.stderr
