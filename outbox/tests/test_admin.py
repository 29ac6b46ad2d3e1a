"""« Messages envoyés par le site » in the admin: read-only, unsent mails first, for users allowed to view them."""

import json
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from outbox.models import OutgoingMail
from outbox.wagtail_hooks import OutgoingMailViewSet

pytestmark = pytest.mark.django_db

INDEX = "/admin/outbox/"


def make_mail(subject, status=OutgoingMail.Status.SENT, kind="contact", **fields):
    fields = {"from_email": "site@example.org", "to": ["equipe@example.org"], "body": "Un message.", **fields}
    return OutgoingMail.objects.create(kind=kind, subject=subject, status=status, **fields)


@pytest.fixture
def staff_client(client):
    client.force_login(get_user_model().objects.create_superuser("admin", "admin@example.org", "un mot de passe"))
    return client


@pytest.fixture
def mails():
    return {
        "sent": make_mail("Inscription confirmée", kind="registration", attempts=1, sent_at=timezone.now()),
        "failed": make_mail(
            "Demande de contact",
            status=OutgoingMail.Status.FAILED,
            attempts=2,
            last_error="ConnectionRefusedError: [Errno 111] Connection refused",
        ),
        "pending": make_mail("Liste d'attente", status=OutgoingMail.Status.PENDING, kind="waiting-list"),
    }


def html_of(response):
    assert response.status_code == 200
    return unescape(response.content.decode())


def menu_items(client):
    """The admin menu: the sidebar's JSON props in the dashboard, with the accents written out."""
    html = client.get("/admin/").content.decode()
    props = html.split('<script id="wagtail-sidebar-props" type="application/json">')[1].split("</script>")[0]
    return json.dumps(json.loads(props), ensure_ascii=False)


def test_the_admin_menu_lists_the_messages_for_superusers(staff_client):
    menu = menu_items(staff_client)
    assert "Messages envoyés par le site" in menu and INDEX in menu


def test_the_listing_shows_unsent_mails_first_with_their_status_and_error(staff_client, mails):
    html = html_of(staff_client.get(INDEX))
    assert html.index("Demande de contact") < html.index("Inscription confirmée")
    assert html.index("Liste d'attente") < html.index("Inscription confirmée")
    for text in (
        "Non envoyé (échec, sera réessayé)",
        "Non envoyé (en attente)",
        "Envoyé",
        "ConnectionRefusedError: [Errno 111] Connection refused",
        "equipe@example.org",
        "waiting-list",
    ):
        assert text in html


def test_the_listing_filters_by_status_and_by_kind(staff_client, mails):
    html = html_of(staff_client.get(INDEX, {"status": "failed"}))
    assert "Demande de contact" in html and "Inscription confirmée" not in html and "Liste d'attente" not in html
    html = html_of(staff_client.get(INDEX, {"kind": "registration"}))
    assert "Inscription confirmée" in html and "Demande de contact" not in html


def test_staff_find_the_mails_sent_to_an_address(staff_client, mails):
    mails["pending"].to = ["amelie@example.org"]
    mails["pending"].save()
    html = html_of(staff_client.get(INDEX, {"q": "amelie@"}))
    assert "Liste d'attente" in html and "Demande de contact" not in html


def test_the_listing_escapes_html_in_subjects(staff_client):
    make_mail("<script>alert('x')</script> Bonjour", status=OutgoingMail.Status.FAILED)
    response = staff_client.get(INDEX)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert(" not in content
    assert "&lt;script&gt;alert(" in content


def test_the_message_page_shows_its_text_escaped_and_offers_no_edit(staff_client):
    mail = make_mail("Bonjour", body="Première ligne <b>\nDeuxième ligne", reply_to=["visiteur@example.org"])
    mail.attachments.create(filename="formation.ics", mimetype="text/calendar", content=b"BEGIN:VCALENDAR")
    response = staff_client.get(f"{INDEX}inspect/{mail.pk}/")
    content = response.content.decode()
    assert "Première ligne &lt;b&gt;<br>Deuxième ligne" in content
    html = html_of(response)
    assert "visiteur@example.org" in html and "formation.ics (text/calendar" in html
    assert f"{INDEX}edit/" not in html and f"{INDEX}delete/" not in html


@pytest.mark.parametrize("url", ["new/", "edit/{pk}/", "delete/{pk}/", "copy/{pk}/", "history/{pk}/"])
def test_nobody_adds_edits_or_deletes_a_message(staff_client, mails, url):
    assert staff_client.get(INDEX + url.format(pk=mails["sent"].pk)).status_code == 404


def test_the_listing_offers_no_add_button(staff_client, mails):
    assert f"{INDEX}new/" not in html_of(staff_client.get(INDEX))


def test_editors_without_the_view_permission_neither_see_nor_open_the_messages(client, mails):
    editor = get_user_model().objects.create_user("redaction", "redaction@example.org", "un mot de passe")
    editors = Group.objects.create(name="Rédaction")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(editors)
    client.force_login(editor)
    assert INDEX not in menu_items(client)
    assert client.get(INDEX).status_code == 302  # sent back to the dashboard with "permission denied"
    assert client.get(f"{INDEX}inspect/{mails['sent'].pk}/").status_code == 302

    editors.permissions.add(Permission.objects.get(codename="view_outgoingmail"))
    editor = get_user_model().objects.get(pk=editor.pk)  # forget the cached permissions
    client.force_login(editor)
    assert "Demande de contact" in html_of(client.get(INDEX))


def test_only_the_view_permission_is_offered_to_groups():
    codenames = set(OutgoingMailViewSet().get_permissions_to_register().values_list("codename", flat=True))
    assert codenames == {"view_outgoingmail"}
